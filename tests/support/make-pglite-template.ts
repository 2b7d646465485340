// Run as `node --import tsx tests/support/make-pglite-template.ts <dataDir>`: what a server does on its
// first start before it listens (open the embedded database, apply every migration, seed the demo group),
// into <dataDir>/pglite, then a clean close. Test servers start from a copy (see pglite-template.ts).
import { openDatabase } from "../../app/db.server";
import { applyMigrations } from "../../app/migrate.server";
import { seedDemoIfEmpty } from "../../prisma/seed";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: make-pglite-template.ts <dataDir>");
const database = await openDatabase({ DATA_DIR: dataDir });
try {
  await applyMigrations(database.raw);
  if (!(await seedDemoIfEmpty(database.prisma))) throw new Error(`${dataDir} was not empty`);
} finally {
  await database.close();
}
