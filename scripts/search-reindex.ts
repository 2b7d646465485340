// `npm run search:reindex`: rebuilds every paper's search rows from its stored document. The server
// keeps them current by itself; this is for a restored backup or a changed index format.
// Stop the server first when using the embedded database (one process per data directory).
import { loadEnv } from "../app/env.server";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { reindexAll } from "../app/modules/search/search-index.server";

const env = loadEnv();
const database = await openDatabase(env);
try {
  await applyMigrations(database.raw);
  const started = Date.now();
  const count = await reindexAll(database.prisma);
  console.log(`search index rebuilt: ${count} papers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await database.close();
}
