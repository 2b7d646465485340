import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ALLOCATOR_TUNABLES } from "../../server/allocator";
import { createTemporaryPostgres, testDatabaseUrl, type DatabaseTarget } from "./services";
import { copySeededPglite, seededPostgresTemplate } from "./seeded-databases";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** What `npm run build` makes of server/index.ts (scripts/build-server.mjs). */
const SERVER_FILE = path.join(ROOT, "build/node/server.mjs");

export interface TestServer {
  url: string;
  port: number;
  /** The current server process (changes on restart). */
  pid: number | undefined;
  dataDir: string;
  databaseUrl?: string;
  logs: string[];
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<number | null>;
  /** kill -9, no goodbye. */
  kill(): Promise<void>;
  /** Starts a new process on the same database (and the same port). */
  restart(): Promise<void>;
  /**
   * Stops the process and removes its database; then fails (throws) if the server logged an error or a
   * fatal line that the test did not declare in `expectErrors`.
   */
  dispose(): Promise<void>;
}

export interface StartOptions {
  database?: DatabaseTarget;
  /** Share an existing PostgreSQL database (several processes behind one load balancer); not dropped. */
  databaseUrl?: string;
  env?: Record<string, string>;
  /**
   * Error-level log lines this test provokes on purpose (matched against the line's `msg`). Any other
   * error or fatal line the server writes fails the test file when the server is disposed.
   */
  expectErrors?: RegExp[];
}

/** Error and fatal JSON log lines (pino levels 50 and 60) not matched by one of `expected`. */
export function unexpectedErrorLines(logs: string[], expected: RegExp[] = []): string[] {
  return logs
    .join("")
    .split("\n")
    .filter((line) => {
      if (!line.startsWith("{")) return false;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) < 50) return false;
        return !expected.some((pattern) => pattern.test(entry.msg ?? ""));
      } catch {
        return false;
      }
    });
}

function launch(env: NodeJS.ProcessEnv, logs: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    if (!existsSync(SERVER_FILE)) {
      reject(new Error(`${SERVER_FILE} is missing: run npm run build first`));
      return;
    }
    // The built server (`npm run build`), as `npm start` runs it.
    const child = spawn(process.execPath, [SERVER_FILE], {
      cwd: ROOT,
      env,
      // Standard input stays open as a pipe: if this test process dies, the server (EXIT_WITH_STDIN) follows.
      stdio: ["pipe", "pipe", "pipe"],
    });
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 100 s:\n${logs.join("")}`)),
      100_000,
    );
    const onLine = (chunk: Buffer) => {
      const text = chunk.toString();
      logs.push(text);
      const match = /"port":(\d+)/.exec(text);
      if (match && text.includes("listening")) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.on("data", onLine);
    child.stderr.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join("")}`));
    });
  });
}

/** Starts the real server process (the built server and Remix app) on a free port and a fresh database. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-test-"));
  const postgres = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : options.database === "postgres"
      ? await createTemporaryPostgres({ template: await seededPostgresTemplate(testDatabaseUrl()) })
      : null;
  // On PGlite in a directory of its own: start from the run's migrated, seeded copy (seeded-databases.ts).
  if (!postgres && !options.env?.DATA_DIR && !options.env?.DATABASE_URL) await copySeededPglite(dataDir);
  const logs: string[] = [];
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    // As `npm start` runs it (server/allocator.ts); BENCH_NO_TUNABLES=1 leaves glibc's defaults, to compare.
    GLIBC_TUNABLES: process.env.BENCH_NO_TUNABLES ? "" : ALLOCATOR_TUNABLES,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    EXIT_WITH_STDIN: "1",
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    // PGLITE_IN_PROCESS=1 npx vitest run …: the same tests with the embedded database on the main thread.
    ...(process.env.PGLITE_IN_PROCESS ? { PGLITE_IN_PROCESS: process.env.PGLITE_IN_PROCESS } : {}),
    ...options.env,
  };
  let { child, port } = await launch(baseEnv, logs);

  const waitExit = (c: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve(c.exitCode);
      c.once("exit", (code) => resolve(code));
    });

  const server: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      return child.pid;
    },
    dataDir,
    databaseUrl: postgres?.url,
    logs,
    async stop() {
      child.kill("SIGTERM");
      return waitExit(child);
    },
    async kill() {
      child.kill("SIGKILL");
      await waitExit(child);
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) await server.stop();
      ({ child, port } = await launch({ ...baseEnv, PORT: String(port) }, logs));
    },
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) await server.stop();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      const unexpected = unexpectedErrorLines(logs, options.expectErrors);
      if (unexpected.length > 0)
        throw new Error(
          `the server logged ${unexpected.length} unexpected error line(s):\n${unexpected.slice(0, 5).join("\n")}`,
        );
    },
  };
  return server;
}
