// A paper's search rows are rewritten only where its text changed (search-index.server.ts writeRows):
// the database computes each row's search vector, folded text and trigram entries on every write.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import type { Database } from "~/db.server";
import { appendUpdates, loadStoredDoc } from "~/modules/documents/doc-store.server";
import { refreshPaperIndex, staleIndexPaperIds } from "~/modules/search/search-index.server";
import { searchGroup } from "~/modules/search/search.server";
import { CHUNK_MIN } from "~/modules/search/section-chunks";
import { registerLiveDocuments, type LiveDocuments } from "~/modules/documents/live-docs";
import { appendParagraph } from "../support/collab-client";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("a paper's search rows follow its text row by row (%s)", (target) => {
  let opened: { database: Database; cleanup: () => Promise<void> };
  let paperId: string;

  beforeAll(async () => {
    opened = await openSeeded(target);
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

  it("indexes a long section in parts, a few at a time on the embedded database, and finds it once", async () => {
    const { groupId } = await opened.database.prisma.paper.findUniqueOrThrow({ where: { id: paperId } });
    const [{ sectionKey }] = await rows();
    const doc = await loadStoredDoc(paperId, opened.database.prisma);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    // ~120 KB of distinct paragraphs; the last one alone holds "Zacualpa".
    const lines = Array.from(
      { length: 600 },
      (_, i) => `Paragraph ${i} on labour pathways for delegation number ${i * 7919} and its registry.`,
    );
    for (const line of lines) appendParagraph(doc, sectionKey!, `${line} ${"detail ".repeat(20)}`);
    appendParagraph(doc, sectionKey!, "Zacualpa closes the section.");
    await appendUpdates(paperId, updates, opened.database.prisma);
    // The paper is open in this process: the refresh reads its live document (as the server's does).
    const live: { doc: Y.Doc } = { doc };
    registerLiveDocuments({
      readDoc: (id, read) => Promise.resolve(id === paperId ? { value: read(live.doc) } : null),
    } as Pick<LiveDocuments, "readDoc"> as LiveDocuments);
    const transactions = vi.spyOn(opened.database.raw, "transaction");
    try {
      await refreshPaperIndex(paperId);
      const parts = (await rows()).filter((row) => row.sectionKey === sectionKey && row.language !== "any");
      const original = parts.filter((row) => row.body.includes("Paragraph 0 "));
      expect(original).toHaveLength(1);
      const long = parts.filter((row) => row.language === original[0].language);
      expect(long.length).toBeGreaterThanOrEqual(4);
      for (const part of long.slice(0, -1)) expect(part.body.length).toBeGreaterThanOrEqual(CHUNK_MIN);
      // Written a batch at a time on the embedded database (each batch its own short transaction),
      // in one transaction on PostgreSQL.
      if (target === "pglite") expect(transactions.mock.calls.length).toBeGreaterThan(2);
      else expect(transactions.mock.calls.length).toBe(1);

      const found = await searchGroup(groupId, { q: "Zacualpa" });
      expect(found.hits.map((hit) => [hit.kind, hit.sectionKey])).toEqual([["section", sectionKey]]);
      const common = await searchGroup(groupId, { q: "registry" });
      expect(
        common.hits.filter((hit) => hit.kind === "section" && hit.sectionKey === sectionKey),
      ).toHaveLength(1);

      // Typing in the middle of the long section rewrites the part it falls in (two where a cut moved).
      const middle = (doc.getXmlFragment(sectionKey!).get(300) as Y.XmlElement).get(0) as Y.XmlText;
      middle.insert(10, "Totonicapán ");
      await appendUpdates(paperId, updates.splice(0), opened.database.prisma);
      const before = await rows();
      await refreshPaperIndex(paperId);
      const after = await rows();
      const rewritten = after.filter((row) => !before.some((old) => old.id === row.id));
      expect(rewritten.length).toBeGreaterThanOrEqual(1);
      expect(rewritten.length).toBeLessThanOrEqual(2);
      expect(rewritten.some((row) => row.body.includes("Totonicapán"))).toBe(true);

      // Closed (read from the database), the paper's parts are written a batch at a time too.
      registerLiveDocuments(undefined as unknown as LiveDocuments);
      await opened.database.prisma.searchEntry.deleteMany({ where: { paperId } });
      transactions.mockClear();
      await refreshPaperIndex(paperId);
      expect((await rows()).map((row) => row.body).sort()).toEqual(after.map((row) => row.body).sort());
      if (target === "pglite") expect(transactions.mock.calls.length).toBeGreaterThan(2);
      else expect(transactions.mock.calls.length).toBe(1);
    } finally {
      transactions.mockRestore();
      registerLiveDocuments(undefined as unknown as LiveDocuments);
      doc.destroy();
    }
  });
});
