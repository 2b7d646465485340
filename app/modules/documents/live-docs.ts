import type { PaperStatus } from "~/modules/policy/policy";

// The collaboration server (server/collab) holds the live documents; the Remix side reaches it only
// through this interface, registered once per process on globalThis.

export interface LiveDocuments {
  /** The paper's current Yjs state, including updates not yet written to the database. */
  encodeState(paperId: string): Promise<Uint8Array | null>;
  /** A paper's status changed: its connections become read-only or writable within the second. */
  statusChanged(paperId: string, status: PaperStatus): void;
  /** Applies a change the server makes (a Word import): to the live document and the update log. */
  applyServerUpdate(paperId: string, update: Uint8Array): Promise<void>;
}

const registry = globalThis as typeof globalThis & { __acuerdoLiveDocuments?: LiveDocuments };

export function registerLiveDocuments(live: LiveDocuments): void {
  registry.__acuerdoLiveDocuments = live;
}

export function getLiveDocuments(): LiveDocuments | null {
  return registry.__acuerdoLiveDocuments ?? null;
}
