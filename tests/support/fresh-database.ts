import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "~/db.server";
import { applyMigrations } from "~/migrate.server";
import { seedDemoIfEmpty } from "../../prisma/seed";
import { copySeededPglite, seededPostgresTemplate } from "./seeded-databases";
import { createTemporaryPostgres, testDatabaseUrl, type DatabaseTarget } from "./services";

/** An empty database of its own on `target` (a temporary PostgreSQL database or a PGlite directory), opened in this process. */
export async function openFresh(
  target: DatabaseTarget,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (target === "postgres") {
    const pg = await createTemporaryPostgres();
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
  const database = await openDatabase({ DATA_DIR: dir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
  const opened = await openFrom(target);
  await applyMigrations(opened.database.raw);
  await seedDemoIfEmpty(opened.database.prisma);
  return opened;
}

/** `openFresh`, from the run's seeded copy when there is one. */
async function openFrom(
  target: DatabaseTarget,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (target === "postgres") {
    const template = await seededPostgresTemplate(testDatabaseUrl());
    if (!template) return openFresh(target);
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
  if (!(await copySeededPglite(dir))) {
    rmSync(dir, { recursive: true, force: true });
    return openFresh(target);
  }
  const database = await openDatabase({ DATA_DIR: dir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
