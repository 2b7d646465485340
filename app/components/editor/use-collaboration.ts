import { useEffect, useState } from "react";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { loadLiveEditing, loadedLiveEditing, useLiveEditing, type LiveEditing } from "./use-live-editing";

/** Who I am in the shared awareness; the server overwrites it with my session's identity anyway. */
export interface CollaborationUser {
  name: string;
  delegation: string | null;
  colour: string;
}

/** The one Y.Doc and the one WebSocket provider of a paper, both alive only in the browser. */
export interface Collaboration {
  paperId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The code that edits and reads the document (loaded after the page's first render). */
  live: LiveEditing;
}

export type ConnectionKind = "connecting" | "connected" | "reconnecting" | "offline" | "closed";

export interface ConnectionView {
  kind: ConnectionKind;
  /** Local edits made since the socket was last connected and synced. */
  pendingEdits: number;
  /** True once the server's copy of the document has arrived at least once. */
  everSynced: boolean;
}

interface ConnectionFacts {
  status: "connecting" | "connected" | "disconnected";
  synced: boolean;
  everSynced: boolean;
  pendingEdits: number;
  online: boolean;
  closed: boolean;
}

/** What to tell the person about the connection, from the raw facts the provider reports. */
export function describeConnection(facts: ConnectionFacts): ConnectionView {
  const { pendingEdits, everSynced } = facts;
  let kind: ConnectionKind;
  if (facts.closed) kind = "closed";
  else if (facts.status === "connected" && facts.synced) kind = "connected";
  else if (!everSynced && pendingEdits === 0 && facts.online) kind = "connecting";
  // The provider flips between "disconnected" and "connecting" on every retry; edits waiting (or the
  // browser saying it is offline) is the stable signal worth showing.
  else if (pendingEdits > 0 || !facts.online) kind = "offline";
  else kind = "reconnecting";
  return { kind, pendingEdits, everSynced };
}

const initialFacts: ConnectionFacts = {
  status: "connecting",
  synced: false,
  everSynced: false,
  pendingEdits: 0,
  online: true,
  closed: false,
};

function collabServerUrl(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
}

/** Documents opened ahead of the page (see warmCollaboration), waiting to be adopted by it. */
const warm = new Map<string, { doc: Y.Doc; provider: WebsocketProvider; timer: number }>();
/** Papers whose document opens ahead as soon as the editor's code has arrived. */
const warming = new Set<string>();

/**
 * Starts opening a paper's document and socket before its page renders (from the route's clientLoader,
 * so the editor's code, the socket's handshake and the first sync overlap the loader's request instead of
 * following it). The page adopts it; one nobody adopts within 15 s is closed.
 */
export function warmCollaboration(paperId: string): void {
  if (typeof window === "undefined" || warm.has(paperId) || warming.has(paperId)) return;
  const live = loadedLiveEditing();
  if (live) return openWarm(live, paperId);
  warming.add(paperId);
  loadLiveEditing().then(
    (module) => {
      // Dropped (or adopted: the page then opens its own) while the code was on its way.
      if (warming.delete(paperId)) openWarm(module, paperId);
    },
    () => warming.delete(paperId),
  );
}

function openWarm(live: LiveEditing, paperId: string): void {
  const doc = new live.Doc();
  const provider = new live.WebsocketProvider(collabServerUrl(), paperId, doc);
  const timer = window.setTimeout(() => {
    warm.delete(paperId);
    provider.destroy();
    doc.destroy();
  }, 15_000);
  warm.set(paperId, { doc, provider, timer });
}

/** Closes a document opened ahead for a page that will not render (its loader refused). */
export function dropWarmCollaboration(paperId: string): void {
  const entry = adoptWarm(paperId);
  entry?.provider.destroy();
  entry?.doc.destroy();
}

function adoptWarm(paperId: string): { doc: Y.Doc; provider: WebsocketProvider; timer: number } | null {
  warming.delete(paperId);
  const entry = warm.get(paperId);
  if (!entry) return null;
  warm.delete(paperId);
  window.clearTimeout(entry.timer);
  return entry;
}

/**
 * Opens the paper's Yjs document over /collab/<paperId> (the session cookie authenticates the socket)
 * and reports the connection. Returns no document during SSR and until the editor's code has arrived and
 * the effect has run.
 */
export function useCollaboration(
  paperId: string,
  user: CollaborationUser,
): { collab: Collaboration | null; connection: ConnectionView } {
  const [collab, setCollab] = useState<Collaboration | null>(null);
  const [facts, setFacts] = useState<ConnectionFacts>(initialFacts);
  const live = useLiveEditing();

  useEffect(() => {
    if (!live) return;
    const adopted = adoptWarm(paperId);
    const doc = adopted?.doc ?? new live.Doc();
    // connect: false, then connect on the next tick: React's StrictMode mounts effects twice in
    // development, and closing a socket that is still connecting makes the browser log an error.
    const provider =
      adopted?.provider ?? new live.WebsocketProvider(collabServerUrl(), paperId, doc, { connect: false });
    const update = (change: Partial<ConnectionFacts>) => setFacts((previous) => ({ ...previous, ...change }));
    // An adopted socket may already be open and synced: start from what it has reached.
    setFacts({
      ...initialFacts,
      online: navigator.onLine,
      status: provider.wsconnected ? "connected" : "connecting",
      synced: provider.synced,
      everSynced: provider.synced,
    });

    const onStatus = ({ status }: { status: ConnectionFacts["status"] }) => {
      update({ status, closed: false });
      if (status !== "connected") return;
      // A server that saw this client before still holds its last awareness clock and ignores a
      // re-announcement with the same clock; bumping it makes us reappear at once, not ~15 s later.
      const state = provider.awareness.getLocalState();
      if (state) provider.awareness.setLocalState({ ...state });
    };
    const onSync = (synced: boolean) => {
      if (synced) setFacts((previous) => ({ ...previous, synced: true, everSynced: true, pendingEdits: 0 }));
      else update({ synced: false });
    };
    const onClosed = () => update({ closed: true, status: "disconnected", synced: false });
    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      // Updates from the server arrive with the provider as origin; everything else was typed here.
      if (origin === provider) return;
      if (provider.wsconnected && provider.synced) return;
      setFacts((previous) => ({ ...previous, pendingEdits: previous.pendingEdits + 1 }));
    };
    // A socket can look open for a long while after the network went away, and edits sent into it
    // would be reported as delivered. When the browser says it is offline we close it ourselves, so
    // edits wait here (and are counted) until the network is back, then reconnect at once.
    const onOnline = () => {
      update({ online: true });
      provider.connect();
    };
    const onOffline = () => {
      update({ online: false });
      provider.disconnect();
    };

    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("closed", onClosed);
    doc.on("update", onDocUpdate);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    const connectTimer = adopted ? 0 : window.setTimeout(() => provider.connect(), 0);
    setCollab({ paperId, doc, provider, live });

    return () => {
      window.clearTimeout(connectTimer);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      doc.off("update", onDocUpdate);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("closed", onClosed);
      setCollab(null);
      // destroy() tells the others we left, closes the socket and stops its timers; destroying the
      // document also stops the awareness heartbeat.
      provider.destroy();
      doc.destroy();
    };
  }, [paperId, live]);

  const { name, delegation, colour } = user;
  useEffect(() => {
    // `color` is the field the caret extension reads; `colour` is ours. The server sets both.
    collab?.provider.awareness.setLocalStateField("user", { name, delegation, color: colour, colour });
  }, [collab, name, delegation, colour]);

  return {
    collab: collab?.paperId === paperId ? collab : null,
    connection: describeConnection(facts),
  };
}
