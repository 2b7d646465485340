// Workload 7: three Acuerdo processes on one PostgreSQL database and a Redis of their own; ten people
// type (five on process 1, five on process 2) while others join and leave at random on any process, so
// process 3 keeps opening the paper while people type. After each round's last keystroke: how long until
// every client (among them an observer on each process, joined as the round starts) and a fresh load
// from the database hold the same document.
import { spawnSync } from "node:child_process";
import pg from "pg";
import * as Y from "yjs";
import { startServer, type TestServer } from "../tests/support/server";
import { createTemporaryPostgres } from "../tests/support/services";
import { HttpClient } from "../tests/support/http-client";
import { collabClient } from "../tests/support/collab-client";
import { createPaper } from "../tests/support/papers";
import { startOwnRedis, type OwnRedis } from "../tests/support/redis";
import { seededRandom } from "../tests/support/random";
import { contentOf, randomEdit, vectorOf } from "../tests/support/random-edits";
import { trackPid } from "./processes";
import { median, sleep } from "./stats";
import type { Figures, Settings } from "./workloads";

type Client = ReturnType<typeof collabClient>;

const TYPISTS = 10;
const MAX_VISITORS = 6;
const SECRET = "bench-convergence-secret-0123456789abcdef";
const PEOPLE = [
  "member.us@example.org",
  "member.mx@example.org",
  "member.sv@example.org",
  "member.gt@example.org",
  "member.hn@example.org",
  "member2.us@example.org",
  "member2.mx@example.org",
  "member2.sv@example.org",
];

export function canMeasureConvergence(): boolean {
  return (
    Boolean(process.env.TEST_DATABASE_URL) &&
    spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0
  );
}

async function storedDoc(client: pg.Client, paperId: string): Promise<Y.Doc> {
  const snapshot = await client.query<{ state: Buffer }>(
    `SELECT state FROM "PaperSnapshot" WHERE "paperId" = $1`,
    [paperId],
  );
  const log = await client.query<{ update: Buffer }>(
    `SELECT "update" FROM "PaperUpdate" WHERE "paperId" = $1 ORDER BY id`,
    [paperId],
  );
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const row of [...snapshot.rows.map((r) => r.state), ...log.rows.map((r) => r.update)])
      Y.applyUpdate(doc, row);
  });
  return doc;
}

export async function convergenceAcrossProcesses(s: Settings, out: Figures): Promise<void> {
  const random = seededRandom(s.convergenceSeed);
  let redis: OwnRedis | undefined;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  const servers: TestServer[] = [];
  const untrack: (() => void)[] = [];
  const typists: Client[] = [];
  const visitors: Client[] = [];
  let db: pg.Client | undefined;
  try {
    redis = await startOwnRedis();
    database = await createTemporaryPostgres();
    // Debug logging adds the line each process writes when it asks the others for what it missed.
    const env = {
      REDIS_URL: redis.url,
      SESSION_SECRET: SECRET,
      COLLAB_MESSAGES_PER_SECOND: "5000",
      LOG_LEVEL: "debug",
    };
    servers.push(await startServer({ databaseUrl: database.url, env }));
    servers.push(...(await Promise.all([1, 2].map(() => startServer({ databaseUrl: database!.url, env })))));
    for (const server of servers) untrack.push(trackPid(() => server.pid));
    const secretariat = new HttpClient(servers[0].url);
    await secretariat.login("secretariat@example.org");
    const cookies: string[] = [];
    for (const email of PEOPLE) {
      const http = new HttpClient(servers[0].url);
      await http.login(email);
      cookies.push(http.cookieString);
    }
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const open = (on: number, k: number) =>
      collabClient(servers[on].url, cookies[k % cookies.length], paperId, { origin: servers[on].url });
    const paperId = await createPaper(secretariat, "rmsg", "Bench convergence");
    for (let i = 0; i < TYPISTS; i += 1) typists.push(open(i % 2, i));
    await Promise.all(typists.map((c) => c.synced()));

    const bounds: number[] = [];
    let visitorsJoined = 0;
    for (let round = 0; round < s.convergenceRounds; round += 1) {
      let typing = true;
      let lastEditAt = 0;
      // One observer per process for the round: process 3 opens the paper while people type.
      const probes = servers.map((_, on) => open(on, round));
      const loops = typists.map(async (client, i) => {
        const own = seededRandom(s.convergenceSeed + 1000 * round + i);
        await sleep(own() * s.intervalMs);
        while (typing) {
          randomEdit(client.doc, own, `t${i} `);
          lastEditAt = performance.now();
          await sleep(s.intervalMs);
        }
      });
      const until = performance.now() + s.convergenceTypeMs;
      while (performance.now() < until) {
        await sleep(50 + random() * 200);
        if (visitors.length < MAX_VISITORS && (random() < 0.5 || visitors.length === 0)) {
          visitors.push(open(Math.floor(random() * 3), visitorsJoined++));
        } else {
          visitors.splice(Math.floor(random() * visitors.length), 1)[0].destroy();
        }
      }
      typing = false;
      await Promise.all(loops);
      // The truth: everything every typist typed (each has its own edits at least).
      const truth = new Y.Doc();
      for (const client of typists) Y.applyUpdate(truth, Y.encodeStateAsUpdate(client.doc));
      const expected = { content: contentOf(truth), vector: vectorOf(truth) };
      const agrees = (doc: Y.Doc) => contentOf(doc) === expected.content && vectorOf(doc) === expected.vector;
      const deadline = performance.now() + 10_000;
      let converged = NaN;
      const marks: Record<string, number> = {};
      for (;;) {
        const mark = (name: string, ok: boolean) => {
          if (ok) marks[name] ??= performance.now() - lastEditAt;
          return ok;
        };
        const typistsAgree = mark(
          "typists",
          typists.every((c) => agrees(c.doc)),
        );
        const visitorsAgree = mark(
          "visitors",
          visitors.filter((v) => v.provider.synced).every((c) => agrees(c.doc)),
        );
        const probesAgree = mark(
          "probes",
          probes.every((c) => c.provider.synced && agrees(c.doc)),
        );
        if (typistsAgree && visitorsAgree && probesAgree) {
          const stored = await storedDoc(db, paperId);
          const same = agrees(stored);
          stored.destroy();
          if (same) {
            converged = performance.now() - lastEditAt;
            break;
          }
        }
        if (performance.now() > deadline) break;
        await sleep(10);
      }
      for (const probe of probes) probe.destroy();
      truth.destroy();
      if (process.env.BENCH_VERBOSE)
        console.error(
          `[bench] round ${round + 1}: ${Object.entries(marks)
            .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
            .join(", ")}, all ${converged.toFixed(0)} ms`,
        );
      if (!Number.isFinite(converged))
        throw new Error(`round ${round + 1}: no convergence within 10 s of the last edit`);
      bounds.push(converged);
    }
    out["w7.rounds"] = bounds.length;
    out["w7.p50"] = median(bounds);
    out["w7.max"] = Math.max(...bounds);
    out["w7.visitors"] = visitorsJoined;
    const asks = (reason: string) =>
      servers
        .flatMap((server) => server.logs.join("").split("\n"))
        .filter((line) => line.includes("asked the other processes") && line.includes(`"reason":"${reason}"`))
        .length;
    out["w7.asksLoad"] = asks("load");
    out["w7.asksRecovery"] = asks("pending") + asks("heartbeat");
    console.error(
      `[bench] convergence across 3 processes: ${bounds.map((b) => b.toFixed(0)).join(", ")} ms after the last edit (${visitorsJoined} visitors joined and left; the processes asked each other ${out["w7.asksLoad"]} times at load, ${out["w7.asksRecovery"]} times to recover a drop)`,
    );
  } finally {
    for (const client of [...typists, ...visitors]) client.destroy();
    await db?.end().catch(() => undefined);
    await Promise.all(servers.map((server) => server.dispose().catch(() => undefined)));
    for (const done of untrack) done();
    redis?.stop();
    await database?.drop().catch(() => undefined);
  }
}
