// The benchmark's one table: a row per figure, a column per server, Acuerdo's cells with their ratio to
// each reference server; then the issue's targets, met or missed and by how much.
import type { ServerKind } from "./client-protocol";
import type { Figures, Settings } from "./workloads";

export interface Column {
  label: string;
  kind: ServerKind;
  figures: Figures;
  error?: string;
}

type Unit = "ms" | "MiB" | "KiB" | "%" | "/s" | "count";

interface Row {
  label: string;
  key: string;
  unit: Unit;
}

const ms = (label: string, key: string): Row => ({ label, key, unit: "ms" });

function rows(s: Settings): Row[] {
  const out: Row[] = [];
  const seconds = (msValue: number) => `${msValue / 1000} s`;
  for (const n of s.editors) {
    const typists = Math.min(s.typists, n);
    const what = `1. Propagation, ${n} editors (${typists} typing every ${s.intervalMs} ms, ${seconds(s.typeMs)})`;
    out.push(
      ms(`${what}: p50`, `w1.${n}.p50`),
      ms(`${what}: p99`, `w1.${n}.p99`),
      ms(`${what}: max`, `w1.${n}.max`),
    );
    out.push({ label: `${what}: server CPU`, key: `w1.${n}.cpu`, unit: "%" });
    out.push({ label: `${what}: client process CPU`, key: `w1.${n}.clientCpu`, unit: "%" });
  }
  const breadth = `2. Fan-out, ${s.papers} papers × ${s.perPaper} editors (1 typing each, ${seconds(s.breadthMs)})`;
  out.push(ms(`${breadth}: p50`, "w2.p50"), ms(`${breadth}: p99`, "w2.p99"), ms(`${breadth}: max`, "w2.max"));
  out.push({ label: `${breadth}: server CPU`, key: "w2.cpu", unit: "%" });
  // The event loop's own share (the main thread): what delays broadcasts, whatever other threads do.
  out.push({ label: `${breadth}: server main thread CPU`, key: "w2.mainCpu", unit: "%" });
  out.push({ label: `${breadth}: client process CPU`, key: "w2.clientCpu", unit: "%" });
  const memory = `3. Memory, ${(s.papers * s.perPaper).toLocaleString("en")} idle connections on ${s.papers} papers of ~${s.paperBytes / 1000} KB`;
  out.push({ label: `${memory}: server RSS`, key: "w3.rss", unit: "MiB" });
  // Before any of the papers is opened: what the process holds for itself (the code it loaded, and what
  // the work before this workload left), apart from what the papers and the connections add.
  out.push({ label: `${memory}: server RSS before the papers are opened`, key: "w3.base", unit: "MiB" });
  out.push({ label: `${memory}: RSS per paper (1 connection)`, key: "w3.perPaper", unit: "KiB" });
  out.push({ label: `${memory}: RSS per further connection`, key: "w3.perConnection", unit: "KiB" });
  const history = `4. Cold open, ${s.historyUpdates.toLocaleString("en")} single-character updates`;
  out.push(
    ms(`${history}: folded at start (Acuerdo; the log was written before it started)`, "w4.compaction"),
  );
  out.push(ms(`${history}, first open`, "w4.historyBefore"));
  out.push(ms(`${history}, open again`, "w4.historyAfter"));
  out.push(ms(`4. Cold open, ~${s.largeBytes / 1000} KB paper`, "w4.large"));
  // Acuerdo's own account of that open (its debug log): the read and apply overlap the decision.
  const inServer = `4. Cold open, ~${s.largeBytes / 1000} KB paper, in the server`;
  out.push(ms(`${inServer}: upgrade decided (session, paper, membership)`, "w4.largeDecided"));
  out.push(ms(`${inServer}: stored state read (from the paper's lookup on)`, "w4.largeRead"));
  out.push(ms(`${inServer}: stored state applied`, "w4.largeApplied"));
  const lag = `5. Persistence lag, ${s.editors.at(-1)} editors (keystroke → row committed)`;
  out.push(ms(`${lag}: p50`, "w5.lagP50"), ms(`${lag}: p99`, "w5.lagP99"), ms(`${lag}: max`, "w5.lagMax"));
  const flatOut = `5. Saturation, ${s.saturationPapers} papers, 1 editor each inserting every 2 ms for ${s.saturationMs / 1000} s`;
  out.push({ label: `${flatOut}: updates offered`, key: "w5.sentPerSecond", unit: "/s" });
  out.push({
    label: `${flatOut}: updates persisted (until all committed)`,
    key: "w5.persistedPerSecond",
    unit: "/s",
  });
  out.push(ms(`${flatOut}: backlog after the last insert`, "w5.backlogMs"));
  out.push({
    label: `${flatOut}: updates never committed (10 s bound)`,
    key: "w5.unpersisted",
    unit: "count",
  });
  out.push({ label: `${flatOut}: sockets closed by the server`, key: "w5.closes", unit: "count" });
  const page = `6. HTTP paper page, signed in (${s.httpConnections} connections, ${s.httpWarmupS} s warm-up, ${s.httpS} s)`;
  out.push(
    { label: `${page}: requests/s`, key: "w6.rps", unit: "/s" },
    ms(`${page}: p50`, "w6.p50"),
    ms(`${page}: p99`, "w6.p99"),
  );
  for (const [name, key] of [
    ["group page", "w6.group"],
    ["vote page", "w6.vote"],
  ]) {
    const other = `6. HTTP ${name}, signed in (${s.httpConnections} connections, ${s.httpWarmupS} s warm-up, ${s.httpS} s)`;
    out.push(
      { label: `${other}: requests/s`, key: `${key}.rps`, unit: "/s" },
      ms(`${other}: p50`, `${key}.p50`),
      ms(`${other}: p99`, `${key}.p99`),
    );
  }
  const converge = `7. Convergence, 3 processes (10 typing every ${s.intervalMs} ms, others joining and leaving at random; ${s.convergenceRounds} rounds of ${seconds(s.convergenceTypeMs)}): last keystroke → every client, process and a fresh load identical`;
  out.push(ms(`${converge}: median`, "w7.p50"), ms(`${converge}: max`, "w7.max"));
  return out;
}

function format(value: number | undefined, unit: Unit): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "ms":
      return value < 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(0)} ms`;
    case "MiB":
      return `${(value / 2 ** 20).toFixed(0)} MiB`;
    case "KiB":
      return `${(value / 1024).toFixed(1)} KiB`;
    case "%":
      return `${value.toFixed(0)} %`;
    case "/s":
      return `${Math.round(value).toLocaleString("en")}/s`;
    case "count":
      return value.toLocaleString("en");
  }
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "—";
  return `${(a / b).toFixed(2)}×`;
}

interface Target {
  label: string;
  /** The table row the target reads (a figure's key; the largest editor count's depends on the run). */
  key: (c: Column) => string;
  /** How the table's last column states the limit. */
  short: string;
  value: (
    c: Column,
    refs: Record<string, Column | undefined>,
  ) => {
    actual: number | undefined;
    limit: number | undefined;
    unit: Unit;
    limitText: string;
    /** A rate: met at or above the limit (times and memory: at or below). */
    atLeast?: boolean;
  };
}

const embedded = (c: Column) => c.label.includes("PGlite");

/** `key`'s figure at most `times` the reference y-websocket server's. */
function timesYWebsocket(label: string, key: (c: Column) => string, unit: Unit, times: number): Target {
  return {
    label,
    key,
    short: `≤ ${times.toFixed(1)}× y-websocket`,
    value: (c, refs) => {
      const reference = refs["y-websocket"]?.figures[key(c)];
      return {
        actual: c.figures[key(c)],
        limit: reference === undefined ? undefined : reference * times,
        unit,
        limitText: `${times.toFixed(1)}× y-websocket`,
      };
    },
  };
}

/** Issue 19's targets for one page of workload 6: requests/s on each database, and p99. */
function pageTargets(page: string, key: string): Target[] {
  return [
    {
      label: `${page}: ≥ 300 requests/s on PostgreSQL, ≥ 200 on PGlite (10 connections)`,
      key: () => `${key}.rps`,
      short: "≥ 200/s (PGlite), ≥ 300/s (PostgreSQL)",
      value: (c) => {
        const limit = embedded(c) ? 200 : 300;
        return { actual: c.figures[`${key}.rps`], limit, unit: "/s", limitText: `${limit}/s`, atLeast: true };
      },
    },
    {
      label: `${page}: p99 ≤ 60 ms (10 connections)`,
      key: () => `${key}.p99`,
      short: "≤ 60 ms",
      value: (c) => ({ actual: c.figures[`${key}.p99`], limit: 60, unit: "ms", limitText: "60 ms" }),
    },
  ];
}

const TARGETS: Target[] = [
  {
    label: "Propagation p99, largest editor count, ≤ 1.0× the reference y-websocket server",
    key: (c) => `w1.${c.figures["w1.largest"]}.p99`,
    short: "≤ 1.0× y-websocket",
    value: (c, refs) => {
      const n = c.figures["w1.largest"];
      return {
        actual: c.figures[`w1.${n}.p99`],
        limit: refs["y-websocket"]?.figures[`w1.${n}.p99`],
        unit: "ms",
        limitText: "1.0× y-websocket",
      };
    },
  },
  {
    label: "RSS per idle connection ≤ Hocuspocus's",
    key: () => "w3.perConnection",
    short: "≤ Hocuspocus",
    value: (c, refs) => ({
      actual: c.figures["w3.perConnection"],
      limit: refs.hocuspocus?.figures["w3.perConnection"],
      unit: "KiB",
      limitText: "Hocuspocus",
    }),
  },
  {
    label: "Cold open of the long history, opened again, < 50 ms",
    key: () => "w4.historyAfter",
    short: "< 50 ms",
    value: (c) => ({ actual: c.figures["w4.historyAfter"], limit: 50, unit: "ms", limitText: "50 ms" }),
  },
  {
    label: "Cold open of the long history, first open, < 500 ms",
    key: () => "w4.historyBefore",
    short: "< 500 ms",
    value: (c) => ({ actual: c.figures["w4.historyBefore"], limit: 500, unit: "ms", limitText: "500 ms" }),
  },
  {
    label: "Convergence across 3 processes (max over rounds) ≤ 1 s",
    key: () => "w7.max",
    short: "≤ 1 s",
    value: (c) => ({ actual: c.figures["w7.max"], limit: 1000, unit: "ms", limitText: "1 s" }),
  },
  {
    label: "Persistence lag p99 ≤ 1 s",
    key: () => "w5.lagP99",
    short: "≤ 1 s",
    value: (c) => ({ actual: c.figures["w5.lagP99"], limit: 1000, unit: "ms", limitText: "1 s" }),
  },
  // Issue 19 ("faster than the reference servers on both databases").
  timesYWebsocket("Propagation p99, 2 editors, ≤ 1.1× y-websocket", () => "w1.2.p99", "ms", 1.1),
  timesYWebsocket("Propagation p99, 20 editors, ≤ 1.1× y-websocket", () => "w1.20.p99", "ms", 1.1),
  timesYWebsocket("Fan-out p99 ≤ 1.0× y-websocket", () => "w2.p99", "ms", 1),
  {
    label: "Server RSS, 1,000 idle connections, ≤ 1.5× y-websocket on PostgreSQL, ≤ 2.0× on PGlite",
    key: () => "w3.rss",
    short: "≤ 2.0× y-websocket (PGlite), ≤ 1.5× (PostgreSQL)",
    value: (c, refs) => {
      const times = embedded(c) ? 2 : 1.5;
      const reference = refs["y-websocket"]?.figures["w3.rss"];
      return {
        actual: c.figures["w3.rss"],
        limit: reference === undefined ? undefined : reference * times,
        unit: "MiB",
        limitText: `${times.toFixed(1)}× y-websocket`,
      };
    },
  },
  timesYWebsocket("RSS per paper ≤ 1.0× y-websocket", () => "w3.perPaper", "KiB", 1),
  timesYWebsocket("Cold open of a ~200 KB paper ≤ 2× y-websocket", () => "w4.large", "ms", 2),
  {
    label: "No paper's log makes a cold open exceed 100 ms (the long history, first open)",
    key: () => "w4.historyBefore",
    short: "≤ 100 ms",
    value: (c) => ({ actual: c.figures["w4.historyBefore"], limit: 100, unit: "ms", limitText: "100 ms" }),
  },
  ...pageTargets("Paper page", "w6"),
  ...pageTargets("Group page", "w6.group"),
  ...pageTargets("Vote page", "w6.vote"),
];

interface Verdict {
  outcome: "met" | "missed" | "not measured";
  /** "met (7.3 ms vs 9.1 ms)", "MISSED (… missed by …)", "not measured", "not measurable (…)". */
  text: string;
  /** How far off, for the table's last column: "missed by 0.8 ms". */
  by?: string;
}

/** Whether Acuerdo's column meets a target, against the reference servers' columns of the same run. */
function judge(target: Target, column: Column, refs: Record<string, Column | undefined>): Verdict {
  const { actual, limit, unit, limitText, atLeast } = target.value(column, refs);
  if (actual === undefined || !Number.isFinite(actual) || limit === undefined || !Number.isFinite(limit))
    return { outcome: "not measured", text: "not measured" };
  if (unit === "KiB" && actual < 0)
    return {
      outcome: "not measured",
      text: `not measurable (${format(actual, unit)}: other memory moved more than the connections added)`,
    };
  const met = atLeast ? actual >= limit : actual <= limit;
  const figures = `${format(actual, unit)} vs ${format(limit, unit)}`;
  if (met) return { outcome: "met", text: `met (${figures})` };
  const by = `missed by ${format(Math.abs(actual - limit), unit)}`;
  return {
    outcome: "missed",
    text: `MISSED (${figures}, ${by}: ${(actual / limit).toFixed(2)}× the limit, ${limitText})`,
    by,
  };
}

/** The table's last column for one row: each target read from it, and how each Acuerdo column fares. */
function targetCell(row: Row, columns: Column[], refs: Record<string, Column | undefined>): string {
  const acuerdo = columns.filter((c) => c.kind === "acuerdo");
  const targets = TARGETS.filter((t) => acuerdo.some((c) => t.key(c) === row.key));
  const shorts = [...new Set(targets.map((t) => t.short))];
  return shorts
    .map((short) => {
      const verdicts = acuerdo.flatMap((c) =>
        targets
          .filter((t) => t.short === short && t.key(c) === row.key)
          .map((t) => judge(t, c, refs))
          .filter((v) => v.outcome !== "not measured")
          .map((v) => `${databaseOf(c)} ${v.outcome === "met" ? "met" : v.by}`),
      );
      return verdicts.length ? `${short}: ${verdicts.join(", ")}` : short;
    })
    .join("; ");
}

/** "PGlite" of "Acuerdo (PGlite)": the column's database, as the last column names it. */
const databaseOf = (c: Column) => /\(([^)]+)\)/.exec(c.label)?.[1] ?? c.label;

export function renderReport(
  columns: Column[],
  s: Settings,
  meta: { machine: string; elapsedS: number; date: string },
): string {
  const refs: Record<string, Column | undefined> = {
    "y-websocket": columns.find((c) => c.kind === "y-websocket"),
    hocuspocus: columns.find((c) => c.kind === "hocuspocus"),
  };
  const header = `| Measure | ${columns.map((c) => c.label).join(" | ")} | Target (issue 19 and earlier) |`;
  const rule = `|---|${columns.map(() => "---").join("|")}|---|`;
  const body = rows(s).map((row) => {
    const cells = columns.map((c) => {
      if (c.error && Object.keys(c.figures).length === 0) return "error";
      const value = c.figures[row.key];
      const text = format(value, row.unit);
      if (c.kind !== "acuerdo" || text === "—") return text;
      const ratios = [refs["y-websocket"], refs.hocuspocus].map((r) => ratio(value, r?.figures[row.key]));
      return ratios.every((r) => r === "—") ? text : `${text} (${ratios.join(" / ")})`;
    });
    return `| ${row.label} | ${cells.join(" | ")} | ${targetCell(row, columns, refs) || "—"} |`;
  });
  const lines = [
    `# Acuerdo benchmark${s.quick ? " (quick)" : ""}`,
    "",
    `${meta.date} · ${meta.machine} · ${meta.elapsedS.toFixed(0)} s · everything on 127.0.0.1, one server at a time, clients in one child process`,
    "",
    header,
    rule,
    ...body,
    "",
    "Acuerdo's cells show (Acuerdo ÷ y-websocket / Acuerdo ÷ Hocuspocus); below 1× is better for times and memory, above 1× for rates. " +
      `${s.repetitions > 1 ? `Workload 1, 2 (fan-out), 4 and 6 figures are medians of ${s.repetitions} runs (workload 4: ${s.coldRepetitions}). ` : ""}` +
      "Latency is from the keystroke in one client to its arrival in every other client of the paper. " +
      "The reference servers keep documents in memory: they have no log to compact (their before and after figures are the same document) and nothing to persist; they serve no pages. " +
      "CPU is a share of one core (100 % = one core busy; this machine may have few): where the client process is near 100 %, latencies are partly the clients' own queueing. " +
      "RSS is read after two forced garbage collections; a negative per-connection figure means the process's other memory (the embedded database's heap) moved more than the connections added. " +
      "Persistence lag needs PostgreSQL (the embedded database cannot be read by a second process); it is measured by polling the highest committed update id every 5 ms. " +
      "Convergence (7) needs PostgreSQL and redis-server: three processes of its own, measured once, in the PostgreSQL column; the time runs from the last keystroke until every client (one observer on each process among them) and the document read straight from the database agree (polled every 10 ms).",
    "",
    "## Targets",
    "",
  ];
  for (const column of columns.filter((c) => c.kind === "acuerdo"))
    for (const target of TARGETS) {
      const verdict = judge(target, column, refs);
      lines.push(`- ${column.label}: ${target.label}: ${verdict.text}`);
    }
  const errors = columns.filter((c) => c.error);
  if (errors.length) lines.push("", "## Errors", "", ...errors.map((c) => `- ${c.label}: ${c.error}`));
  const lost = columns.flatMap((c) =>
    Object.entries(c.figures)
      .filter(([k, v]) => k.endsWith(".lost") && v > 0)
      .map(([k, v]) => `- ${c.label}: ${k}: ${v} arrivals not seen within 5 s of the last keystroke`),
  );
  if (lost.length) lines.push("", "## Lost arrivals", "", ...lost);
  return lines.join("\n");
}
