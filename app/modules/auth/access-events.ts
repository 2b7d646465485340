// Someone's access changed: their open collaboration sockets must follow within two seconds, on every
// process. The collaboration server registers a handler on globalThis (like LiveDocuments); with several
// processes a relay (Redis) carries each change to the others.

export type AccessChange =
  /** A membership was changed or removed: re-check that user's sockets on the group's papers. */
  | { type: "membership"; groupId: string; userId: string }
  /** Sessions ended (sign-out, password change): close their sockets. Without ids: every session of the user. */
  | { type: "sessions"; userId: string; sessionIds?: string[] };

type Handler = (change: AccessChange) => void;
const registry = globalThis as typeof globalThis & {
  __acuerdoAccessHandler?: Handler;
  __acuerdoAccessRelay?: Handler;
  __acuerdoAccessWatchers?: Set<Handler>;
};

function watchers(): Set<Handler> {
  registry.__acuerdoAccessWatchers ??= new Set();
  return registry.__acuerdoAccessWatchers;
}

/** Other open channels of this process (a page's event stream) follow access changes too. */
export function watchAccessChanges(watcher: Handler): () => void {
  watchers().add(watcher);
  return () => watchers().delete(watcher);
}

/** Whether a change ends what a session of `userId` may see of `groupId` (it must check again). */
export function concernsSession(
  change: AccessChange,
  who: { userId: string; sessionId: string; groupId: string },
): boolean {
  if (change.userId !== who.userId) return false;
  if (change.type === "sessions") return !change.sessionIds || change.sessionIds.includes(who.sessionId);
  return change.groupId === who.groupId;
}

export function onAccessChange(handler: Handler | undefined): void {
  registry.__acuerdoAccessHandler = handler;
}

export function setAccessRelay(relay: Handler | undefined): void {
  registry.__acuerdoAccessRelay = relay;
}

export function publishAccessChange(change: AccessChange): void {
  registry.__acuerdoAccessHandler?.(change);
  for (const watcher of watchers()) watcher(change);
  registry.__acuerdoAccessRelay?.(change);
}

/** A change that came from another process: applied here, not relayed again. */
export function applyRelayedAccessChange(change: AccessChange): void {
  registry.__acuerdoAccessHandler?.(change);
  for (const watcher of watchers()) watcher(change);
}
