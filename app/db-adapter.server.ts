import path from "node:path";
import { mkdirSync } from "node:fs";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { log } from "./log.server";
import { combineReads, hasFaithfulColumns, isCombinable, splitCombined, type Read } from "./sql-combine";
import { PGLITE_START_PARAMS, PGliteWorkerClient, workerAdapterFactory } from "./pglite-client.server";

/** A parameterised statement (`$1`, `$2`, …) and its rows. */
export type RawQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** The raw connection under Prisma: used for migrations and for statements Prisma cannot express. */
export interface RawDatabase {
  kind: "pglite" | "postgres";
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * `query` for a statement the process runs again and again (a constant text): prepared once per
   * connection and run by name, so the database parses it once and plans it once its plan settles
   * (PostgreSQL's generic plan). Half the time of a page's small reads went to parsing and planning.
   * Past PREPARED_STATEMENTS_MAX distinct texts, a plain `query`: a text built per call must not grow
   * the connections' statements without end.
   */
  queryPrepared<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Several reads (`queryPrepared`'s, SELECT statements) sent together, one answer per read, each
   * settling on its own: what `queryPrepared` answers for it alone, rows or error. On PostgreSQL the
   * reads whose columns JSON carries faithfully (app/sql-combine.ts) go as one combined statement; on
   * the embedded database all of them as one exchange with its worker.
   */
  queryPreparedMany(reads: Read[]): Promise<unknown[]>[];
  /** Runs `fn` on a single connection (session-level locks and BEGIN/COMMIT need one). */
  session<T>(fn: (connection: RawDatabase) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction, committed if it resolves, rolled back if it throws. On the embedded
   * database it is a transaction of the same kind Prisma's are, so the two take turns. On PostgreSQL its
   * statements are prepared (as `queryPrepared`'s): their texts must be constant too.
   */
  transaction<T>(work: (query: RawQuery) => Promise<T>): Promise<T>;
  /**
   * Background work's turn: resolves once the database has had no statement for `quietMs` (at most
   * `maxWaitMs`). Only the embedded database, which runs one statement at a time, waits.
   */
  whenQuiet(quietMs: number, maxWaitMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenedAdapter {
  raw: RawDatabase;
  factory: SqlMigrationAwareDriverAdapterFactory | PrismaPg;
}

export interface DatabaseConfig {
  DATABASE_URL?: string;
  DATA_DIR?: string;
  /** Diagnostics and benchmarks only: PGlite on the main thread, as before issue 19. */
  PGLITE_IN_PROCESS?: boolean;
}

/** At most this many statement texts are prepared (on each PostgreSQL connection; in the embedded database). */
export const PREPARED_STATEMENTS_MAX = 500;

/** At most this many reads, and this many values, go in one combined statement. */
const COMBINED_READS_MAX = 32;
const COMBINED_VALUES_MAX = 10_000;

type PgTarget = pg.Pool | pg.PoolClient;

/**
 * `queryPrepared` and `queryPreparedMany` for node-postgres (a pool or one of its connections). Named
 * statements, which node-postgres prepares on each connection the first time they run there; names are
 * one per text and process; past the bound, a plain query. Each text's first run alone shows its
 * column types; from then on, if JSON carries them faithfully, `many` combines it with the reads
 * asked alongside (app/sql-combine.ts).
 */
function preparedQueries() {
  const names = new Map<string, string>();
  /** Per statement text: may it be combined (a SELECT whose columns JSON carries faithfully)? */
  const combinable = new Map<string, boolean>();

  async function one(target: PgTarget, sql: string, params: unknown[] = []): Promise<never[]> {
    let name = names.get(sql);
    if (!name && names.size < PREPARED_STATEMENTS_MAX) names.set(sql, (name = `acuerdo_${names.size + 1}`));
    const result = await (name
      ? target.query({ name, text: sql, values: params })
      : target.query(sql, params));
    if (!combinable.has(sql) && combinable.size < PREPARED_STATEMENTS_MAX * 2) {
      combinable.set(
        sql,
        isCombinable(sql) && hasFaithfulColumns(result.fields.map((field) => field.dataTypeID)),
      );
    }
    return result.rows as never[];
  }

  function combined(target: PgTarget, reads: Read[]): Promise<unknown[]>[] {
    if (reads.length === 1) return [one(target, reads[0].sql, reads[0].params)];
    const statement = combineReads(reads);
    const parts = one(target, statement.sql, statement.params).then((rows) =>
      splitCombined(rows[0] as Record<string, unknown>, reads.length),
    );
    // If the combined statement fails, each read runs alone and reports its own answer.
    const settled = parts.catch((error: unknown) => {
      log.warn({ err: error, reads: reads.length }, "a combined read failed: its reads run one by one");
      return null;
    });
    return reads.map((read, index) =>
      settled.then((all) => (all ? all[index] : one(target, read.sql, read.params))),
    );
  }

  function many(target: PgTarget, reads: Read[]): Promise<unknown[]>[] {
    const answers = new Array<Promise<unknown[]>>(reads.length);
    // The same set of texts makes the same combined text whatever order the reads came in.
    const together = reads
      .map((read, index) => ({ read, index }))
      .filter(({ read, index }) => {
        if (combinable.get(read.sql)) return true;
        answers[index] = one(target, read.sql, read.params);
        return false;
      })
      .sort((a, b) => (a.read.sql < b.read.sql ? -1 : a.read.sql > b.read.sql ? 1 : a.index - b.index));
    for (let start = 0; start < together.length;) {
      let end = start;
      let values = 0;
      while (
        end < together.length &&
        end - start < COMBINED_READS_MAX &&
        (end === start || values + together[end].read.params.length <= COMBINED_VALUES_MAX)
      ) {
        values += together[end].read.params.length;
        end += 1;
      }
      const chunk = together.slice(start, end);
      const chunkAnswers = combined(
        target,
        chunk.map(({ read }) => read),
      );
      chunk.forEach(({ index }, k) => {
        answers[index] = chunkAnswers[k];
      });
      start = end;
    }
    return answers;
  }

  return { one, many };
}

export async function openAdapter(config: DatabaseConfig): Promise<OpenedAdapter> {
  if (config.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
    const prepared = preparedQueries();
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool replaces it, the next query reports any lasting problem, and /readyz shows it.
    pool.on("error", (error) => log.warn({ err: error }, "PostgreSQL dropped an idle connection"));
    const raw: RawDatabase = {
      kind: "postgres",
      async exec(sql) {
        await pool.query(sql);
      },
      async query(sql, params) {
        const result = await pool.query(sql, params);
        return result.rows as never[];
      },
      queryPrepared: (sql, params) => prepared.one(pool, sql, params),
      queryPreparedMany: (reads) => prepared.many(pool, reads),
      async session(fn) {
        const client = await pool.connect();
        const connection: RawDatabase = {
          kind: "postgres",
          async exec(sql) {
            await client.query(sql);
          },
          async query(sql, params) {
            return (await client.query(sql, params)).rows as never[];
          },
          queryPrepared: (sql, params) => prepared.one(client, sql, params),
          queryPreparedMany: (reads) => prepared.many(client, reads),
          session: (inner) => inner(connection),
          transaction: () => Promise.reject(new Error("no nested transactions on a session's connection")),
          whenQuiet: () => Promise.resolve(),
          close: () => Promise.resolve(),
        };
        // A connection whose work failed is not handed to anyone else: it may still be inside an
        // aborted transaction (a ROLLBACK that could not be sent), so the pool replaces it.
        let failed = false;
        try {
          return await fn(connection);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          client.release(failed);
        }
      },
      transaction(work) {
        return raw.session(async (connection) => {
          await connection.exec("BEGIN");
          try {
            // Background work (compaction, the search index's refresh) runs the same few texts for every
            // paper being typed in: prepared, PostgreSQL parses and plans each once per connection.
            const result = await work((sql, params) => connection.queryPrepared(sql, params));
            await connection.exec("COMMIT");
            return result;
          } catch (error) {
            await connection.exec("ROLLBACK").catch(() => undefined);
            throw error;
          }
        });
      },
      // PostgreSQL runs statements side by side: background work need not wait.
      whenQuiet: () => Promise.resolve(),
      async close() {
        await pool.end();
      },
    };
    return { raw, factory: new PrismaPg(pool) };
  }
  const dir = path.resolve(config.DATA_DIR ?? "./data", "pglite");
  mkdirSync(dir, { recursive: true });
  if (config.PGLITE_IN_PROCESS) return openInProcess(dir);
  // PGlite runs in a worker thread (issue 19): its WebAssembly would otherwise share the event loop
  // with every Yjs broadcast. It loads unaccent and pg_trgm there (search, issue 21).
  const lite = await PGliteWorkerClient.start(dir);
  const raw: RawDatabase = {
    kind: "pglite",
    exec: (sql) => lite.exec(sql),
    query: (sql, params) => lite.query(sql, params),
    // The worker keeps its own statements (app/pglite-worker.mjs), bounded as PostgreSQL's are.
    queryPrepared: (sql, params) => lite.queryPrepared(sql, params),
    queryPreparedMany: (reads) => lite.queryPreparedMany(reads),
    session: (fn) => fn(raw),
    transaction: (work) => lite.transaction(work),
    whenQuiet: (quietMs, maxWaitMs) => lite.whenQuiet(quietMs, maxWaitMs),
    close: () => lite.close(),
  };
  return { raw, factory: workerAdapterFactory(lite) };
}

/** PGlite on the main thread (PGLITE_IN_PROCESS=1): the layout before issue 19, kept to measure against. */
async function openInProcess(dir: string): Promise<OpenedAdapter> {
  const [{ PGlite }, { unaccent }, { pg_trgm }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/unaccent"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("pglite-prisma-adapter"),
  ]);
  const lite = await PGlite.create(dir, {
    extensions: { unaccent, pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_START_PARAMS],
  });
  const raw: RawDatabase = {
    kind: "pglite",
    async exec(sql) {
      await lite.exec(sql);
    },
    async query(sql, params) {
      const result = await lite.query(sql, params);
      return result.rows as never[];
    },
    // Diagnostics only: as before issue 19, nothing prepared.
    queryPrepared: (sql, params) => raw.query(sql, params),
    queryPreparedMany: (reads) => reads.map((read) => raw.query(read.sql, read.params)),
    session: (fn) => fn(raw),
    transaction: (work) =>
      lite.transaction((tx) => work(async (sql, params) => (await tx.query(sql, params)).rows as never[])),
    // Diagnostics only: background work does not wait its turn here.
    whenQuiet: () => Promise.resolve(),
    async close() {
      await lite.close();
    },
  };
  const factory = withBytesArguments(new PrismaPGlite(lite));
  return { raw, factory: factory as unknown as SqlMigrationAwareDriverAdapterFactory };
}

interface SqlQueryLike {
  args: unknown[];
  argTypes?: { scalarType?: string }[];
}

/** Prisma's query compiler sends Bytes arguments as base64 strings; PGlite wants bytes. */
function decodeBytesArguments<Q extends SqlQueryLike>(query: Q): Q {
  if (!query.argTypes?.some((t) => t.scalarType === "bytes")) return query;
  const args = query.args.map((arg, i) =>
    query.argTypes?.[i]?.scalarType === "bytes" && typeof arg === "string"
      ? new Uint8Array(Buffer.from(arg, "base64"))
      : arg,
  );
  return { ...query, args };
}

interface Queryable {
  queryRaw(q: SqlQueryLike): Promise<unknown>;
  executeRaw(q: SqlQueryLike): Promise<unknown>;
}

function wrapQueryable<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: SqlQueryLike) =>
          (value as Queryable["queryRaw"]).call(object, decodeBytesArguments(query));
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) =>
          wrapQueryable(await (value as (...a: unknown[]) => Promise<object>).apply(object, args));
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

// pglite-prisma-adapter 0.6.1 predates that encoding (PrismaPg handles it itself); this closes the gap.
function withBytesArguments<F extends object>(factory: F): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => wrapQueryable(await (value as () => Promise<object>).call(object));
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** For prisma.config.ts: lets the Prisma CLI reach the same database the app uses. */
export async function createAdapterFactory(source: DatabaseConfig) {
  const { factory } = await openAdapter(source);
  return factory;
}
