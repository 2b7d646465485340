// Migrated, seeded databases made once per test run, which test servers start from copies of: a
// server's first start on an empty database spends most of its time migrating and seeding (on PGlite
// ~7 of ~10 s), and about fifty test servers run on each database. A copy holds exactly what a first
// start writes before it listens (the database, not the session secret), so a server started on it
// behaves as on a fresh one. Outside vitest (the benchmark), or with ACUERDO_TEST_FRESH_DATABASES=1,
// servers start on empty databases.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAKER = path.join(import.meta.dirname, "make-seeded-database.ts");

declare module "vitest" {
  export interface ProvidedContext {
    /** An empty directory for this run's seeded databases (tests/support/global-setup.ts). */
    seededDatabasesDir: string;
    /** The name of this run's seeded PostgreSQL template database (made on first use, dropped at the end). */
    seededPostgresName: string;
  }
}

function provided<K extends "seededDatabasesDir" | "seededPostgresName">(key: K): string | null {
  if (process.env.ACUERDO_TEST_FRESH_DATABASES === "1") return null;
  try {
    return inject(key) ?? null;
  } catch {
    return null; // not inside a vitest worker
  }
}

function make(target: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAKER, ...target], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`making a seeded database exited with ${code}:\n${output}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `build` once across this run's workers (the first to ask makes it, the others wait for it). */
async function once(root: string, name: string, build: () => Promise<void>): Promise<void> {
  const ready = path.join(root, `${name}.ready`);
  const failed = path.join(root, `${name}.failed`);
  let maker = false;
  try {
    mkdirSync(path.join(root, `${name}.lock`));
    maker = true;
  } catch {
    // another worker is making it
  }
  if (maker) {
    try {
      await build();
      writeFileSync(ready, "");
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, "utf8"));
    if (Date.now() > deadline) throw new Error(`the seeded ${name} database was not made within 180 s`);
    await sleep(100);
  }
}

let pglite: Promise<string | null> | undefined;

/** Copies the run's seeded embedded database into `dataDir` (returns false when there is none to copy). */
export async function copySeededPglite(dataDir: string): Promise<boolean> {
  pglite ??= (async () => {
    const root = provided("seededDatabasesDir");
    if (!root) return null;
    const templateDir = path.join(root, "pglite-data");
    await once(root, "pglite", () => make(["--data-dir", templateDir]));
    return path.join(templateDir, "pglite");
  })();
  const source = await pglite;
  if (!source) return false;
  cpSync(source, path.join(dataDir, "pglite"), { recursive: true });
  return true;
}

let postgres: Promise<string | null> | undefined;

/**
 * The run's seeded PostgreSQL database on the TEST_DATABASE_URL server, to create test databases from
 * (`CREATE DATABASE … TEMPLATE`), or null when they should start empty.
 */
export function seededPostgresTemplate(base: string): Promise<string | null> {
  postgres ??= (async () => {
    const root = provided("seededDatabasesDir");
    const name = provided("seededPostgresName");
    if (!root || !name) return null;
    await once(root, "postgres", async () => {
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(base);
      url.pathname = `/${name}`;
      await make(["--database-url", url.toString()]);
    });
    return name;
  })();
  return postgres;
}
