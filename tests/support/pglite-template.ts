// A migrated, seeded embedded database made once per test run, which every test server on PGlite starts
// from a copy of: a server's first start on an empty data directory spends ~7 of its ~10 s migrating and
// seeding, and about fifty test servers run on PGlite. The copy holds exactly what a first start writes
// before it listens (the database, not the session secret), so a server started on it behaves as on a
// fresh one. Outside vitest (the benchmark), or with ACUERDO_TEST_FRESH_PGLITE=1, servers start empty.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAKER = path.join(import.meta.dirname, "make-pglite-template.ts");

declare module "vitest" {
  export interface ProvidedContext {
    /** An empty directory for this run's seeded PGlite template (tests/support/global-setup.ts). */
    pgliteTemplateDir: string;
  }
}

function templateRoot(): string | null {
  if (process.env.ACUERDO_TEST_FRESH_PGLITE === "1") return null;
  try {
    return inject("pgliteTemplateDir") ?? null;
  } catch {
    return null; // not inside a vitest worker
  }
}

function make(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAKER, dataDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`the PGlite template exited with ${code}:\n${output}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The seeded database directory to copy (made by the first worker that asks, while the others wait),
 * or null when servers should start empty.
 */
async function seededDatabase(): Promise<string | null> {
  const root = templateRoot();
  if (!root) return null;
  const dataDir = path.join(root, "data");
  const ready = path.join(root, "ready");
  const failed = path.join(root, "failed");
  let maker = false;
  try {
    mkdirSync(path.join(root, "lock"));
    maker = true;
  } catch {
    // another worker is making it
  }
  if (maker) {
    try {
      await make(dataDir);
      writeFileSync(ready, "");
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, "utf8"));
    if (Date.now() > deadline) throw new Error("the PGlite template was not made within 180 s");
    await sleep(100);
  }
  return path.join(dataDir, "pglite");
}

let template: Promise<string | null> | undefined;

/** Copies the run's seeded embedded database into `dataDir` (returns false when there is none to copy). */
export async function copySeededPglite(dataDir: string): Promise<boolean> {
  template ??= seededDatabase();
  const source = await template;
  if (!source) return false;
  cpSync(source, path.join(dataDir, "pglite"), { recursive: true });
  return true;
}
