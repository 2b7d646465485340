import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type * as Y from "yjs";
import { BACKGROUND_TRANSACTION, db } from "~/db.server";
import { loadStoredDoc, lockPaper } from "~/modules/documents/doc-store.server";
import { getLiveDocuments } from "~/modules/documents/live-docs";
import { rawDatabaseOf, sqlRows, sqlTransaction, type SqlTransaction } from "~/sql.server";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";
import { otherLanguage, translationFragmentName } from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";
import { indexableText } from "./search-query";
import { sectionChunks } from "./section-chunks";

// The search index of a paper: one row per section and language, rebuilt from the document (the rows
// that changed are rewritten).
// Titles and comments are not copied: they are searched where they live, so they are never stale.

const BLOCKS = new Set(["paragraph", "heading", "listItem", "blockquote"]);

/** The words of a section, blocks on their own lines (sanitised ProseMirror JSON in, plain text out). */
export function plainText(node: PMNode, depth = 0): string {
  if (depth > 64) return "";
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map((child) => plainText(child, depth + 1)).join("");
  return BLOCKS.has(node.type) && inner && !inner.endsWith("\n") ? `${inner}\n` : inner;
}

export interface IndexRow {
  kind: "section";
  sectionKey: string;
  sectionTitle: string;
  language: string;
  body: string;
}

/** Rows for a paper's document: each section in its original and translated language. */
export function indexRows(
  paper: { originalLanguage: string; sections: { key: string; title: string }[] },
  doc: Y.Doc,
): IndexRow[] {
  const original = paperLanguage(paper.originalLanguage);
  const translation = otherLanguage(original);
  const rows: IndexRow[] = [];
  for (const section of paper.sections) {
    for (const [name, language] of [
      [section.key, original],
      [translationFragmentName(section.key, translation), translation],
    ] as const) {
      // share.has: reading a fragment the document never had must not create it.
      if (!doc.share.has(name)) continue;
      const text = indexableText(plainText(fragmentToJson(doc.getXmlFragment(name))).trim());
      // A long section is several rows (section-chunks.ts); nearly every section is one.
      for (const body of sectionChunks(text))
        rows.push({ kind: "section", sectionKey: section.key, sectionTitle: section.title, language, body });
    }
  }
  return rows;
}

/**
 * Rebuilds one paper's rows from its text: the live document when the paper is open in this process,
 * else the stored one (read in one statement). Each transaction holds the paper's compaction lock. On
 * PGlite two refreshes of one paper (the start's catch-up and an edit's) may interleave their batches
 * and write a part twice; the next refresh removes the copy, and search shows a section once anyway.
 */
export async function refreshPaperIndex(paperId: string, prisma: PrismaClient = db()): Promise<boolean> {
  // A paper open in this process (the usual case: its editors' writes trigger this) is read from its
  // live document in place, before any transaction; rebuilding the stored document inside one was most
  // of the work, and the main thread's largest burst while a hundred papers were being typed in.
  const source =
    (prisma === db() ? await liveIndexRows(paperId) : null) ?? (await storedIndexRows(paperId, prisma));
  if (!source) return false;
  // Background work (BACKGROUND_TRANSACTION): it waits its turn (with PGlite in its own thread the server
  // queues many transactions while editors type), rather than leaving the paper's rows stale until its
  // next edit.
  // The embedded database runs one transaction at a time: a long paper's new rows are written a few
  // at a time, so what waits behind them (a page, a sign-in, a paper being opened) waits for one
  // batch, not for the whole paper; and each batch waits for a quiet moment, so what a person waits
  // for goes first. PostgreSQL writes them all in one transaction.
  const raw = rawDatabaseOf(prisma);
  const batchChars = raw?.kind === "pglite" ? PGLITE_BATCH_CHARS : Infinity;
  const turn = () => raw?.whenQuiet(QUIET_MS, MAX_QUIET_WAIT_MS);
  await turn();
  let rest = await sqlTransaction(
    prisma,
    async (sql) => {
      await lockPaper(sql, paperId);
      return writeRows(sql, source.groupId, paperId, source.rows, batchChars);
    },
    BACKGROUND_TRANSACTION,
  );
  while (rest.length > 0) {
    const batch = takeBatch(rest, batchChars);
    rest = rest.slice(batch.length);
    await turn();
    await sqlTransaction(
      prisma,
      async (sql) => {
        await lockPaper(sql, paperId);
        await insertRows(sql, source.groupId, paperId, batch);
      },
      BACKGROUND_TRANSACTION,
    );
  }
  return true;
}

/** The rows of a paper from its stored document; null when there is no such paper. */
async function storedIndexRows(
  paperId: string,
  prisma: PrismaClient,
): Promise<{ groupId: string; rows: IndexRow[] } | null> {
  const paper = await prisma.paper.findUnique({
    where: { id: paperId },
    select: {
      groupId: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true, title: true } },
    },
  });
  if (!paper) return null;
  const doc = await loadStoredDoc(paperId, prisma);
  const rows = indexRows(paper, doc);
  doc.destroy();
  return { groupId: paper.groupId, rows };
}

/** The rows of a paper this process has open, from its live document; null when it is not open here. */
async function liveIndexRows(paperId: string): Promise<{ groupId: string; rows: IndexRow[] } | null> {
  const documents = getLiveDocuments();
  if (!documents) return null;
  const sections = await sqlRows<{ groupId: string; originalLanguage: string; key: string; title: string }>(
    `SELECT p."groupId", p."originalLanguage", s.key, s.title
       FROM "Paper" p JOIN "PaperSection" s ON s."paperId" = p.id
      WHERE p.id = $1 ORDER BY s.position ASC`,
    [paperId],
  );
  if (sections.length === 0) return null;
  const paper = { originalLanguage: sections[0].originalLanguage, sections };
  const read = await documents.readDoc(paperId, (doc) => indexRows(paper, doc));
  return read ? { groupId: sections[0].groupId, rows: read.value } : null;
}

/**
 * Writes the rows that changed, and only those: a row's search vector, folded text and trigram index
 * entries are computed by the database on every write, and typing changes one section at a time (with a
 * hundred papers being typed in, rewriting every row of each was most of the embedded database's work).
 * With nothing changed, the newest row's time is still moved on, so the paper is not stale at next start.
 */
async function writeRows(
  sql: SqlTransaction,
  groupId: string,
  paperId: string,
  rows: IndexRow[],
  /** Characters of new rows written here; the rest are returned, for the caller to write after. */
  batchChars = Infinity,
): Promise<IndexRow[]> {
  // Each stored body is compared by its digest: the texts stay in the database.
  const stored = await sql.query<StoredIndexRow>(
    `SELECT id::text AS id, kind, "sectionKey", "sectionTitle", language, md5(body) AS digest,
            length(body) AS length
       FROM "SearchEntry" WHERE "paperId" = $1`,
    [paperId],
  );
  const { keep, remove, add } = diffIndexRows(stored, rows);
  if (remove.length > 0)
    await sql.query(`DELETE FROM "SearchEntry" WHERE id = ANY(string_to_array($1, ',')::bigint[])`, [
      remove.join(","),
    ]);
  if (add.length === 0) {
    if (keep !== null)
      await sql.query(`UPDATE "SearchEntry" SET "indexedAt" = now() WHERE id = CAST($1 AS bigint)`, [keep]);
    return [];
  }
  const first = takeBatch(add, batchChars);
  await insertRows(sql, groupId, paperId, first);
  return add.slice(first.length);
}

/** On the embedded database, about 5–10 ms of its time per batch (search vector, words, indexes). */
const PGLITE_BATCH_CHARS = 12_000;
/** A batch starts after this long without a statement from anyone (the steps of an open or a page come closer together)… */
const QUIET_MS = 20;
/** …or after this long, however busy the database is, so the index never falls far behind. */
const MAX_QUIET_WAIT_MS = 1000;

/** The first rows of `rows` up to `maxChars` characters of text, and always at least one. */
export function takeBatch(rows: IndexRow[], maxChars: number): IndexRow[] {
  let chars = 0;
  let count = 0;
  while (count < rows.length && (count === 0 || chars + rows[count].body.length <= maxChars)) {
    chars += rows[count].body.length;
    count += 1;
  }
  return rows.slice(0, count);
}

/** Inserts rows; their words join the group's vocabulary. */
async function insertRows(sql: SqlTransaction, groupId: string, paperId: string, add: IndexRow[]) {
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO "SearchEntry" ("groupId", "paperId", kind, "sectionKey", "sectionTitle", language, body)
     SELECT CAST($1 AS text), CAST($2 AS text), r.kind, r."sectionKey", r."sectionTitle", r.language, r.body
       FROM jsonb_to_recordset(CAST($3 AS jsonb))
         AS r(kind text, "sectionKey" text, "sectionTitle" text, language text, body text)
     RETURNING id::text AS id`,
    [groupId, paperId, JSON.stringify(add)],
  );
  // The new rows' words join the group's vocabulary (the typo fallback's), folded as the database folds.
  await sql.query(
    `INSERT INTO "SearchWord" ("groupId", word)
     SELECT DISTINCT CAST($1 AS text), w.word
       FROM "SearchEntry" e, regexp_split_to_table(e.folded, '[^[:alnum:]]+') AS w(word)
      WHERE e.id = ANY(string_to_array($2, ',')::bigint[]) AND length(w.word) BETWEEN 3 AND 40
     ON CONFLICT DO NOTHING`,
    [groupId, inserted.map((row) => row.id).join(",")],
  );
}

/** A row as stored: its body as its MD5 digest (hex) and its length in characters. */
export interface StoredIndexRow {
  id: bigint | string;
  kind: string;
  sectionKey: string | null;
  sectionTitle: string;
  language: string;
  digest: string;
  length: number;
}

/** The MD5 digest of a body as PostgreSQL's md5() gives it (of its UTF-8 bytes, in hex). */
export function bodyDigest(body: string): string {
  return createHash("md5").update(body, "utf8").digest("hex");
}

/**
 * Which stored rows stay, which go and which rows are written: a stored row stays when a wanted row has
 * the same kind, section, language, title and text; every other stored row goes (duplicates too). `keep`
 * is the shortest row that stays (the cheapest to touch when nothing else is written), or null.
 */
export function diffIndexRows(
  stored: StoredIndexRow[],
  wanted: IndexRow[],
): { keep: string | null; remove: string[]; add: IndexRow[] } {
  const identity = (
    row: Pick<StoredIndexRow, "kind" | "sectionKey" | "language" | "sectionTitle" | "digest">,
  ) => JSON.stringify([row.kind, row.sectionKey, row.language, row.sectionTitle, row.digest]);
  const unclaimed = new Map<string, StoredIndexRow[]>();
  for (const row of stored) {
    const key = identity(row);
    unclaimed.set(key, [...(unclaimed.get(key) ?? []), row]);
  }
  const add: IndexRow[] = [];
  const kept: StoredIndexRow[] = [];
  for (const row of wanted) {
    const match = unclaimed.get(identity({ ...row, digest: bodyDigest(row.body) }))?.shift();
    if (match) kept.push(match);
    else add.push(row);
  }
  const remove = [...unclaimed.values()].flat().map((row) => String(row.id));
  const shortest = kept.reduce<StoredIndexRow | null>(
    (best, row) => (best === null || Number(row.length) < Number(best.length) ? row : best),
    null,
  );
  return { keep: shortest === null ? null : String(shortest.id), remove, add };
}

/** Rebuilds every paper's rows (npm run search:reindex). Returns how many papers were indexed. */
export async function reindexAll(
  prisma: PrismaClient = db(),
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const papers = await prisma.paper.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  // The rows and the vocabulary are rebuilt from nothing: words that left every text go.
  await prisma.searchWord.deleteMany({});
  await prisma.searchEntry.deleteMany({});
  let done = 0;
  for (const { id } of papers) {
    if (await refreshPaperIndex(id, prisma)) done += 1;
    onProgress?.(done, papers.length);
  }
  // Rows of papers that no longer exist go with them (ON DELETE CASCADE); nothing else to sweep.
  return done;
}

/**
 * Papers whose stored text changed after their rows were written (or that have none): the demo seeded
 * on first start, papers from before the index existed, a refresh lost when a process stopped.
 */
export async function staleIndexPaperIds(prisma: PrismaClient = db()): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Paper" p
     WHERE GREATEST(
             (SELECT s."updatedAt" FROM "PaperSnapshot" s WHERE s."paperId" = p.id),
             (SELECT max(u."createdAt") FROM "PaperUpdate" u WHERE u."paperId" = p.id)
           ) > COALESCE((SELECT max(e."indexedAt") FROM "SearchEntry" e WHERE e."paperId" = p.id), '-infinity')
     ORDER BY p."createdAt"`;
  return rows.map((row) => row.id);
}
