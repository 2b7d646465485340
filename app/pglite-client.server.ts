// The main thread's side of the embedded database (issue 19): PGlite runs in a worker thread
// (app/pglite-worker.mjs) so its WebAssembly never holds up the event loop that relays Yjs updates.
// This module gives Prisma a driver adapter and the app a raw connection, both forwarding each call
// as one message; transactions are named by an id the worker hands out, and the worker's PGlite
// runs them one at a time as before.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RawQuery } from "./db-adapter.server";
import type { Read } from "./sql-combine";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
  fields?: Record<string, unknown>;
}

/** One read's answer from the worker's `preparedMany`. */
type Settled = { ok: true; rows: unknown[] } | { ok: false; error: SerializedError };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** What the embedded database reports when its thread is gone: every pending and later call gets it. */
export class EmbeddedDatabaseStoppedError extends Error {
  constructor(reason: string) {
    super(`The embedded database (PGlite worker thread) stopped: ${reason}`);
    this.name = "EmbeddedDatabaseStoppedError";
  }
}

function rebuildError(serialized: SerializedError): Error {
  if (serialized.name === "DriverAdapterError" && serialized.cause && typeof serialized.cause === "object") {
    return new DriverAdapterError(serialized.cause as ConstructorParameters<typeof DriverAdapterError>[0]);
  }
  const error = new Error(serialized.message) as Error & Record<string, unknown>;
  error.name = serialized.name;
  Object.assign(error, serialized.fields);
  if (serialized.stack) error.stack = `${serialized.stack}\n    (in the PGlite worker thread)`;
  return error;
}

/**
 * PostgreSQL settings PGlite starts with, after its own defaults. PostgreSQL touches all of
 * shared_buffers when it starts, and PGlite's default of 128 MB was a third of the server's memory;
 * below it sit the operating system's page cache (PGlite reads real files) and a database of this
 * app's size. (PGlite's `postgresqlconf` option would replace the data directory's postgresql.conf,
 * losing initdb's time zone and text search settings: command-line settings override it instead.)
 */
export const PGLITE_START_PARAMS = ["-c", "shared_buffers=16MB"];

function workerPath(): string {
  const file = fileURLToPath(new URL("./pglite-worker.mjs", import.meta.url));
  if (!existsSync(file)) throw new Error(`The PGlite worker is missing: ${file}`);
  return file;
}

/** A PGlite instance in its own thread. One per data directory and process (see db.server.ts). */
export class PGliteWorkerClient {
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private stopped: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: Reply | { ready: true }) => {
      if ("ready" in message) return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.ok) call.resolve(message.value);
      else call.reject(rebuildError(message.error));
    });
    worker.on("error", (error) => this.fail(error.message));
    worker.on("exit", (code) => this.fail(`the thread exited with code ${code}`));
    // Like PGlite in the main thread, an idle database does not keep the process alive; a call in
    // flight does (ref while anything is pending).
    worker.unref();
  }

  static async start(dataDir: string): Promise<PGliteWorkerClient> {
    const worker = new Worker(workerPath(), {
      workerData: { dataDir, startParams: PGLITE_START_PARAMS },
      execArgv: [],
      // PGlite's JavaScript makes short-lived garbage (result rows, messages): a small young generation
      // keeps what waits for collection small (the default sizes it for a whole process).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off("exit", onExit);
        reject(new EmbeddedDatabaseStoppedError(`it could not open ${dataDir}: ${error.message}`));
      };
      const onExit = (code: number) => {
        worker.off("error", onError);
        reject(new EmbeddedDatabaseStoppedError(`it exited with code ${code} while opening ${dataDir}`));
      };
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.once("message", () => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve();
      });
    });
    return new PGliteWorkerClient(worker);
  }

  private fail(reason: string): void {
    if (this.stopped) return;
    this.stopped = new EmbeddedDatabaseStoppedError(reason);
    for (const call of this.pending.values()) call.reject(this.stopped);
    this.pending.clear();
  }

  /** When the last statement (or transaction step) was sent to the thread. */
  private lastSentAt = 0;

  /**
   * Resolves once nothing has been sent to the thread for `quietMs`, or after `maxWaitMs` at most.
   * Background work awaits it between its transactions, so a page or a paper being opened, whose
   * statements follow each other a few milliseconds apart, runs before the next batch, not behind it.
   */
  async whenQuiet(quietMs: number, maxWaitMs: number): Promise<void> {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      const now = performance.now();
      const idle = now - this.lastSentAt;
      if (idle >= quietMs || now >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs - idle, deadline - now)));
    }
  }

  call<T>(op: string, args?: Record<string, unknown>): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    this.lastSentAt = performance.now();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  get isStopped(): boolean {
    return this.stopped !== null;
  }

  /** Rolls back any open transaction, closes PGlite (flushing the data directory) and ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.stopped) {
        try {
          await this.call("close");
        } finally {
          this.fail("it was closed");
          await this.worker.terminate();
        }
      }
    })();
    return this.closing;
  }

  /** For the tests: makes the thread throw, as a crash of PGlite would. */
  crashForTest(): Promise<void> {
    return this.call("crash");
  }

  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.call<T[]>("query", { sql, params });
  }

  /** `query` through a statement the worker prepared for this text (RawDatabase.queryPrepared). */
  queryPrepared<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.call<T[]>("prepared", { sql, params });
  }

  /**
   * Several reads in one exchange with the worker (RawDatabase.queryPreparedMany): one call into its
   * WebAssembly for all of them. One answer per read, each settling on its own.
   */
  queryPreparedMany(reads: Read[]): Promise<unknown[]>[] {
    const answers = this.call<Settled[]>("preparedMany", { reads });
    return reads.map((_, index) =>
      answers.then((settled) => {
        const answer = settled[index];
        if (!answer) throw new Error("the embedded database answered fewer reads than it was asked");
        if (!answer.ok) throw rebuildError(answer.error);
        return answer.rows;
      }),
    );
  }

  exec(sql: string): Promise<void> {
    return this.call("exec", { sql });
  }

  /** Runs `work` in one transaction of the worker's PGlite: committed if it resolves, else rolled back. */
  async transaction<T>(work: (query: RawQuery) => Promise<T>): Promise<T> {
    const { txId } = await this.call<{ txId: number }>("begin", {});
    try {
      const result = await work((sql, params) => this.call("txQuery", { txId, sql, params }));
      await this.call("commit", { txId });
      return result;
    } catch (error) {
      await this.call("rollback", { txId }).catch(() => undefined);
      throw error;
    }
  }
}

const ADAPTER_NAME = "pglite-worker";

class WorkerQueryable {
  readonly provider = "postgres" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(
    protected readonly client: PGliteWorkerClient,
    protected readonly txId: number | null,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.client.call<SqlResultSet>("queryRaw", { txId: this.txId, query });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.client.call<number>("executeRaw", { txId: this.txId, query });
  }
}

class WorkerTransaction extends WorkerQueryable implements Transaction {
  constructor(
    client: PGliteWorkerClient,
    txId: number,
    readonly options: TransactionOptions,
  ) {
    super(client, txId);
  }

  commit(): Promise<void> {
    return this.client.call("commit", { txId: this.txId });
  }

  rollback(): Promise<void> {
    return this.client.call("rollback", { txId: this.txId });
  }
}

class WorkerAdapter extends WorkerQueryable implements SqlDriverAdapter {
  constructor(
    client: PGliteWorkerClient,
    private readonly ownsClient = false,
  ) {
    super(client, null);
  }

  executeScript(script: string): Promise<void> {
    return this.client.call("executeScript", { script });
  }

  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { txId, options } = await this.client.call<{ txId: number; options: TransactionOptions }>("begin", {
      isolationLevel,
    });
    return new WorkerTransaction(this.client, txId, options);
  }

  // The app's worker belongs to the database (closed by RawDatabase.close), not to one Prisma connection;
  // a shadow database's worker ends with its connection.
  dispose(): Promise<void> {
    return this.ownsClient ? this.client.close() : Promise.resolve();
  }
}

/** Prisma's driver adapter factory over the worker. */
export function workerAdapterFactory(client: PGliteWorkerClient): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: ADAPTER_NAME,
    connect: () => Promise.resolve(new WorkerAdapter(client)),
    // The Prisma CLI's shadow database: a throwaway in-memory PGlite, as pglite-prisma-adapter makes it.
    async connectToShadowDb() {
      const shadow = await PGliteWorkerClient.start("memory://shadow");
      return new WorkerAdapter(shadow, true);
    },
  };
}
