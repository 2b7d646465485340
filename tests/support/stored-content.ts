import * as Y from "yjs";
import { openDatabase } from "~/db.server";
import { appendUpdates, loadStoredDoc } from "~/modules/documents/doc-store.server";
import type { TestServer } from "./server";

/**
 * Changes a paper's stored document directly in the database, as content written before a check
 * existed (or a restore) would be: the server is stopped (the embedded database admits one process),
 * the change appended to the update log, and the server started again.
 */
export async function writeStoredContent(
  server: TestServer,
  paperId: string,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  await server.stop();
  const opened = await openDatabase(
    server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
  );
  try {
    const doc = await loadStoredDoc(paperId, opened.prisma);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    await appendUpdates(paperId, [Y.encodeStateAsUpdate(doc, before)], opened.prisma);
    doc.destroy();
  } finally {
    await opened.close();
    await server.restart();
  }
}
