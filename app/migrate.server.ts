import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { RawDatabase } from "./db-adapter.server";
import { log } from "./log.server";

// Applies prisma/migrations/*/migration.sql in order and records them in Prisma's own
// `_prisma_migrations` table, so `prisma migrate status` agrees. Done in-process at start because
// the embedded database can only be opened by one process at a time.

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = path.resolve("prisma/migrations")): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names of the migrations it applied (empty when the database was up to date). */
export async function applyMigrations(
  database: RawDatabase,
  migrations = readMigrations(),
): Promise<string[]> {
  return database.session((raw) => applyOnConnection(raw, migrations));
}

async function applyOnConnection(raw: RawDatabase, migrations: MigrationFile[]): Promise<string[]> {
  // Several processes may start at once against one PostgreSQL: serialise them on an advisory lock.
  if (raw.kind === "postgres") await raw.query("SELECT pg_advisory_lock(727274)");
  try {
    await raw.exec(MIGRATIONS_TABLE);
    const done = await raw.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
    const ran: string[] = [];
    for (const migration of migrations) {
      const known = applied.get(migration.name);
      if (known) {
        if (known !== migration.checksum) {
          log.warn(
            { migration: migration.name },
            "migration was edited after it was applied; leaving it as it is",
          );
        }
        continue;
      }
      const id = randomUUID();
      await raw.exec(`BEGIN;\n${migration.sql}\n;COMMIT;`).catch(async (error: unknown) => {
        await raw.exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      });
      await raw.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [id, migration.checksum, migration.name],
      );
      ran.push(migration.name);
    }
    return ran;
  } finally {
    if (raw.kind === "postgres") await raw.query("SELECT pg_advisory_unlock(727274)");
  }
}
