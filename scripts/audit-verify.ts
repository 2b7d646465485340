// `npm run audit:verify`: checks every group's audit chain in the configured database and names the
// first broken row. Exit code 0 when every chain is intact, 1 otherwise.
// Stop the server first when using the embedded database (one process per data directory).
import { loadEnv } from "../app/env.server";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { verifyGroupChain } from "../app/modules/audit/audit.server";

const env = loadEnv();
const database = await openDatabase(env);
let broken = 0;
try {
  await applyMigrations(database.raw);
  const groups = await database.prisma.group.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
  for (const group of groups) {
    const check = await verifyGroupChain(group.id, database.prisma);
    if (check.ok) {
      console.log(`${group.slug}: intact, ${check.count} events, head ${check.head}`);
    } else {
      broken += 1;
      const row = check.brokenAt;
      console.log(`${group.slug}: BROKEN at event #${row.seq} (id ${row.id}, ${row.type}, ${row.createdAt.toISOString()}): ${check.reason}`);
    }
  }
} finally {
  await database.close();
}
process.exit(broken === 0 ? 0 : 1);
