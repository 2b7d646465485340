import { getDatabase, type PrismaClient } from "./db.server";
import type { RawDatabase } from "./db-adapter.server";
import { inRequestScope, perRequest } from "./http/request-scope.server";
import { ReadBatcher } from "./read-batch";

// Plain SQL for the few reads that every page and every collaboration upgrade makes (the session, the
// membership, the paper's access facts). Through Prisma 6.19 each of these costs ~0.8 ms of CPU on the
// event loop, most of it compiling the query in WebAssembly (it has no plan cache); on the pool it costs
// ~0.07 ms (`bench` workload 6, and a profile of a cold open, where four of them were half the time).
// Everything else stays on Prisma. The statements run outside any Prisma transaction: on PGlite they wait
// for an open one to finish (PGlite runs statements one transaction at a time), so never call these from
// inside a `$transaction` callback.

/**
 * Rows of a parameterised statement (`$1`, `$2`, …) on this process's database. The statement is
 * prepared (RawDatabase.queryPrepared): its text must be one of a few per call site, its values all in
 * `params`, never a text built from the values.
 *
 * Within a page request (a GET or HEAD: app/http/request-scope.server.ts) the reads asked in the same
 * turn of the event loop go to the database together (ReadBatcher, RawDatabase.queryPreparedMany).
 */
export function sqlRows<T>(text: string, params: unknown[]): Promise<T[]> {
  const raw = getDatabase().raw;
  const batcher = perRequest(
    "sql.reads",
    () => new ReadBatcher((reads) => raw.queryPreparedMany(reads), setImmediate),
  );
  return batcher ? batcher.read<T>(text, params) : raw.queryPrepared<T>(text, params);
}

/**
 * `sqlRows` for a read whose callers may also run inside a Prisma interactive transaction (on the
 * embedded database a plain statement would wait for it to end). Within a page request, which holds
 * none, as `sqlRows` (and batched with the page's other reads); elsewhere through Prisma.
 */
export function readRowsAnywhere<T>(text: string, params: unknown[]): Promise<T[]> {
  if (inRequestScope()) return sqlRows<T>(text, params);
  return getDatabase().prisma.$queryRawUnsafe<T[]>(text, ...params);
}

/**
 * A timestamp column as milliseconds since the epoch. Prisma stores `timestamp(3)` in UTC without a
 * zone; the drivers would read it in the process's local zone, so it is read as a number instead.
 */
export function epochMs(column: string): string {
  return `round(extract(epoch from ${column}) * 1000)::float8`;
}

/**
 * A Date as a parameter for a `timestamp(3)` column (UTC, without a zone): the drivers would send it in
 * the process's local zone, which the column would then take for UTC.
 */
export function utcTimestamp(date: Date): string {
  return date.toISOString().slice(0, 23);
}

/**
 * Statements with positional parameters (`$1`, `$2`, …), run inside one transaction. In `sqlTransaction`
 * on PostgreSQL they are prepared (RawDatabase.transaction): constant texts, values all in `params`.
 */
export interface SqlTransaction {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A Prisma interactive transaction as a SqlTransaction. */
export function prismaSql(tx: Pick<PrismaClient, "$queryRawUnsafe">): SqlTransaction {
  return { query: (text, params = []) => tx.$queryRawUnsafe(text, ...params) };
}

/**
 * Runs `work` in one transaction. When `prisma` is this process's client, as plain SQL on its database
 * (PostgreSQL: BEGIN … COMMIT on one pooled connection, ROLLBACK on an error; the embedded database: a
 * transaction of its worker, the same kind Prisma's are, so they take turns): background work that
 * runs every few seconds per paper being typed in (compaction, the search index) then costs the event
 * loop ~0.1 ms a statement instead of ~0.5 ms, and a Prisma transaction ~1 ms more. With any other
 * client (tests open their own), in a Prisma interactive transaction.
 */
/**
 * The plain-SQL side of `prisma` when it is this process's client (the PostgreSQL pool, or the embedded
 * database's worker); null for any other client (tests open their own), which then answers through
 * Prisma. On the embedded database a plain statement waits for an open Prisma transaction to finish
 * (PGlite runs a statement outside a transaction only between transactions), so it never lands inside one.
 */
export function rawDatabaseOf(prisma: PrismaClient): RawDatabase | null {
  const database = getDatabase();
  return prisma === database.prisma ? database.raw : null;
}

export async function sqlTransaction<T>(
  prisma: PrismaClient,
  work: (sql: SqlTransaction) => Promise<T>,
  options: { timeout: number; maxWait?: number } = { timeout: 60_000 },
): Promise<T> {
  const raw = rawDatabaseOf(prisma);
  if (!raw) return prisma.$transaction((tx) => work(prismaSql(tx)), options);
  return raw.transaction((query) => work({ query }));
}
