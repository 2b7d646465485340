// `npm run bench [-- --quick]`: Acuerdo against the reference y-websocket server and Hocuspocus, in one
// run on loopback, one server at a time, the same workloads, clients in a child process. Prints one
// Markdown table and writes it to bench/results/latest.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ClientWorker } from "./client-protocol";
import { killAll } from "./processes";
import { startAcuerdo, startReference, type AcuerdoServer, type BenchServer } from "./servers";
import { renderReport, type Column } from "./report";
import { measureSchemaCheck, renderSchemaCheck } from "./schema-check";
import { measureRoutes, renderBundleSizes } from "./bundle-size";
import { canMeasureConvergence, convergenceAcrossProcesses } from "./convergence";
import {
  FULL,
  QUICK,
  coldOpen,
  httpPage,
  makeRooms,
  memoryAndBreadth,
  propagation,
  roomMaker,
  saturation,
  type Figures,
  type Rooms,
  type Settings,
} from "./workloads";

const ROOT = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
// --only 6: Acuerdo's page loads (workload 6) alone, without the reference servers or the other workloads.
//   BENCH_PAGE_PAPERS=110 creates that many papers first, as the full run's group holds after workloads 1–5
//   (its group page then lists 50 of them, and was 141–173 req/s instead of 255–268 with the demo's 9).
// --only 7: the convergence across three processes (workload 7) alone (PostgreSQL and redis-server).
// --only 4: cold opens (workload 4) alone, on Acuerdo and both reference servers.
// --only 1: propagation (workload 1) alone, on Acuerdo and y-websocket (the targets are ratios to it).
// --only 2 (or 3): idle memory (workload 3) then fan-out (workload 2), which share their connections,
// alone, on Acuerdo and y-websocket (the targets are ratios to it), without Hocuspocus.
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : null;
if (only !== null && !["1", "2", "3", "4", "6", "7"].includes(only))
  throw new Error(`--only supports workloads 1, 2, 3, 4, 6 and 7, not ${only}`);
const fanOutOnly = only === "2" || only === "3";
const propagationOnly = only === "1";
// --output <file>: where the Markdown goes (the CI test writes to a temporary file, not over latest.md).
const outputIndex = process.argv.indexOf("--output");
const output =
  outputIndex > 0
    ? path.resolve(process.argv[outputIndex + 1])
    : path.join(
        ROOT,
        only ? `bench/results/only-w${fanOutOnly ? "2-3" : only}.md` : "bench/results/latest.md",
      );
const settings: Settings = quick ? QUICK : FULL;

const version = (name: string) =>
  (
    JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;

// Workloads 1, 2, 3, 6 and 7 alone read no long history: none is written.
const history =
  only && only !== "4"
    ? { papers: 0, updates: 0 }
    : { papers: settings.coldRepetitions, updates: settings.historyUpdates };

interface Plan {
  label: string;
  start: () => Promise<BenchServer>;
}
const plans: Plan[] = [
  ...(only === "7"
    ? []
    : [{ label: "Acuerdo (PGlite)", start: () => startAcuerdo("pglite", "Acuerdo (PGlite)", history) }]),
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          label: "Acuerdo (PostgreSQL)",
          start: () => startAcuerdo("postgres", "Acuerdo (PostgreSQL)", history),
        },
      ]
    : []),
  ...(only && !fanOutOnly && !propagationOnly && only !== "4" ? [] : referencePlans()),
];
function referencePlans(): Plan[] {
  const yWebsocket = {
    label: `y-websocket ${version("@y/websocket-server")}`,
    start: () => startReference("y-websocket", `y-websocket ${version("@y/websocket-server")}`),
  };
  if (fanOutOnly || propagationOnly) return [yWebsocket];
  return [
    yWebsocket,
    {
      label: `Hocuspocus ${version("@hocuspocus/server")}`,
      start: () => startReference("hocuspocus", `Hocuspocus ${version("@hocuspocus/server")}`),
    },
  ];
}

function step(label: string, what: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${label}: ${what}`);
}

/**
 * BENCH_PROFILE=dir: a CPU profile of each server process per workload, written as dir/<server>-<workload>.cpuprofile.
 * With BENCH_PROFILE_KIND=allocations, a sampled allocation profile instead (.heapprofile, freed objects included).
 */
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;

async function profiled(server: BenchServer, workload: string, run: () => Promise<void>): Promise<void> {
  if (!profileDir) return run();
  const stop = await server.startProfile();
  try {
    await run();
  } finally {
    mkdirSync(profileDir, { recursive: true });
    const kind = process.env.BENCH_PROFILE_KIND === "allocations" ? "heapprofile" : "cpuprofile";
    const name = `${server.label.replace(/[^A-Za-z0-9.]+/g, "-")}-${workload}.${kind}`;
    writeFileSync(path.join(profileDir, name), JSON.stringify(await stop()));
  }
}

async function measure(server: BenchServer, s: Settings): Promise<Figures> {
  const figures: Figures = {};
  if (only === "7") {
    if (!canMeasureConvergence()) throw new Error("--only 7 needs redis-server on the PATH");
    step(server.label, "convergence across 3 processes (own processes, database and Redis)");
    await convergenceAcrossProcesses(s, figures);
    return figures;
  }
  if (only === "6") {
    step(server.label, "HTTP pages (paper, group, vote)");
    const papers = Number(process.env.BENCH_PAGE_PAPERS ?? 1);
    if (!Number.isInteger(papers) || papers < 1)
      throw new Error(
        `BENCH_PAGE_PAPERS must be a whole number of papers, at least 1, not ${process.env.BENCH_PAGE_PAPERS}`,
      );
    const page = (await (server as AcuerdoServer).createPapers(papers, "page"))[0];
    const rooms = { page } as Rooms;
    await profiled(server, "http", () => httpPage(server as AcuerdoServer, rooms, s, figures));
    return figures;
  }
  const worker = ClientWorker.spawn();
  try {
    if (only === "4") {
      step(server.label, "cold open");
      const make = roomMaker(server);
      const rooms = {
        warm: (await make(1, "warm"))[0],
        history:
          server.kind === "acuerdo" ? (server as AcuerdoServer).historyPapers : await make(1, "history"),
        large: await make(s.coldRepetitions, "large"),
      } as Rooms;
      await profiled(server, "cold-open", () => coldOpen(worker, server, rooms, s, figures));
      return figures;
    }
    step(server.label, "preparing papers");
    const rooms = await makeRooms(server, s);
    if (propagationOnly) {
      step(server.label, `propagation (${s.editors.join(", ")} editors × ${s.repetitions})`);
      await profiled(server, "propagation", () => propagation(worker, server, rooms, s, figures));
      return figures;
    }
    step(server.label, `memory (${s.papers} papers × ${s.perPaper}) and fan-out breadth`);
    await profiled(server, "memory-breadth", () => memoryAndBreadth(worker, server, rooms, s, figures));
    if (fanOutOnly) return figures;
    step(server.label, `propagation (${s.editors.join(", ")} editors × ${s.repetitions})`);
    await profiled(server, "propagation", () => propagation(worker, server, rooms, s, figures));
    if (server.kind === "acuerdo") {
      step(server.label, "persistence at saturation");
      await profiled(server, "saturation", () =>
        saturation(worker, server as AcuerdoServer, rooms, s, figures),
      );
    }
    step(server.label, "cold open");
    await profiled(server, "cold-open", () => coldOpen(worker, server, rooms, s, figures));
    if (server.kind === "acuerdo") {
      step(server.label, "HTTP paper page");
      await profiled(server, "http", () => httpPage(server as AcuerdoServer, rooms, s, figures));
    }
    // Several processes share one PostgreSQL database: measured once, in the PostgreSQL column.
    if (server.kind === "acuerdo" && (server as AcuerdoServer).database === "PostgreSQL") {
      if (canMeasureConvergence()) {
        step(server.label, "convergence across 3 processes (own processes, database and Redis)");
        await convergenceAcrossProcesses(s, figures);
      } else step(server.label, "convergence across 3 processes: skipped (no redis-server)");
    }
  } finally {
    await worker.stop();
  }
  return figures;
}

const columns: Column[] = [];
let failed = false;
const started = Date.now();
// Every server starts at once (starting is not measured; the embedded database's first start alone
// takes seconds), then each is measured alone while the others sit idle, and stopped.
type Started = { server: BenchServer; error?: undefined } | { server?: undefined; error: Error };
const starting = plans.map((plan) => {
  step(plan.label, "starting");
  return plan.start().then(
    (server): Started => ({ server }),
    (error: Error): Started => ({ error }),
  );
});
try {
  for (const [i, plan] of plans.entries()) {
    const column: Column = {
      label: plan.label,
      kind: plan.label.startsWith("Acuerdo")
        ? "acuerdo"
        : plan.label.startsWith("y-websocket")
          ? "y-websocket"
          : "hocuspocus",
      figures: {},
    };
    columns.push(column);
    const { server, error } = await starting[i];
    try {
      if (error) throw error;
      column.figures = await measure(server, settings);
    } catch (error) {
      failed = true;
      column.error = (error as Error).message.split("\n")[0];
      console.error(`[bench] ${plan.label} failed:`, error);
      // The server's last words, when it is Acuerdo's (a crash shows only as a refused connection).
      const logs = server && "server" in server ? (server as AcuerdoServer).server.logs : [];
      if (logs.length) console.error(`[bench] ${plan.label} logged last:\n${logs.slice(-30).join("")}`);
    } finally {
      await server?.stop().catch((error: unknown) => console.error(`[bench] stopping ${plan.label}:`, error));
    }
  }
} finally {
  // Servers not reached (a failure above) still get stopped and their databases dropped.
  for (const [i, plan] of plans.entries()) {
    if (i < columns.length) continue;
    const { server } = await starting[i];
    await server?.stop().catch((error: unknown) => console.error(`[bench] stopping ${plan.label}:`, error));
  }
  killAll();
}

const schemaCheck = fanOutOnly ? "" : schemaCheckReport();
function schemaCheckReport(): string {
  step("schema check", "cost per client update, in process");
  return renderSchemaCheck(measureSchemaCheck(quick ? 2000 : 20_000));
}

const elapsed = (Date.now() - started) / 1000;
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const report =
  renderReport(columns, settings, {
    machine,
    elapsedS: elapsed,
    date: new Date().toISOString(),
  }) +
  "\n\n" +
  schemaCheck +
  "\n\n" +
  renderBundleSizes(measureRoutes(path.join(ROOT, "public")));
console.log(report);
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, report + "\n");
process.exit(failed ? 1 : 0);
