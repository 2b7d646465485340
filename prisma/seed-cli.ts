// `npm run seed`: adds the demo study group to the configured database if it is not there.
// Stop the server first when using the embedded database: only one process may open it.
import { loadEnv } from "../app/env.server";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { seedDemo } from "./seed";

const env = loadEnv();
const database = await openDatabase(env);
try {
  await applyMigrations(database.raw);
  const { created } = await seedDemo(database.prisma);
  console.log(created ? `Demo data added (${created} rows).` : "Demo data already present; nothing changed.");
} finally {
  await database.close();
}
