import { describe, expect, it } from "vitest";
import { renderReport, type Column } from "../../bench/report";
import { QUICK } from "../../bench/workloads";

const MiB = 2 ** 20;

/** A quick run's columns: two Acuerdo databases and the reference y-websocket server. */
function columns(pglite: Record<string, number>, postgres: Record<string, number>): Column[] {
  return [
    { label: "Acuerdo (PGlite)", kind: "acuerdo", figures: { "w1.largest": 20, ...pglite } },
    { label: "Acuerdo (PostgreSQL)", kind: "acuerdo", figures: { "w1.largest": 20, ...postgres } },
    {
      label: "y-websocket 0.1.1",
      kind: "y-websocket",
      figures: { "w1.2.p99": 2.0, "w1.20.p99": 3.0, "w3.rss": 100 * MiB, "w2.p99": 40 },
    },
  ];
}

const meta = { machine: "test", elapsedS: 1, date: "2026-12-01" };

/** The table row whose label starts with `label`, split into its cells (the measure's label first). */
function row(report: string, label: string): string[] {
  const line = report.split("\n").find((l) => l.startsWith(`| ${label}`));
  if (!line) throw new Error(`no row ${label}`);
  return line
    .slice(2, -2)
    .split(" | ")
    .map((cell) => cell.trim());
}

describe("the benchmark's table", () => {
  it("ends each row that a target reads with the limit and each database's outcome", () => {
    const report = renderReport(
      columns(
        { "w1.2.p99": 2.1, "w3.rss": 250 * MiB, "w3.base": 80 * MiB, "w6.rps": 150 },
        { "w1.2.p99": 2.9, "w3.rss": 140 * MiB, "w3.base": 60 * MiB, "w6.rps": 320 },
      ),
      QUICK,
      meta,
    );
    expect(report.split("\n").find((l) => l.startsWith("| Measure"))).toMatch(/\| Target[^|]*\|$/);
    // 2 editors: 1.1 × 2.0 ms = 2.2 ms.
    const p99 = row(report, "1. Propagation, 2 editors (2 typing every 50 ms, 1 s): p99");
    expect(p99.at(-1)).toBe("≤ 1.1× y-websocket: PGlite met, PostgreSQL missed by 0.7 ms");
    // RSS: 2.0× 100 MiB on PGlite, 1.5× on PostgreSQL.
    const rss = row(report, "3. Memory, 20 idle connections on 5 papers of ~20 KB: server RSS");
    expect(rss.at(-1)).toBe(
      "≤ 2.0× y-websocket (PGlite), ≤ 1.5× (PostgreSQL): PGlite missed by 50 MiB, PostgreSQL met",
    );
    // What the process held before the papers were opened, in its own row, without a target.
    const base = row(
      report,
      "3. Memory, 20 idle connections on 5 papers of ~20 KB: server RSS before the papers are opened",
    );
    expect(base.slice(1, 3)).toEqual(["80 MiB", "60 MiB"]);
    expect(base.at(-1)).toBe("—");
    // A rate is met at or above its limit: 200/s on PGlite, 300/s on PostgreSQL.
    const rps = row(report, "6. HTTP paper page, signed in (10 connections, 1 s warm-up, 1 s): requests/s");
    expect(rps.at(-1)).toBe("≥ 200/s (PGlite), ≥ 300/s (PostgreSQL): PGlite missed by 50/s, PostgreSQL met");
  });

  it("names the limit alone where nothing was measured, and leaves rows without a target plain", () => {
    const report = renderReport(columns({}, {}), QUICK, meta);
    expect(row(report, "2. Fan-out, 5 papers × 4 editors (1 typing each, 1 s): p99").at(-1)).toBe(
      "≤ 1.0× y-websocket",
    );
    expect(row(report, "2. Fan-out, 5 papers × 4 editors (1 typing each, 1 s): p50").at(-1)).toBe("—");
    expect(report).toContain("- Acuerdo (PGlite): Fan-out p99 ≤ 1.0× y-websocket: not measured");
  });

  it("lists every target under the table, met or missed and by how much", () => {
    const report = renderReport(columns({ "w1.20.p99": 3.2 }, { "w1.20.p99": 3.4 }), QUICK, meta);
    // The largest editor count of a quick run is 20: its target is 1.0× y-websocket, and 1.1× for 20.
    expect(report).toContain(
      "- Acuerdo (PGlite): Propagation p99, largest editor count, ≤ 1.0× the reference y-websocket server: MISSED (3.2 ms vs 3.0 ms, missed by 0.2 ms: 1.07× the limit, 1.0× y-websocket)",
    );
    expect(report).toContain(
      "- Acuerdo (PGlite): Propagation p99, 20 editors, ≤ 1.1× y-websocket: met (3.2 ms vs 3.3 ms)",
    );
    const p99 = row(report, "1. Propagation, 20 editors (10 typing every 50 ms, 1 s): p99");
    expect(p99.at(-1)).toBe(
      "≤ 1.0× y-websocket: PGlite missed by 0.2 ms, PostgreSQL missed by 0.4 ms; ≤ 1.1× y-websocket: PGlite met, PostgreSQL missed by 0.1 ms",
    );
  });
});
