// A paper's update log stays short: the server folds it every few hundred updates, and a log left long by
// something else (an earlier version, a crash, a shutdown) is folded at start, before anyone opens the
// paper, or right after the paper is opened. Applying 100,000 single-character updates costs 0.3–0.5 s of
// CPU; a folded log opens in milliseconds (`npm run bench`, workload 4).
import * as Y from "yjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { appendUpdates, loadStoredState } from "~/modules/documents/doc-store.server";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient, sectionText, waitFor } from "../support/collab-client";
import { createPaper } from "../support/papers";
import { databaseTargets } from "../support/services";

/** `count` single-character updates of one typist, and the text they type. */
function typed(section: string, count: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = appendParagraph(doc, section, "");
  let typedText = "";
  for (let i = 0; updates.length < count; i += 1) {
    text.insert(text.length, "abcdefghij"[i % 10]);
    typedText += "abcdefghij"[i % 10];
  }
  doc.destroy();
  return { updates, text: typedText };
}

/** The server's "folded at start" lines since the `since`th log chunk. */
const foldLines = (server: TestServer, since = 0) =>
  server.logs
    .slice(since)
    .join("")
    .split("\n")
    .filter((line) => line.includes("folded a long update log at start"))
    .map((line) => JSON.parse(line) as { paperId: string; updates: number });

describe.each(databaseTargets())("long update logs (%s)", (database) => {
  let server: TestServer;
  let cochair: HttpClient;
  const papers: Record<"long" | "longer" | "short", string> = { long: "", longer: "", short: "" };
  const texts: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ database });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    papers.long = await createPaper(cochair, "rmsg", "A log left long");
    papers.longer = await createPaper(cochair, "rmsg", "A log left longer");
    papers.short = await createPaper(cochair, "rmsg", "A short log");
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  /** Appends to the stored logs straight to the database, with the server stopped (PGlite admits one process). */
  async function leaveLogs(logs: Record<string, Uint8Array[]>): Promise<void> {
    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      for (const [paperId, updates] of Object.entries(logs))
        for (let i = 0; i < updates.length; i += 5000)
          await appendUpdates(paperId, updates.slice(i, i + 5000), opened.prisma);
    } finally {
      await opened.close();
    }
  }

  async function tailLengths(): Promise<Record<string, number>> {
    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      const lengths: Record<string, number> = {};
      for (const [name, paperId] of Object.entries(papers)) {
        lengths[name] = await opened.prisma.paperUpdate.count({ where: { paperId } });
        // What is stored still loads to the typed text.
        const doc = new Y.Doc();
        for (const update of (await loadStoredState(paperId, opened.prisma)).updates)
          Y.applyUpdate(doc, update);
        expect(sectionText(doc, "finding")).toContain(texts[name]);
        doc.destroy();
      }
      return lengths;
    } finally {
      await opened.close();
    }
  }

  it("folds at start every log longer than 500 updates, longest first, and leaves a short one", async () => {
    const long = typed("finding", 1_200);
    const longer = typed("finding", 3_000);
    const short = typed("finding", 120);
    Object.assign(texts, { long: long.text, longer: longer.text, short: short.text });
    await leaveLogs({
      [papers.long]: long.updates,
      [papers.longer]: longer.updates,
      [papers.short]: short.updates,
    });

    let mark = server.logs.length;
    await server.restart();
    await waitFor(() => foldLines(server, mark).length === 2, 60_000);
    expect(foldLines(server, mark).map(({ paperId, updates }) => [paperId, updates])).toEqual([
      [papers.longer, 3_000],
      [papers.long, 1_200],
    ]);
    // The folded paper opens with everything that was typed.
    const reader = collabClient(server.url, cochair.cookieString, papers.longer);
    await reader.synced();
    expect(sectionText(reader.doc, "finding")).toContain(longer.text);
    reader.destroy();

    expect(await tailLengths()).toEqual({ long: 0, longer: 0, short: 120 });
    mark = server.logs.length;
    await server.restart();
    // Nothing left to fold: the next start folds nothing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(foldLines(server, mark)).toHaveLength(0);
  }, 180_000);

  // Only PostgreSQL admits a second writer while the server runs.
  if (database === "postgres")
    it("folds a long log written while the server runs as soon as the paper is opened, with the person still in it", async () => {
      // Another process (an older version, say) wrote 800 updates the running server never saw.
      const late = typed("evidence", 800);
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      try {
        const count = async () =>
          Number(
            (
              await client.query<{ n: string }>(
                `SELECT count(*) AS n FROM "PaperUpdate" WHERE "paperId" = $1`,
                [papers.short],
              )
            ).rows[0].n,
          );
        const before = await count();
        await client.query(
          `INSERT INTO "PaperUpdate" ("paperId", "update") SELECT $1, u FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, n) ORDER BY n`,
          [papers.short, late.updates.map((update) => Buffer.from(update))],
        );
        expect(await count()).toBe(before + 800);
        const person = collabClient(server.url, cochair.cookieString, papers.short);
        await person.synced();
        expect(sectionText(person.doc, "evidence")).toContain(late.text);
        // Folded while the person is still in the paper (not only when the last person leaves).
        const deadline = Date.now() + 30_000;
        while ((await count()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(await count()).toBe(0);
        expect(person.provider.wsconnected).toBe(true);
        person.destroy();
      } finally {
        await client.end();
      }
    }, 120_000);
});
