import * as Y from "yjs";
import { readRowsAnywhere } from "~/sql.server";
import { loadStoredState } from "./doc-store.server";

// Pages read the documents of papers nobody has open (translation states and comment anchors on the
// paper page, out-of-date translations on the group page). Rebuilding each from the database on every
// request was most of the group page's time. A document read here is kept between requests for as long
// as its stored state has not changed, which one small query tells: the snapshot's last folded update
// and when it was written, and the tail's row count and largest id. Anything written since (by this process or another, before or
// after a compaction) changes one of them, and the document is read afresh. Documents are only read
// through it, never changed.

/** Bytes of stored state kept at most (the whole cache; least recently used documents go first). */
const MAX_BYTES = 16 * 1024 * 1024;

interface Entry {
  key: string;
  doc: Y.Doc;
  bytes: number;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;

/**
 * SQL for what identifies the stored state of the paper whose id is `paperId` (a column or a parameter):
 * the snapshot's last folded update and when it was written, and the tail's row count and largest id.
 * For reads that want the key with other facts of a paper in the same statement.
 */
export function storedStateKeySql(paperId: string): string {
  return `(SELECT coalesce(max(s."throughUpdateId"::text || '@' || s."updatedAt"::text), '-')
             FROM "PaperSnapshot" s WHERE s."paperId" = ${paperId}) || '/' ||
          (SELECT count(*)::text || '/' || coalesce(max(u.id)::text, '-')
             FROM "PaperUpdate" u WHERE u."paperId" = ${paperId})`;
}

/** What identifies each paper's stored state now; a paper without a row of its own is absent. */
export async function storedStateKeys(paperIds: string[]): Promise<Map<string, string>> {
  if (paperIds.length === 0) return new Map();
  // Callers may be inside a request that holds a transaction: readRowsAnywhere reads through Prisma
  // then, and within a page request with the page's other reads.
  const rows = await readRowsAnywhere<{ id: string; key: string }>(
    `SELECT p.id, ${storedStateKeySql("p.id")} AS key FROM "Paper" p WHERE p.id = ANY($1::text[])`,
    [paperIds],
  );
  return new Map(rows.map((row) => [row.id, row.key]));
}

/**
 * The paper's stored document, from the cache when its state is unchanged. `knownKey`: the key read by
 * the caller for several papers at once (storedStateKeys). The key is read before the document, so a
 * write in between leaves a newer document under an older key: the next read loads it again, never the
 * other way round.
 */
export async function readStoredDoc(paperId: string, knownKey?: string): Promise<Y.Doc> {
  const key = knownKey ?? (await storedStateKeys([paperId])).get(paperId) ?? "missing";
  const cached = entries.get(paperId);
  if (cached?.key === key) {
    // Most recently used last.
    entries.delete(paperId);
    entries.set(paperId, cached);
    return cached.doc;
  }
  const { updates } = await loadStoredState(paperId);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  remember(paperId, { key, doc, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) });
  return doc;
}

function remember(paperId: string, entry: Entry): void {
  forget(paperId);
  if (entry.bytes > MAX_BYTES / 4) return;
  entries.set(paperId, entry);
  totalBytes += entry.bytes;
  for (const [id] of entries) {
    if (totalBytes <= MAX_BYTES) break;
    forget(id);
  }
}

function forget(paperId: string): void {
  const entry = entries.get(paperId);
  if (!entry) return;
  entries.delete(paperId);
  totalBytes -= entry.bytes;
}

/** For tests and the benchmark: how many documents are kept, and their stored bytes. */
export function storedDocCacheSize(): { documents: number; bytes: number } {
  return { documents: entries.size, bytes: totalBytes };
}
