// The three servers under test, each in its own process on 127.0.0.1, each started fresh.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { appendUpdates } from "../app/modules/documents/doc-store.server";
import { seedDemoIfEmpty } from "../prisma/seed";
import { startServer, type TestServer } from "../tests/support/server";
import { createTemporaryPostgres } from "../tests/support/services";
import { HttpClient } from "../tests/support/http-client";
import type { ServerKind, Target } from "./client-protocol";
import { track, trackPid } from "./processes";
import { sleep } from "./stats";

const ROOT = path.resolve(import.meta.dirname, "..");
const INSPECTOR = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/;

export interface BenchServer {
  label: string;
  kind: ServerKind;
  target: Target;
  pid(): number;
  /** Cookies for authenticated clients, used round-robin ([""] where there is no authentication). */
  cookies: string[];
  /** Full garbage collection in the server process (through its inspector), so RSS shows what is retained. */
  collectGarbage(): Promise<void>;
  /** Starts the V8 CPU profiler in the server process; the returned function stops it and gives the .cpuprofile JSON. */
  startProfile(): Promise<() => Promise<unknown>>;
  stop(): Promise<void>;
}

/** A session on a server process's inspector: one method call at a time is all the bench needs. */
async function inspectorSession(inspectorUrl: string | undefined) {
  if (!inspectorUrl) throw new Error("the server's inspector address is unknown");
  const ws = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let seq = 0;
  return {
    call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
      const id = ++seq;
      return new Promise((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(Buffer.from(data as Buffer).toString("utf8")) as {
            id?: number;
            result?: Record<string, unknown>;
          };
          if (message.id !== id) return;
          ws.off("message", onMessage);
          resolve(message.result ?? {});
        };
        ws.on("message", onMessage);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => ws.close(),
  };
}

async function collectGarbageAt(inspectorUrl: string | undefined): Promise<void> {
  const session = await inspectorSession(inspectorUrl);
  await session.call("HeapProfiler.collectGarbage");
  session.close();
  await sleep(100);
}

async function startProfileAt(inspectorUrl: string | undefined): Promise<() => Promise<unknown>> {
  const session = await inspectorSession(inspectorUrl);
  if (process.env.BENCH_PROFILE_KIND === "allocations") {
    // Every allocation sampled, also the ones garbage collection freed again: what makes the collector work.
    await session.call("HeapProfiler.enable");
    await session.call("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return async () => {
      const { profile } = await session.call("HeapProfiler.stopSampling");
      session.close();
      return profile;
    };
  }
  await session.call("Profiler.enable");
  await session.call("Profiler.setSamplingInterval", { interval: 200 });
  await session.call("Profiler.start");
  return async () => {
    const { profile } = await session.call("Profiler.stop");
    session.close();
    return profile;
  };
}

export async function startReference(
  kind: "y-websocket" | "hocuspocus",
  label: string,
): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    // Plain Node, as Acuerdo's built server runs: no TypeScript loader in either process's memory.
    ["--inspect=127.0.0.1:0", "bench/reference-server.mjs", kind],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  track(child);
  let inspectorUrl: string | undefined;
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    inspectorUrl ??= INSPECTOR.exec(stderr)?.[1];
    // Only the inspector's own banner is expected here.
    for (const line of chunk.toString().split("\n"))
      if (line.trim() && !/Debugger|inspector|For help/.test(line))
        process.stderr.write(`[${kind}] ${line}\n`);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 30 s: ${stderr}`)), 30_000);
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`${kind} exited with ${code}: ${stderr}`)));
  });
  return {
    label,
    kind,
    target: { kind, url: `http://127.0.0.1:${port}` },
    pid: () => child.pid!,
    cookies: [""],
    collectGarbage: () => collectGarbageAt(inspectorUrl),
    startProfile: () => startProfileAt(inspectorUrl),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Drafters of the demo group: editors connect as these, round-robin. */
const DRAFTERS = [
  "member.us@example.org",
  "member.mx@example.org",
  "member.sv@example.org",
  "member.gt@example.org",
  "member.hn@example.org",
  "member2.us@example.org",
  "member2.mx@example.org",
  "member2.sv@example.org",
];

export interface AcuerdoServer extends BenchServer {
  database: "PGlite" | "PostgreSQL";
  server: TestServer;
  databaseUrl?: string;
  /** Papers whose log holds the long typed history, written before the server started. */
  historyPapers: string[];
  /** Signed in as a drafter, for pages. */
  http: HttpClient;
  /** Creates `count` papers; their ids are the rooms. */
  createPapers(count: number, prefix: string): Promise<string[]>;
  /** Waits for the server to log that it compacted `paperId`'s log; returns when it did (epoch ms). */
  waitForCompaction(paperId: string, since: number, timeoutMs: number): Promise<number>;
  /** Milliseconds the server took to fold `paperId`'s long log at start (it logs each one). */
  waitForStartFold(paperId: string, timeoutMs: number): Promise<number>;
  /** The server's debug lines with message `msg` about `paperId`, logged from chunk `since` on. */
  logged(paperId: string, msg: string, since: number): Record<string, unknown>[];
}

/** The updates of one typist appending characters, one update per character (paragraph first). */
function typedUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment("finding").insert(0, [paragraph]);
  for (let i = 0; updates.length < count; i += 1) text.insert(text.length, "abcdefghij"[i % 10]);
  doc.destroy();
  return updates;
}

/**
 * A migrated, seeded database with `papers` papers whose log holds `updates` single-character update
 * rows (through the server, compaction would fold them every 500). Written here, before the server
 * starts, because the embedded database admits one process at a time.
 */
// openDatabase admits one open database per process, and the servers start at once: one at a time here.
let preparing: Promise<unknown> = Promise.resolve();
function prepareDatabase(kind: "pglite" | "postgres", history: { papers: number; updates: number }) {
  const next = preparing.then(() => prepareDatabaseNow(kind, history));
  preparing = next.catch(() => undefined);
  return next;
}

async function prepareDatabaseNow(kind: "pglite" | "postgres", history: { papers: number; updates: number }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-bench-"));
  const postgres = kind === "postgres" ? await createTemporaryPostgres() : null;
  const cleanup = async () => {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const database = await openDatabase(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir });
    const historyPapers: string[] = [];
    try {
      const prisma = database.prisma;
      await applyMigrations(database.raw);
      await seedDemoIfEmpty(prisma);
      const group = await prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
      const author = await prisma.user.findUniqueOrThrow({ where: { email: "secretariat@example.org" } });
      const updates = typedUpdates(history.updates);
      for (let p = 0; p < history.papers; p += 1) {
        const paper = await prisma.paper.create({
          data: { groupId: group.id, title: `Bench history ${p + 1}`, createdById: author.id },
        });
        for (let i = 0; i < updates.length; i += 5000)
          await appendUpdates(paper.id, updates.slice(i, i + 5000), prisma);
        historyPapers.push(paper.id);
      }
    } finally {
      await database.close();
    }
    const env: Record<string, string> = postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir };
    return { env, databaseUrl: postgres?.url, historyPapers, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

export async function startAcuerdo(
  database: "pglite" | "postgres",
  label: string,
  history: { papers: number; updates: number },
): Promise<AcuerdoServer> {
  const prepared = await prepareDatabase(database, history);
  let server: TestServer;
  try {
    // Debug logging only adds the compaction line, which the cold-open workload waits for. The inspector
    // is there for garbage collection before memory readings, and for BENCH_PROFILE.
    // The saturation workload types every 2 ms, above the per-socket message limit meant for people.
    server = await startServer({
      env: {
        ...prepared.env,
        LOG_LEVEL: "debug",
        // BENCH_SERVER_NODE_OPTIONS: flags for Acuerdo's process alone, for A/B runs (V8's heap sizes, say).
        NODE_OPTIONS: `--inspect=127.0.0.1:0 ${process.env.BENCH_SERVER_NODE_OPTIONS ?? ""}`.trim(),
        COLLAB_MESSAGES_PER_SECOND: "5000",
        COLLAB_MESSAGE_BURST: "5000",
        // PGLITE_IN_PROCESS=1 npm run bench: the embedded database on the main thread, to compare.
        ...(process.env.PGLITE_IN_PROCESS ? { PGLITE_IN_PROCESS: process.env.PGLITE_IN_PROCESS } : {}),
      },
    });
  } catch (error) {
    await prepared.cleanup();
    throw error;
  }
  const untrack = trackPid(() => server.pid);
  try {
    const secretariat = new HttpClient(server.url);
    await secretariat.login("secretariat@example.org");
    const html = await (await secretariat.get("/g/rmsg/papers/new")).text();
    const templateId = /name="templateId"[\s\S]*?<option value="([^"]+)"/.exec(html)?.[1];
    if (!templateId) throw new Error("no template to create papers from");
    const cookies: string[] = [];
    let http: HttpClient | undefined;
    for (const email of DRAFTERS) {
      const client = new HttpClient(server.url);
      await client.login(email);
      cookies.push(client.cookieString);
      http ??= client;
    }
    let created = 0;
    const inspectorUrl = () => {
      const all = server.logs.join("");
      const matches = [...all.matchAll(new RegExp(INSPECTOR.source, "g"))];
      return matches.at(-1)?.[1];
    };
    return {
      label,
      kind: "acuerdo",
      database: database === "pglite" ? "PGlite" : "PostgreSQL",
      server,
      databaseUrl: prepared.databaseUrl,
      historyPapers: prepared.historyPapers,
      http: http!,
      get target(): Target {
        return { kind: "acuerdo", url: server.url };
      },
      pid: () => server.pid!,
      cookies,
      collectGarbage: () => collectGarbageAt(inspectorUrl()),
      startProfile: () => startProfileAt(inspectorUrl()),
      async createPapers(count, prefix) {
        const ids: string[] = [];
        const one = async () => {
          const title = `Bench ${prefix} ${++created}`;
          const response = await secretariat.post("/g/rmsg/papers/new", { title, templateId });
          const location = response.headers.get("location") ?? "";
          const id = /\/papers\/([A-Za-z0-9_-]+)$/.exec(location)?.[1];
          if (response.status !== 302 || !id) throw new Error(`could not create a paper: ${response.status}`);
          ids.push(id);
        };
        // A few at a time: the app is the one being measured later, not now.
        for (let i = 0; i < count; i += 4)
          await Promise.all(Array.from({ length: Math.min(4, count - i) }, one));
        return ids;
      },
      async waitForCompaction(paperId, since, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          for (let i = since; i < server.logs.length; i += 1) {
            const chunk = server.logs[i];
            if (chunk.includes("compacted document updates") && chunk.includes(paperId)) return Date.now();
          }
          await sleep(5);
        }
        throw new Error(`paper ${paperId} was not compacted within ${timeoutMs} ms`);
      },
      async waitForStartFold(paperId, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          for (const line of server.logs.join("").split("\n")) {
            if (!line.includes("folded a long update log at start") || !line.includes(paperId)) continue;
            return (JSON.parse(line) as { ms: number }).ms;
          }
          await sleep(20);
        }
        throw new Error(`paper ${paperId}'s long log was not folded at start within ${timeoutMs} ms`);
      },
      logged(paperId, msg, since) {
        const lines = server.logs.slice(since).join("").split("\n");
        return lines
          .filter((line) => line.includes(msg) && line.includes(paperId))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((entry) => entry.msg === msg && entry.paperId === paperId);
      },
      async stop() {
        await server.dispose();
        untrack();
        await prepared.cleanup();
      },
    };
  } catch (error) {
    await server.dispose();
    untrack();
    await prepared.cleanup();
    throw error;
  }
}
