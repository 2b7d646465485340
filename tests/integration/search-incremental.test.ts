// A paper's search rows are rewritten only where its text changed (search-index.server.ts writeRows):
// the database computes each row's search vector, folded text and trigram entries on every write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { applyMigrations } from "~/migrate.server";
import { appendUpdates, loadStoredDoc } from "~/modules/documents/doc-store.server";
import { refreshPaperIndex, staleIndexPaperIds } from "~/modules/search/search-index.server";
import { seedDemoIfEmpty } from "../../prisma/seed";
import { appendParagraph } from "../support/collab-client";
import { openFresh } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("a paper's search rows follow its text row by row (%s)", (target) => {
  let opened: { database: Database; cleanup: () => Promise<void> };
  let paperId: string;

  beforeAll(async () => {
    opened = await openFresh(target);
    await applyMigrations(opened.database.raw);
    await seedDemoIfEmpty(opened.database.prisma);
    ({ id: paperId } = await opened.database.prisma.paper.findFirstOrThrow({ select: { id: true } }));
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  const rows = () =>
    opened.database.prisma.searchEntry.findMany({
      where: { paperId },
      select: { id: true, sectionKey: true, language: true, body: true, indexedAt: true },
      orderBy: { id: "asc" },
    });
  const newestIndexedAt = async () => Math.max(...(await rows()).map((row) => row.indexedAt.getTime()));

  it("rewrites nothing when the text is unchanged, and the paper is not stale afterwards", async () => {
    await refreshPaperIndex(paperId, opened.database.prisma);
    const before = await rows();
    expect(before.length).toBeGreaterThan(1);
    const newest = await newestIndexedAt();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await refreshPaperIndex(paperId, opened.database.prisma);
    const after = await rows();
    expect(after.map((row) => [row.id, row.body])).toEqual(before.map((row) => [row.id, row.body]));
    expect(await newestIndexedAt()).toBeGreaterThan(newest);
    expect(await staleIndexPaperIds(opened.database.prisma)).not.toContain(paperId);
  });

  it("rewrites only the section that changed, and its new words join the vocabulary", async () => {
    const before = await rows();
    const doc = await loadStoredDoc(paperId, opened.database.prisma);
    const changed = before.find((row) => row.language !== "any")!;
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    appendParagraph(doc, changed.sectionKey!, "Quetzalcoatlus appears in one section only.");
    doc.destroy();
    await appendUpdates(paperId, updates, opened.database.prisma);
    expect(await staleIndexPaperIds(opened.database.prisma)).toContain(paperId);

    await refreshPaperIndex(paperId, opened.database.prisma);
    const after = await rows();
    const rewritten = after.filter((row) => !before.some((old) => old.id === row.id));
    expect(rewritten.map((row) => row.sectionKey)).toEqual([changed.sectionKey]);
    expect(rewritten[0].body).toContain("Quetzalcoatlus");
    expect(after.length).toBe(before.length);
    const words = await opened.database.prisma.searchWord.findMany({ where: { word: "quetzalcoatlus" } });
    expect(words).toHaveLength(1);
    expect(await staleIndexPaperIds(opened.database.prisma)).not.toContain(paperId);
  });

  it("drops a stored row the document no longer has", async () => {
    const before = await rows();
    const [first] = before;
    await opened.database.prisma.searchEntry.create({
      data: {
        groupId: (await opened.database.prisma.paper.findUniqueOrThrow({ where: { id: paperId } })).groupId,
        paperId,
        kind: "section",
        sectionKey: first.sectionKey,
        sectionTitle: "",
        language: first.language,
        body: "a section that no longer exists",
      },
    });
    await refreshPaperIndex(paperId, opened.database.prisma);
    const after = await rows();
    expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
  });
});
