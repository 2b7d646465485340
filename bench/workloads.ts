// The six workloads, run against one server at a time. Each is bounded in time and in count.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import type { ClientWorker, TypeResult } from "./client-protocol";
import { track } from "./processes";
import type { AcuerdoServer, BenchServer } from "./servers";
import { cpuMsOf, mainThreadCpuMsOf, median, rssOf, sleep, summarize } from "./stats";

export interface Settings {
  quick: boolean;
  /**
   * Workload 1: editors per paper, typing for `typeMs`, `repetitions` times each. Workloads 2 (the
   * fan-out's typing) and 6 (each page's load) also run `repetitions` times; medians are reported.
   */
  editors: number[];
  typists: number;
  intervalMs: number;
  typeMs: number;
  repetitions: number;
  /** Workloads 2 and 3. */
  papers: number;
  perPaper: number;
  paperBytes: number;
  breadthMs: number;
  /** Workload 4. */
  historyUpdates: number;
  largeBytes: number;
  coldRepetitions: number;
  /** Workload 5. */
  saturationPapers: number;
  saturationMs: number;
  /** Workload 6. */
  httpWarmupS: number;
  httpS: number;
  httpConnections: number;
  /** Workload 7 (bench/convergence.ts). */
  convergenceRounds: number;
  convergenceTypeMs: number;
  convergenceSeed: number;
}

export const FULL: Settings = {
  quick: false,
  editors: [2, 20, 100],
  typists: 10,
  intervalMs: 50,
  typeMs: 10_000,
  repetitions: 3,
  papers: 100,
  perPaper: 10,
  paperBytes: 20_000,
  breadthMs: 10_000,
  historyUpdates: 100_000,
  largeBytes: 200_000,
  coldRepetitions: 3,
  saturationPapers: 20,
  saturationMs: 5_000,
  httpWarmupS: 2,
  httpS: 10,
  httpConnections: 10,
  convergenceRounds: 10,
  convergenceTypeMs: 3_000,
  convergenceSeed: 7,
};

export const QUICK: Settings = {
  quick: true,
  editors: [2, 20],
  typists: 10,
  intervalMs: 50,
  typeMs: 1_000,
  repetitions: 1,
  papers: 5,
  perPaper: 4,
  paperBytes: 20_000,
  breadthMs: 1_000,
  historyUpdates: 2_000,
  largeBytes: 200_000,
  coldRepetitions: 1,
  saturationPapers: 4,
  saturationMs: 1_000,
  httpWarmupS: 1,
  httpS: 1,
  httpConnections: 10,
  convergenceRounds: 1,
  convergenceTypeMs: 1_000,
  convergenceSeed: 7,
};

/** Figures of one server, by measure id (see the rows in report.ts). NaN or absent: not measured. */
export type Figures = Record<string, number>;

/** Rooms a server needs, made up front (Acuerdo's are papers, created over HTTP). */
export interface Rooms {
  warm: string;
  memory: string[];
  propagation: string[][];
  history: string[];
  large: string[];
  saturation: string[];
  page: string;
}

/** `n` rooms named `prefix-i`: papers created through Acuerdo's pages, or plain names on a reference server. */
export const roomMaker =
  (server: BenchServer) =>
  async (n: number, prefix: string): Promise<string[]> =>
    server.kind === "acuerdo"
      ? (server as AcuerdoServer).createPapers(n, prefix)
      : Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

export async function makeRooms(server: BenchServer, s: Settings): Promise<Rooms> {
  const make = roomMaker(server);
  return {
    warm: (await make(1, "warm"))[0],
    memory: await make(s.papers, "memory"),
    propagation: await Promise.all(s.editors.map((n) => make(s.repetitions, `editors${n}`))),
    history: server.kind === "acuerdo" ? (server as AcuerdoServer).historyPapers : await make(1, "history"),
    large: await make(s.coldRepetitions, "large"),
    saturation: await make(s.saturationPapers, "saturation"),
    page: (await make(1, "page"))[0],
  };
}

/** Pauses that let a server settle (writes flushed, documents released) are shorter in --quick. */
const pause = (s: Settings, ms: number) => sleep(s.quick ? ms / 3 : ms);

async function settledRss(server: BenchServer, s: Settings): Promise<number> {
  await pause(s, 300);
  // Twice: the first collection after a burst can leave freed pages mapped.
  await server.collectGarbage();
  await server.collectGarbage();
  return rssOf(server.pid());
}

async function openMany(
  worker: ClientWorker,
  server: BenchServer,
  rooms: string[],
  perRoom: number,
  offset = 0,
): Promise<number[][]> {
  const ids: number[][] = [];
  // Twenty rooms at a time: a thousand simultaneous handshakes measure the accept queue, not the server.
  for (let i = 0; i < rooms.length; i += 20) {
    const batch = rooms.slice(i, i + 20);
    ids.push(
      ...(await Promise.all(
        batch.map((room, j) => {
          const k = i + j + offset;
          // Rotate cookies so that a paper's editors are different people.
          const cookies = Array.from(
            { length: perRoom },
            (_, c) => server.cookies[(k + c) % server.cookies.length],
          );
          return worker.call<number[]>({ cmd: "open", target: server.target, room, count: perRoom, cookies });
        }),
      )),
    );
  }
  return ids;
}

/** Workloads 3 then 2, on the same connections: memory of idle papers, then one typist in each. */
export async function memoryAndBreadth(
  worker: ClientWorker,
  server: BenchServer,
  rooms: Rooms,
  s: Settings,
  out: Figures,
): Promise<void> {
  // Warm the code paths so that lazily loaded modules do not count as per-connection memory.
  await worker.call({ cmd: "coldOpen", target: server.target, room: rooms.warm, cookie: server.cookies[0] });
  const base = await settledRss(server, s);
  const first = await openMany(worker, server, rooms.memory, 1);
  for (const [id] of first) await worker.call({ cmd: "fill", id, bytes: s.paperBytes });
  const withPapers = await settledRss(server, s);
  const rest = await openMany(worker, server, rooms.memory, s.perPaper - 1, 1);
  await pause(s, 1000);
  const withConnections = await settledRss(server, s);
  const connections = rooms.memory.length * s.perPaper;
  out["w3.rss"] = withConnections;
  out["w3.base"] = base;
  out["w3.perPaper"] = (withPapers - base) / rooms.memory.length;
  out["w3.perConnection"] = (withConnections - withPapers) / (connections - rooms.memory.length);
  out["w3.connections"] = connections;

  const typists: Record<string, number[]> = {};
  rooms.memory.forEach((room, i) => (typists[room] = [first[i][0]]));
  // `repetitions` rounds of typing on the same connections, medians reported: one round's p99 moved
  // 43 → 119 ms between two full runs on this machine, and turned the target's outcome with it.
  const runs: Record<"p50" | "p99" | "max" | "cpu" | "mainCpu" | "clientCpu" | "lost", number>[] = [];
  for (let round = 0; round < s.repetitions; round += 1) {
    if (round > 0) await pause(s, 1000);
    const cpuBefore = cpuMsOf(server.pid());
    const mainCpuBefore = mainThreadCpuMsOf(server.pid());
    const clientCpuBefore = cpuMsOf(worker.pid);
    const started = performance.now();
    const result = await worker.call<TypeResult>({
      cmd: "type",
      rooms: typists,
      intervalMs: s.intervalMs,
      durationMs: s.breadthMs,
      recordSends: false,
      settleMs: 200,
    });
    const elapsed = performance.now() - started;
    runs.push({
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      cpu: ((cpuMsOf(server.pid()) - cpuBefore) / elapsed) * 100,
      mainCpu: ((mainThreadCpuMsOf(server.pid()) - mainCpuBefore) / elapsed) * 100,
      clientCpu: ((cpuMsOf(worker.pid) - clientCpuBefore) / elapsed) * 100,
      lost: result.expected - result.arrivals,
    });
  }
  for (const key of ["p50", "p99", "max", "cpu", "mainCpu", "clientCpu"] as const)
    out[`w2.${key}`] = median(runs.map((r) => r[key]));
  // Any arrival lost in any round is reported, not a median of them.
  out["w2.lost"] = runs.reduce((sum, r) => sum + r.lost, 0);
  await worker.call({ cmd: "close", ids: [...first.flat(), ...rest.flat()] });
}

/** Polls the number of update rows committed (PostgreSQL only: the embedded database has one process). */
class CommitProbe {
  readonly samples: { t: number; n: number }[] = [];
  private stopped = false;
  private loop: Promise<void> | null = null;
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<CommitProbe> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new CommitProbe(client);
  }

  /** Highest update id committed: ids come from one sequence, and compaction keeps the highest in the snapshot. */
  async count(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>(
      `SELECT GREATEST((SELECT coalesce(max(id), 0) FROM "PaperUpdate"), (SELECT coalesce(max("throughUpdateId"), 0) FROM "PaperSnapshot")) AS n`,
    );
    return Number(rows[0].n);
  }

  start(intervalMs = 5): void {
    this.stopped = false;
    this.samples.length = 0;
    this.loop = (async () => {
      while (!this.stopped) {
        const n = await this.count();
        this.samples.push({ t: performance.timeOrigin + performance.now(), n });
        await sleep(intervalMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  async end(): Promise<void> {
    await this.stop();
    await this.client.end();
  }
}

/** Lag of each keystroke: from its send time to the first poll that saw that many rows committed. */
function commitLags(sendTimes: number[], samples: { t: number; n: number }[]): number[] {
  const before = samples.filter((p) => p.t < sendTimes[0]).at(-1);
  if (!before) return [];
  const lags: number[] = [];
  let j = samples.indexOf(before);
  for (let k = 0; k < sendTimes.length; k += 1) {
    while (j < samples.length && samples[j].n - before.n < k + 1) j += 1;
    if (j >= samples.length) break;
    lags.push(samples[j].t - sendTimes[k]);
  }
  return lags;
}

/** Workload 1 (and 5's lag, on PostgreSQL): editors on one paper, `typists` of them typing. */
export async function propagation(
  worker: ClientWorker,
  server: BenchServer,
  rooms: Rooms,
  s: Settings,
  out: Figures,
): Promise<void> {
  const acuerdo = server.kind === "acuerdo" ? (server as AcuerdoServer) : null;
  const probe = acuerdo?.database === "PostgreSQL" ? await CommitProbe.connect(acuerdo.databaseUrl!) : null;
  try {
    for (const [i, editors] of s.editors.entries()) {
      const runs: {
        p50: number;
        p99: number;
        max: number;
        cpu: number;
        clientCpu: number;
        lagP50: number;
        lagP99: number;
        lagMax: number;
        lost: number;
      }[] = [];
      const largest = i === s.editors.length - 1;
      for (const room of rooms.propagation[i]) {
        const [ids] = await openMany(worker, server, [room], editors);
        if (largest) probe?.start();
        const cpuBefore = cpuMsOf(server.pid());
        const clientCpuBefore = cpuMsOf(worker.pid);
        const started = performance.now();
        const result = await worker.call<TypeResult>({
          cmd: "type",
          rooms: { [room]: ids.slice(0, Math.min(s.typists, editors)) },
          intervalMs: s.intervalMs,
          durationMs: s.typeMs,
          recordSends: largest && probe !== null,
          settleMs: 300,
        });
        const cpu = ((cpuMsOf(server.pid()) - cpuBefore) / (performance.now() - started)) * 100;
        const clientCpu = ((cpuMsOf(worker.pid) - clientCpuBefore) / (performance.now() - started)) * 100;
        let lag = { p50: NaN, p99: NaN, max: NaN };
        if (largest && probe) {
          // Wait (bounded) for the last keystrokes to be committed.
          const deadline = Date.now() + 5000;
          const target = (probe.samples.filter((p) => p.t < result.sendTimes[0]).at(-1) ?? { n: 0 }).n;
          while (Date.now() < deadline && (probe.samples.at(-1)?.n ?? 0) < target + result.sendTimes.length)
            await sleep(20);
          await probe.stop();
          lag = summarize(commitLags(result.sendTimes, probe.samples));
        }
        runs.push({
          ...result.latency,
          cpu,
          clientCpu,
          lagP50: lag.p50,
          lagP99: lag.p99,
          lagMax: lag.max,
          lost: result.expected - result.arrivals,
        });
        await worker.call({ cmd: "close", ids });
        await pause(s, 300);
      }
      for (const key of ["p50", "p99", "max", "cpu", "clientCpu", "lost"] as const)
        out[`w1.${editors}.${key}`] = median(runs.map((r) => r[key]));
      if (largest && probe) {
        out["w5.editors"] = editors;
        out["w5.lagP50"] = median(runs.map((r) => r.lagP50));
        out["w5.lagP99"] = median(runs.map((r) => r.lagP99));
        out["w5.lagMax"] = median(runs.map((r) => r.lagMax));
      }
    }
    out["w1.largest"] = s.editors.at(-1)!;
  } finally {
    await probe?.end();
  }
}

/**
 * Workload 5, second half: `saturationPapers` editors, one per paper, each inserting a character every
 * 2 ms for `saturationMs`; rows committed per second until everything sent is committed (bounded).
 */
export async function saturation(
  worker: ClientWorker,
  server: AcuerdoServer,
  rooms: Rooms,
  s: Settings,
  out: Figures,
): Promise<void> {
  if (server.database !== "PostgreSQL") return;
  const probe = await CommitProbe.connect(server.databaseUrl!);
  try {
    const ids = (await openMany(worker, server, rooms.saturation, 1)).flat();
    await pause(s, 300);
    const start = await probe.count();
    const t0 = performance.now();
    const { sent, closes } = await worker.call<{ sent: number; closes: number }>({
      cmd: "blast",
      ids,
      intervalMs: 2,
      durationMs: s.saturationMs,
    });
    const sendWindow = performance.now() - t0;
    const deadline = Date.now() + 10_000;
    let n = await probe.count();
    while (n - start < sent && Date.now() < deadline) {
      await sleep(10);
      n = await probe.count();
    }
    const total = performance.now() - t0;
    out["w5.sentPerSecond"] = (sent / sendWindow) * 1000;
    out["w5.persistedPerSecond"] = ((n - start) / total) * 1000;
    out["w5.backlogMs"] = total - sendWindow;
    out["w5.unpersisted"] = sent - (n - start);
    out["w5.closes"] = closes;
    await worker.call({ cmd: "close", ids });
  } finally {
    await probe.end();
  }
}

/** Workload 4: time for a new client to be synced on a long-history paper and on a large one. */
export async function coldOpen(
  worker: ClientWorker,
  server: BenchServer,
  rooms: Rooms,
  s: Settings,
  out: Figures,
): Promise<void> {
  const open = (room: string) =>
    worker.call<{ ms: number; length: number }>({
      cmd: "coldOpen",
      target: server.target,
      room,
      cookie: server.cookies[0],
    });
  // Warm the path (the first upgrade pays for module and query-plan warm-up, not for the paper).
  await open(rooms.warm);
  if (server.kind === "acuerdo") {
    const acuerdo = server as AcuerdoServer;
    // The long logs were written before the server started: it folds them at start, before anyone opens
    // them (a paper opened while the fold has not reached it yet still applies its whole log).
    const folds: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    for (const room of rooms.history) {
      folds.push(await acuerdo.waitForStartFold(room, 120_000));
      const opened = await open(room);
      if (opened.length !== s.historyUpdates - 1)
        throw new Error(`history paper opened with ${opened.length} characters`);
      first.push(opened.ms);
      // The last client left: the document is forgotten, the next open reads the database again.
      await pause(s, 800);
      again.push((await open(room)).ms);
      await pause(s, 300);
    }
    out["w4.historyBefore"] = median(first);
    out["w4.historyAfter"] = median(again);
    out["w4.compaction"] = median(folds);
    const large: number[] = [];
    const inServer = { decided: [] as number[], read: [] as number[], applied: [] as number[] };
    for (const room of rooms.large) {
      const mark = acuerdo.server.logs.length;
      const holder = await worker.call<{ id: number; stateBytes: number }>({
        cmd: "hold",
        target: server.target,
        room,
        cookie: server.cookies[0],
        bytes: s.largeBytes,
      });
      out["w4.largeBytes"] = holder.stateBytes;
      await worker.call({ cmd: "close", ids: [holder.id] });
      await acuerdo.waitForCompaction(room, mark, 60_000);
      await pause(s, 500);
      const before = acuerdo.server.logs.length;
      large.push((await open(room)).ms);
      // Where the open's time went in the server (its debug lines): the upgrade decided (session,
      // paper, membership), and, overlapping it, the stored state read and applied.
      const decided = acuerdo.logged(room, "collaboration upgrade allowed", before).at(-1);
      const loaded = acuerdo.logged(room, "loaded a paper", before).at(-1);
      if (decided && loaded) {
        inServer.decided.push(Number(decided.ms));
        inServer.read.push(Number(loaded.readMs));
        inServer.applied.push(Number(loaded.applyMs));
      }
      await pause(s, 300);
    }
    out["w4.large"] = median(large);
    // BENCH_DUMP=1: the server's log (debug lines included) once the opens' background work is done.
    if (process.env.BENCH_DUMP) {
      await pause(s, 3000);
      process.stderr.write(acuerdo.server.logs.join(""));
    }
    if (inServer.decided.length > 0) {
      out["w4.largeDecided"] = median(inServer.decided);
      out["w4.largeRead"] = median(inServer.read);
      out["w4.largeApplied"] = median(inServer.applied);
    }
  } else {
    // In memory the history is whatever the live document holds; a holder keeps it alive (Hocuspocus
    // unloads a document nobody has open).
    const history = await worker.call<{ id: number }>({
      cmd: "hold",
      target: server.target,
      room: rooms.history[0],
      updates: s.historyUpdates,
    });
    const samples: number[] = [];
    for (let i = 0; i < s.coldRepetitions; i += 1) samples.push((await open(rooms.history[0])).ms);
    out["w4.historyBefore"] = out["w4.historyAfter"] = median(samples);
    const large = await worker.call<{ id: number; stateBytes: number }>({
      cmd: "hold",
      target: server.target,
      room: rooms.large[0],
      bytes: s.largeBytes,
    });
    out["w4.largeBytes"] = large.stateBytes;
    const largeSamples: number[] = [];
    for (let i = 0; i < s.coldRepetitions; i += 1) largeSamples.push((await open(rooms.large[0])).ms);
    out["w4.large"] = median(largeSamples);
    await worker.call({ cmd: "close", ids: [history.id, large.id] });
  }
}

/** Workload 6: the paper page for a signed-in user, with autocannon in its own process. */
export async function httpPage(
  server: AcuerdoServer,
  rooms: Rooms,
  s: Settings,
  out: Figures,
): Promise<void> {
  // The group page lists the demo papers; the adopted demo paper's vote is the vote page.
  const groupHtml = await (await server.http.get("/g/rmsg")).text();
  const voteId = /\/g\/rmsg\/votes\/([A-Za-z0-9_-]+)/.exec(groupHtml)?.[1] ?? (await findVote(server));
  const pages: [key: string, path: string][] = [
    ["w6", `/g/rmsg/papers/${rooms.page}`],
    ["w6.group", "/g/rmsg"],
    ["w6.vote", `/g/rmsg/votes/${voteId}`],
  ];
  for (const [key, pagePath] of pages) {
    const check = await server.http.get(pagePath);
    if (check.status !== 200) throw new Error(`${pagePath} answered ${check.status}`);
    // `repetitions` runs (each with its warm-up), medians reported, as workload 1 does.
    const runs: { rps: number; p50: number; p99: number }[] = [];
    for (let round = 0; round < s.repetitions; round += 1) {
      const result = await loadPage(`${server.server.url}${pagePath}`, server.http.cookieString, s);
      if (result.non2xx || result.errors)
        throw new Error(`${pagePath} under load: ${result.non2xx} non-2xx, ${result.errors} errors`);
      runs.push(result);
      console.error(
        `[bench] ${server.label} ${pagePath}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
      );
    }
    out[`${key}.rps`] = median(runs.map((r) => r.rps));
    out[`${key}.p50`] = median(runs.map((r) => r.p50));
    out[`${key}.p99`] = median(runs.map((r) => r.p99));
  }
}

/** The demo group's votes are linked from its papers' pages: the first paper page that links one. */
async function findVote(server: AcuerdoServer): Promise<string> {
  const groupHtml = await (await server.http.get("/g/rmsg")).text();
  const papers = new Set([...groupHtml.matchAll(/\/g\/rmsg\/papers\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]));
  for (const paper of papers) {
    const html = await (await server.http.get(`/g/rmsg/papers/${paper}`)).text();
    const match = /\/g\/rmsg\/votes\/([A-Za-z0-9_-]+)/.exec(html);
    if (match) return match[1];
  }
  throw new Error("no vote linked from the demo group's papers");
}

async function loadPage(url: string, cookie: string, s: Settings) {
  const args = JSON.stringify({
    url,
    cookie,
    connections: s.httpConnections,
    warmupS: s.httpWarmupS,
    durationS: s.httpS,
  });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "http-load.ts"), args],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  track(child);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`http-load exited with ${code}`);
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    rps: number;
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
  };
}
