import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { db } from "~/db.server";
import { rawDatabaseOf, sqlTransaction, utcTimestamp, type SqlTransaction } from "~/sql.server";

// The durable form of a paper's Yjs document: a snapshot (the merged state through some update id)
// plus the append-only tail of updates after it. Loading = snapshot + tail; compaction folds the tail
// into the snapshot under a per-paper lock, so several processes can run it safely.

/** Prisma's Bytes fields want a Uint8Array over a plain ArrayBuffer; Yjs hands out views of any buffer. */
export function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

export interface StoredState {
  /** Snapshot first, then the tail in id order. */
  updates: Uint8Array[];
  lastUpdateId: bigint;
}

export async function loadStoredState(paperId: string, prisma: PrismaClient = db()): Promise<StoredState> {
  const row = await readStoredRow(paperId, prisma);
  const tail = unpackTail(row?.packed ?? null);
  const updates = [...(row?.state ? [bytesOf(row.state)] : []), ...tail.map((entry) => entry.update)];
  const through = row?.throughUpdateId ?? null;
  return { updates, lastUpdateId: tail.at(-1)?.id ?? (through === null ? 0n : BigInt(through)) };
}

/**
 * Prisma's driver adapters hand a bytea value over as an array of numbers, one element per byte, which
 * the client then turns back into bytes: 16 ms of CPU for a 200 KB snapshot (measured in a cold open's
 * profile), more than everything else the open does. Documents are read as base64 text instead, which
 * the database encodes and Node decodes natively. Inside a compaction both reads go through its
 * transaction, so they keep its connection and transaction semantics.
 */
async function readSnapshot(
  paperId: string,
  sql: SqlTransaction,
): Promise<{ state: Uint8Array; throughUpdateId: bigint } | null> {
  const [row] = await sql.query<{ state: string; throughUpdateId: bigint | string }>(
    `SELECT encode(state, 'base64') AS state, "throughUpdateId" FROM "PaperSnapshot" WHERE "paperId" = $1`,
    [paperId],
  );
  return row ? { state: bytesOf(row.state), throughUpdateId: BigInt(row.throughUpdateId) } : null;
}

/**
 * The log packs into one value in the database (each row as its id, its length and its bytes): one row
 * crosses to Node however long the log is. Row by row, a 100,000-row log took 0.2–0.3 s to read on
 * PostgreSQL, packed 0.1 s, and on the embedded database every row also crossed its worker's boundary.
 */
const PACKED_TAIL_BYTES = `string_agg(int8send(id) || int4send(length("update")) || "update", ''::bytea ORDER BY id)`;
const PACKED_TAIL = `encode(${PACKED_TAIL_BYTES}, 'base64')`;

async function readTail(paperId: string, sql: SqlTransaction): Promise<LogRow[]> {
  const [row] = await sql.query<{ packed: string | null }>(
    `SELECT ${PACKED_TAIL} AS packed FROM "PaperUpdate" WHERE "paperId" = $1`,
    [paperId],
  );
  return unpackTail(row?.packed ?? null);
}

interface LogRow {
  id: bigint;
  update: Uint8Array;
}

function unpackTail(packed: string | Uint8Array | null): LogRow[] {
  if (!packed) return [];
  const bytes = bytesOf(packed);
  const rows: LogRow[] = [];
  for (let at = 0; at < bytes.length;) {
    const id = bytes.readBigInt64BE(at);
    const length = bytes.readInt32BE(at + 8);
    rows.push({ id, update: bytes.subarray(at + 12, at + 12 + length) });
    at += 12 + length;
  }
  return rows;
}

/**
 * A document read as base64 text, or as bytes (STORED_STATE_BYTES), as a Buffer. PostgreSQL's base64
 * breaks lines every 76 characters; Node's decoder skips the line breaks.
 */
function bytesOf(value: string | Uint8Array): Buffer {
  return typeof value === "string"
    ? Buffer.from(value, "base64")
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * The snapshot and the log after it, in one statement: one round trip, and one view of the database
 * (PostgreSQL takes a statement's snapshot once), so a compaction committing meanwhile is seen whole
 * (its snapshot without the rows it folded) or not at all (the old snapshot and every row). Every row
 * still in the log counts, whatever its id: see compactPaper.
 */
const STORED_STATE = `
  SELECT encode(s.state, 'base64') AS state, s."throughUpdateId",
         (SELECT ${PACKED_TAIL} FROM "PaperUpdate" WHERE "paperId" = p.id) AS packed
    FROM (SELECT CAST($1 AS text) AS id) p LEFT JOIN "PaperSnapshot" s ON s."paperId" = p.id`;

/**
 * The same as bytes, for node-postgres, which decodes bytea (sent as hex) natively. A 200 KB snapshot
 * read back to back on one connection: p50 2.5 ms as bytea, 5.1 ms as base64 text. The embedded
 * database keeps base64: its bytea parser runs in JavaScript (p50 17 ms as bytea, 3.3 ms as base64).
 */
const STORED_STATE_BYTES = `
  SELECT s.state, s."throughUpdateId",
         (SELECT ${PACKED_TAIL_BYTES} FROM "PaperUpdate" WHERE "paperId" = p.id) AS packed
    FROM (SELECT CAST($1 AS text) AS id) p LEFT JOIN "PaperSnapshot" s ON s."paperId" = p.id`;

interface StoredRow {
  state: string | Uint8Array | null;
  throughUpdateId: bigint | string | null;
  packed: string | Uint8Array | null;
}

/**
 * Read as plain SQL: through Prisma each query is compiled in WebAssembly on the event loop, and a load
 * is on the way to a person waiting.
 */
async function readStoredRow(paperId: string, prisma: PrismaClient): Promise<StoredRow | undefined> {
  const raw = rawDatabaseOf(prisma);
  if (raw)
    return (
      await raw.queryPrepared<StoredRow>(raw.kind === "postgres" ? STORED_STATE_BYTES : STORED_STATE, [
        paperId,
      ])
    )[0];
  return (await prisma.$queryRawUnsafe<StoredRow[]>(STORED_STATE, paperId))[0];
}

/**
 * Papers whose update log holds more than `threshold` rows, longest first. The server folds a log every
 * few hundred updates, so a longer one was left by something else: an earlier version, a process that
 * crashed, a shutdown. Applying 100,000 updates takes 0.3–0.5 s of CPU (Yjs applies ~3 µs each; merging
 * them first is quadratic), so such a log is folded before anyone opens the paper.
 */
export async function longUpdateLogs(
  threshold: number,
  prisma: Pick<PrismaClient, "$queryRaw"> = db(),
): Promise<{ paperId: string; updates: number }[]> {
  return prisma.$queryRaw<{ paperId: string; updates: number }[]>`
    SELECT "paperId", count(*)::int AS updates FROM "PaperUpdate"
    GROUP BY "paperId" HAVING count(*) > ${threshold} ORDER BY count(*) DESC`;
}

/** A fresh Y.Doc holding the paper's stored state. */
export async function loadStoredDoc(paperId: string, prisma: PrismaClient = db()): Promise<Y.Doc> {
  const { updates } = await loadStoredState(paperId, prisma);
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

export async function appendUpdates(
  paperId: string,
  updates: Uint8Array[],
  prisma: PrismaClient = db(),
): Promise<void> {
  await appendUpdatesOfPapers(new Map([[paperId, updates]]), prisma);
}

/**
 * Appends the updates of several papers in one statement (one transaction): the update writer's batch
 * every 50 ms. Plain SQL on this process's database (Prisma's query building per row showed in the
 * server's CPU profile, on the event loop): on PostgreSQL one statement with array parameters; on the
 * embedded database, whose driver sends no bytea arrays, one VALUES list per few thousand rows. With a
 * hundred papers being typed in, one statement per paper was a hundred round trips per batch, and their
 * socket writes were the largest share of the server's CPU in the fan-out benchmark. Each paper's
 * updates keep their order (ids follow the arrays' order).
 */
export async function appendUpdatesOfPapers(
  batch: ReadonlyMap<string, Uint8Array[]>,
  prisma: PrismaClient = db(),
): Promise<void> {
  const paperIds: string[] = [];
  const updates: Uint8Array[] = [];
  for (const [paperId, list] of batch)
    for (const update of list) {
      paperIds.push(paperId);
      updates.push(update);
    }
  if (updates.length === 0) return;
  const raw = rawDatabaseOf(prisma);
  if (raw?.kind === "postgres") {
    await raw.queryPrepared(
      `INSERT INTO "PaperUpdate" ("paperId", "update")
       SELECT p, u FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(p, u, n) ORDER BY n`,
      [paperIds, updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength))],
    );
    return;
  }
  if (raw) {
    const rows = updates.map((_, i) => [paperIds[i], toBytes(updates[i])] as const);
    await (rows.length <= VALUES_CHUNK
      ? raw.query(insertValues(rows.length), rows.flat())
      : raw.transaction(async (query) => {
          for (let start = 0; start < rows.length; start += VALUES_CHUNK) {
            const chunk = rows.slice(start, start + VALUES_CHUNK);
            await query(insertValues(chunk.length), chunk.flat());
          }
        }));
    return;
  }
  await prisma.paperUpdate.createMany({
    data: updates.map((update, i) => ({ paperId: paperIds[i], update: toBytes(update) })),
  });
}

/** Rows per VALUES list on the embedded database (two parameters each, far below the 65,535 limit). */
const VALUES_CHUNK = 5_000;

/** `INSERT … SELECT … FROM (VALUES …) ORDER BY n` for `rows` rows: ids in the order of the rows. */
function insertValues(rows: number): string {
  const values = Array.from({ length: rows }, (_, i) => `($${2 * i + 1}::text, $${2 * i + 2}::bytea, ${i})`);
  return `INSERT INTO "PaperUpdate" ("paperId", "update")
          SELECT p, u FROM (VALUES ${values.join(", ")}) AS t(p, u, n) ORDER BY n`;
}

const DELETE_CHUNK = 50_000;

/** Applies `update` to `doc`; true if it added anything (structs or deletions) the document lacked. */
function addsTo(doc: Y.Doc, update: Uint8Array): boolean {
  let added = false;
  const mark = () => (added = true);
  doc.on("update", mark);
  Y.applyUpdate(doc, update);
  doc.off("update", mark);
  return added;
}

/**
 * Appends to the log what `state` (a live document's whole state) holds and the stored state lacks;
 * returns whether anything was written. Used when a process that accepted updates went away before
 * writing them: the processes it relayed them to still hold them.
 */
export async function appendMissing(
  paperId: string,
  state: Uint8Array,
  prisma: PrismaClient = db(),
): Promise<boolean> {
  const stored = await loadStoredDoc(paperId, prisma);
  const storedVector = Y.encodeStateVector(stored);
  const missing = addsTo(stored, state);
  stored.destroy();
  if (!missing) return false;
  await appendUpdates(paperId, [Y.diffUpdate(state, storedVector)], prisma);
  return true;
}

/**
 * Folds every stored update into the snapshot and deletes them. Returns how many updates were folded.
 * The advisory lock keeps two processes from compacting the same paper at once; appends are not
 * blocked, and rows appended meanwhile have larger ids and stay in the tail. `liveState`, a live
 * document's whole state, is folded in too: it may hold updates relayed from a process that went
 * away before writing them.
 */
export async function compactPaper(
  paperId: string,
  prisma: PrismaClient = db(),
  liveState?: Uint8Array,
): Promise<number> {
  return sqlTransaction(prisma, async (sql) => {
    await lockPaper(sql, paperId);
    const snapshot = await readSnapshot(paperId, sql);
    // Every row in the log, and afterwards exactly those rows deleted: ids come from a sequence at
    // insert time, so with several processes a row with a smaller id can commit after a larger one.
    // Folding "everything up to the largest id" would skip such a row for good.
    const tail = await readTail(paperId, sql);
    if (tail.length === 0 && !liveState) return 0;
    // A paper opened, read and left: the live state is the stored snapshot, byte for byte.
    if (tail.length === 0 && snapshot && liveState && Buffer.compare(snapshot.state, liveState) === 0)
      return 0;
    const doc = new Y.Doc();
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const row of tail) Y.applyUpdate(doc, row.update);
    });
    if (liveState && !addsTo(doc, liveState) && tail.length === 0) {
      doc.destroy();
      return 0;
    }
    // Rows whose dependencies are not in the log yet (another process's row that commits later) stay
    // pending in the doc; encodeStateAsUpdate includes pending structs, so they are kept.
    const state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
    doc.destroy();
    const through = tail.reduce((max, row) => (row.id > max ? row.id : max), snapshot?.throughUpdateId ?? 0n);
    await sql.query(
      `INSERT INTO "PaperSnapshot" ("paperId", state, "throughUpdateId", "updatedAt")
       VALUES ($1, decode($2, 'base64'), CAST($3 AS bigint), CAST($4 AS timestamp(3)))
       ON CONFLICT ("paperId") DO UPDATE
         SET state = EXCLUDED.state, "throughUpdateId" = EXCLUDED."throughUpdateId", "updatedAt" = EXCLUDED."updatedAt"`,
      [paperId, state, through.toString(), utcTimestamp(new Date())],
    );
    // Exactly the rows folded, their ids as one text parameter (one parameter per id would be at most
    // 65,535 per statement).
    for (let i = 0; i < tail.length; i += DELETE_CHUNK) {
      const ids = tail
        .slice(i, i + DELETE_CHUNK)
        .map((row) => row.id)
        .join(",");
      await sql.query(
        `DELETE FROM "PaperUpdate" WHERE "paperId" = $1 AND id = ANY(string_to_array($2, ',')::bigint[])`,
        [paperId, ids],
      );
    }
    return tail.length;
  });
}

/**
 * The paper's compaction lock, held to the end of the transaction: compactions, and the search index's
 * refreshes of the same paper, take turns (with several processes too).
 */
export async function lockPaper(sql: SqlTransaction, paperId: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))::text`, [`compact:${paperId}`]);
}

/** Replaces a paper's stored state with one snapshot (used when seeding demo papers). */
export async function writeInitialState(
  paperId: string,
  initial: Uint8Array,
  prisma: PrismaClient = db(),
): Promise<void> {
  const state = toBytes(initial);
  await prisma.paperSnapshot.upsert({
    where: { paperId },
    create: { paperId, state, throughUpdateId: 0n },
    update: { state },
  });
}
