// Once per `vitest run`, in the main process: where this run's seeded databases go (test servers start
// from copies of them; tests/support/seeded-databases.ts makes each on first use), removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-seeded-"));
  const postgresName = `acuerdo_seeded_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  project.provide("seededDatabasesDir", dir);
  project.provide("seededPostgresName", postgresName);
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const base = process.env.TEST_DATABASE_URL;
    if (!base) return;
    const admin = new pg.Client({ connectionString: base });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${postgresName}" WITH (FORCE)`);
    } catch {
      // PostgreSQL is gone: nothing to drop
    } finally {
      await admin.end().catch(() => undefined);
    }
  };
}
