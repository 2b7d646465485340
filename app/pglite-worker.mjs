// The embedded database's own thread (issue 19). PGlite runs PostgreSQL compiled to WebAssembly: every
// statement is synchronous CPU work, so on the server's main thread it delayed every Yjs broadcast.
// Here it owns the PGlite instance and Prisma's PGlite driver adapter; the main thread
// (app/pglite-client.server.ts) forwards the driver adapter calls and the raw queries as messages.
// Plain JavaScript on purpose: the Prisma CLI and the test runner start this file without tsx.
import { parentPort, workerData } from "node:worker_threads";
import { parse, PGlite, protocol } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";

if (!parentPort) throw new Error("app/pglite-worker.mjs runs as a worker thread only");
const port = parentPort;

/** @type {{ dataDir: string, startParams: string[] }} */
const { dataDir, startParams } = workerData;

// Search (issue 21) needs unaccent and pg_trgm; PGlite loads contrib extensions only when asked here.
const lite = await PGlite.create(dataDir, {
  extensions: { unaccent, pg_trgm },
  startParams: [...PGlite.defaultStartParams, ...startParams],
});
const adapter = await new PrismaPGlite(lite).connect();

/** Open interactive transactions by id. PGlite runs one at a time: a second `begin` waits for the first. */
const transactions = new Map();
let nextTransactionId = 1;

/**
 * Statements prepared by name (`prepared` below), by their text. PGlite's `query` parses, describes and
 * plans its statement anew each time (six round trips into the WebAssembly); a statement every page
 * asks is parsed once here, and PostgreSQL plans it once its plan settles (a generic plan after five
 * runs). Bounded: past PREPARED_MAX texts a statement runs as a plain query.
 */
// The same bound as PREPARED_STATEMENTS_MAX in app/db-adapter.server.ts (this file is plain JavaScript).
const PREPARED_MAX = 500;
const prepared = new Map();
let nextPrepared = 1;

/**
 * Extended-protocol messages sent to PGlite in one buffer, ending with a Sync, without writing to disk:
 * one call into the WebAssembly instead of one per message. PostgreSQL skips what follows an error until
 * the Sync, and PGlite throws the error once it has read every answer, so the connection is ready again.
 */
function send(...messages) {
  const buffer = new Uint8Array(messages.reduce((sum, m) => sum + m.length, 0));
  let offset = 0;
  for (const message of messages) {
    buffer.set(message, offset);
    offset += message.length;
  }
  return lite.execProtocolStream(buffer, { syncToFs: false });
}

/** The statement prepared for `sql` (parsed and described the first time), inside PGlite's locks. */
async function preparedStatement(sql) {
  let statement = prepared.get(sql);
  if (!statement) {
    const { serialize } = protocol;
    const name = `acuerdo_${nextPrepared++}`;
    const described = await send(
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: "S", name }),
      serialize.sync(),
    );
    statement = { name, types: parse.parseDescribeStatementResults(described) };
    prepared.set(sql, statement);
  }
  return statement;
}

/** Bind, Describe and Execute of `statement` with `params`, serialized with PGlite's serializers. */
function runMessages(statement, params = []) {
  const { serialize } = protocol;
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serializer = lite.serializers[statement.types[i]];
    return serializer ? serializer(value) : value.toString();
  });
  return [
    serialize.bind({ statement: statement.name, values }),
    serialize.describe({ type: "P" }),
    serialize.execute({}),
  ];
}

/**
 * Rows of `sql` with `params`, through the statement prepared for its text. Runs under PGlite's locks
 * as its own `query` does (PGlite 0.5: its transaction lock, then its query lock), and parses the rows
 * with PGlite's parsers, so the answer is the one `query` gives.
 */
async function preparedQuery(sql, params = []) {
  if (!prepared.has(sql) && prepared.size >= PREPARED_MAX) return (await lite.query(sql, params)).rows;
  return lite._runExclusiveTransaction(() =>
    lite.runExclusive(async () => {
      try {
        const statement = await preparedStatement(sql);
        const messages = await send(...runMessages(statement, params), protocol.serialize.sync());
        await lite.syncToFs();
        return parse.parseResults(messages, lite.parsers)[0].rows;
      } catch (error) {
        // As PGlite's query reports it: with the statement and its parameters.
        if (error && typeof error === "object") Object.assign(error, { query: sql, params });
        throw error;
      }
    }),
  );
}

/**
 * Several reads (RawDatabase.queryPreparedMany) in one call into the WebAssembly: each read's Bind,
 * Describe and Execute, then one Sync, answered by one result per read. Reads only: the statements of
 * one Sync form one implicit transaction, and an error anywhere undoes and skips the rest, so after an
 * error each read runs again alone and reports its own answer. One settled answer per read.
 */
async function preparedQueries(reads) {
  const alone = () =>
    Promise.all(
      reads.map(({ sql, params }) =>
        preparedQuery(sql, params).then(
          (rows) => ({ ok: true, rows }),
          (error) => ({ ok: false, error: serializeError(error) }),
        ),
      ),
    );
  const fits = reads.every(({ sql }) => prepared.has(sql)) || prepared.size + reads.length <= PREPARED_MAX;
  if (reads.length < 2 || !fits) return alone();
  let results;
  try {
    results = await lite._runExclusiveTransaction(() =>
      lite.runExclusive(async () => {
        const messages = [];
        for (const { sql, params } of reads)
          messages.push(...runMessages(await preparedStatement(sql), params));
        const answers = await send(...messages, protocol.serialize.sync());
        await lite.syncToFs();
        return parse.parseResults(answers, lite.parsers);
      }),
    );
  } catch {
    return alone();
  }
  if (results.length !== reads.length) return alone();
  return results.map((result) => ({ ok: true, rows: result.rows }));
}

/** Prisma's query compiler sends Bytes arguments as base64 strings; PGlite wants bytes. */
function decodeBytesArguments(query) {
  if (!query.argTypes?.some((t) => t.scalarType === "bytes")) return query;
  const args = query.args.map((arg, i) =>
    query.argTypes[i]?.scalarType === "bytes" && typeof arg === "string"
      ? new Uint8Array(Buffer.from(arg, "base64"))
      : arg,
  );
  return { ...query, args };
}

function transaction(id) {
  const tx = transactions.get(id);
  if (!tx) throw new Error(`No open transaction ${id} in the embedded database`);
  return tx;
}

const operations = {
  async queryRaw({ txId, query }) {
    return (txId ? transaction(txId) : adapter).queryRaw(decodeBytesArguments(query));
  },
  async executeRaw({ txId, query }) {
    return (txId ? transaction(txId) : adapter).executeRaw(decodeBytesArguments(query));
  },
  async executeScript({ script }) {
    await adapter.executeScript(script);
  },
  async begin({ isolationLevel }) {
    const tx = await adapter.startTransaction(isolationLevel);
    const txId = nextTransactionId++;
    transactions.set(txId, tx);
    return { txId, options: tx.options };
  },
  async commit({ txId }) {
    const tx = transaction(txId);
    transactions.delete(txId);
    await tx.commit();
  },
  async rollback({ txId }) {
    const tx = transaction(txId);
    transactions.delete(txId);
    await tx.rollback();
  },
  async query({ sql, params }) {
    return (await lite.query(sql, params)).rows;
  },
  prepared({ sql, params }) {
    return preparedQuery(sql, params);
  },
  preparedMany({ reads }) {
    return preparedQueries(reads);
  },
  // A plain statement inside a transaction opened by `begin` (the same PGlite transaction Prisma's
  // adapter holds, so Prisma's own transactions and these take turns).
  async txQuery({ txId, sql, params }) {
    return (await transaction(txId).client.query(sql, params)).rows;
  },
  async exec({ sql }) {
    await lite.exec(sql);
  },
  async close() {
    for (const tx of transactions.values()) await tx.rollback().catch(() => undefined);
    transactions.clear();
    await lite.close();
  },
  // For the tests: what a crash of this thread looks like to the main thread (it never answers).
  crash() {
    setImmediate(() => {
      throw new Error("crash requested by a test");
    });
    return new Promise(() => undefined);
  },
};

/** An error as plain data; the main thread rebuilds it (DriverAdapterError keeps Prisma's error mapping). */
function serializeError(error) {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const fields = {};
  for (const key of [
    "code",
    "severity",
    "detail",
    "hint",
    "position",
    "where",
    "schema",
    "table",
    "column",
    "constraint",
  ]) {
    if (error[key] !== undefined) fields[key] = error[key];
  }
  let cause;
  try {
    cause = error.cause === undefined ? undefined : structuredClone(error.cause);
  } catch {
    cause = undefined;
  }
  return { name: error.name, message: error.message, stack: error.stack, cause, fields };
}

port.on("message", (message) => {
  const { id, op, args } = message;
  const run = operations[op];
  const result = run ? run(args ?? {}) : Promise.reject(new Error(`Unknown operation ${op}`));
  result.then(
    (value) => port.postMessage({ id, ok: true, value }),
    (error) => port.postMessage({ id, ok: false, error: serializeError(error) }),
  );
});

port.postMessage({ ready: true });
