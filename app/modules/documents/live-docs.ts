import type * as Y from "yjs";
import type { DraftingMode, PaperStatus } from "~/modules/policy/policy";

// The collaboration server (server/collab) holds the live documents; the Remix side reaches it only
// through this interface, registered once per process on globalThis.

export interface LiveDocuments {
  /** The paper's current Yjs state, including updates not yet written to the database. */
  encodeState(paperId: string): Promise<Uint8Array | null>;
  /**
   * Runs `read` on the paper's live document itself, not a copy (null when nobody has it open). `read`
   * must be synchronous and must not change the document: it sees the state of one moment.
   */
  readDoc<T>(paperId: string, read: (doc: Y.Doc) => T): Promise<{ value: T } | null>;
  /** A paper's status changed: its connections become read-only or writable within the second. */
  statusChanged(paperId: string, status: PaperStatus): void;
  /** A paper's drafting mode changed: its connections' next updates are judged by it. */
  draftingChanged(paperId: string, mode: DraftingMode): void;
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
