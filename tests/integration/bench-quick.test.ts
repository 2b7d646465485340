import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Proves `npm run bench -- --quick` still runs end to end against all three servers. It asserts
// nothing about speed: CI machines differ, and the figures are for people to read.
describe("the quick benchmark", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-bench-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs against Acuerdo, the reference y-websocket server and Hocuspocus, and prints one table", async () => {
    const output = path.join(dir, "quick.md");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "bench/index.ts", "--quick", "--output", output],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, `bench exited with ${code}:\n${stderr.slice(-4000)}`).toBe(0);

    const header = stdout.split("\n").find((line) => line.startsWith("| Measure |"));
    expect(header).toBeDefined();
    expect(header).toMatch(/\| Acuerdo \(PGlite\) \|/);
    expect(header).toMatch(/\| y-websocket [\d.]+ \|/);
    expect(header).toMatch(/\| Hocuspocus [\d.]+ \|/);
    if (process.env.TEST_DATABASE_URL) expect(header).toMatch(/\| Acuerdo \(PostgreSQL\) \|/);
    // The last column states each target and whether each database met it (tests/unit/bench-report.test.ts).
    expect(header).toMatch(/\| Target[^|]*\|$/);
    expect(readFileSync(output, "utf8")).toContain(header!);
  }, 300_000); // a loaded two-core CI machine has taken over 120 s
});
