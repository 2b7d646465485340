// `node --import tsx tests/support/make-seeded-database.ts --data-dir <dir> | --database-url <url>`: what a
// server does on its first start before it listens (open the database, apply every migration, seed the
// demo group), then a clean close. Test servers start from copies of it (see seeded-databases.ts).
import { openDatabase } from "../../app/db.server";
import { applyMigrations } from "../../app/migrate.server";
import { seedDemoIfEmpty } from "../../prisma/seed";

const [flag, target] = process.argv.slice(2);
if (!target || (flag !== "--data-dir" && flag !== "--database-url"))
  throw new Error("usage: make-seeded-database.ts --data-dir <dir> | --database-url <url>");
const database = await openDatabase(flag === "--data-dir" ? { DATA_DIR: target } : { DATABASE_URL: target });
try {
  await applyMigrations(database.raw);
  if (!(await seedDemoIfEmpty(database.prisma))) throw new Error(`${target} was not empty`);
} finally {
  await database.close();
}
