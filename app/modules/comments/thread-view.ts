// A thread as the side panel shows it: what listThreads (threads.server.ts) returns, safe for the browser.

export type ThreadStatus = "OPEN" | "RESOLVED";

export interface CommentView {
  id: string;
  author: string;
  /** The author's delegation code in this group, if any. */
  delegation: string | null;
  /** The delegation's colour (a neutral grey without one). */
  colour: string;
  /** Empty once deleted. */
  body: string;
  deleted: boolean;
  edited: boolean;
  /** ISO 8601. */
  createdAt: string;
  /** The viewer wrote it and may still change it. */
  mine: boolean;
}

export interface ThreadView {
  id: string;
  sectionKey: string;
  sectionTitle: string;
  /** Encoded Yjs relative positions; null for a thread on the whole section. */
  anchor: { start: string; end: string } | null;
  quote: string;
  /** The anchored text is gone from the document. */
  removed: boolean;
  status: ThreadStatus;
  /** ISO 8601. */
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  author: string;
  mine: boolean;
  mentionsMe: boolean;
  canReply: boolean;
  canResolve: boolean;
  comments: CommentView[];
}
