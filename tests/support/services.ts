import pg from "pg";

// With REQUIRE_SERVICES=1 (CI), a missing PostgreSQL or Redis fails the run instead of skipping.
export const requireServices = process.env.REQUIRE_SERVICES === "1";

export type DatabaseTarget = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = ["pglite"];
  if (process.env.TEST_DATABASE_URL) targets.push("postgres");
  else if (requireServices) throw new Error("REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set");
  return targets;
}

/** The PostgreSQL server the tests use (TEST_DATABASE_URL). */
export function testDatabaseUrl(): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  return base;
}

/**
 * Creates a database on the TEST_DATABASE_URL server, empty or as a copy of `template`; returns its URL
 * and a drop function.
 */
export async function createTemporaryPostgres({ template }: { template?: string | null } = {}): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const base = testDatabaseUrl();
  const name = `acuerdo_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL at TEST_DATABASE_URL is not reachable: ${error.message}`);
  });
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
