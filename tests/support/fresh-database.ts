import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "~/db.server";
import { applyMigrations } from "~/migrate.server";
import { seedDemoIfEmpty } from "../../prisma/seed";
import { copySeededPglite, seededPostgresTemplate } from "./seeded-databases";
import { createTemporaryPostgres, testDatabaseUrl, type DatabaseTarget } from "./services";

/**
 * A database of its own on `target` (a temporary PostgreSQL database or a PGlite directory), opened in
 * this process: empty, or with `seeded`, a copy of the run's seeded database when there is one.
 */
async function openOwn(
  target: DatabaseTarget,
  seeded: boolean,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (target === "postgres") {
    const template = seeded ? await seededPostgresTemplate(testDatabaseUrl()) : null;
    const pg = await createTemporaryPostgres({ template });
    const database = await openDatabase({ DATABASE_URL: pg.url });
    return {
      database,
      cleanup: async () => {
        await database.close();
        await pg.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-db-"));
  if (seeded) await copySeededPglite(dir);
  const database = await openDatabase({ DATA_DIR: dir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An empty database of its own on `target`, opened in this process. */
export function openFresh(
  target: DatabaseTarget,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  return openOwn(target, false);
}

/**
 * A database as a server's first start leaves it: migrated, the demo group seeded. It starts from the
 * run's seeded copy (seeded-databases.ts) when there is one, and is migrated and seeded here otherwise
 * (outside vitest's global setup, or with ACUERDO_TEST_FRESH_DATABASES=1); either way the migrations
 * and the seed run once more, finding nothing to do or doing it.
 */
export async function openSeeded(
  target: DatabaseTarget,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const opened = await openOwn(target, true);
  await applyMigrations(opened.database.raw);
  await seedDemoIfEmpty(opened.database.prisma);
  return opened;
}
