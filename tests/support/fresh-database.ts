import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "~/db.server";
import { applyMigrations } from "~/migrate.server";
import { seedDemoIfEmpty } from "../../prisma/seed";
import { createTemporaryPostgres, type DatabaseTarget } from "./services";

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

/** `openFresh`, migrated and with the demo group seeded, as a server's first start leaves it. */
export async function openSeeded(
  target: DatabaseTarget,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const opened = await openFresh(target);
  await applyMigrations(opened.database.raw);
  await seedDemoIfEmpty(opened.database.prisma);
  return opened;
}
