// Pages read papers nobody has open through a cache of stored documents (stored-doc-cache.server.ts):
// kept while the stored state is unchanged, read afresh after any write, on both databases.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import {
  appendUpdates,
  compactPaper,
  loadStoredDoc,
  writeInitialState,
} from "~/modules/documents/doc-store.server";
import { readStoredDoc, storedStateKeys } from "~/modules/documents/stored-doc-cache.server";
import { UpdateWriter } from "../../server/collab/persistence";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

/** An update that appends `text` to the paper's `finding` fragment, on top of `doc`. */
function typing(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment("finding");
  let paragraph = fragment.get(0) as Y.XmlElement | undefined;
  if (!paragraph) {
    paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  const node = paragraph.get(0) as Y.XmlText;
  node.insert(node.length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const textOf = (doc: Y.Doc): string => doc.getXmlFragment("finding").toJSON();

describe.each(databaseTargets())("stored document cache on %s", (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let paperId: string;
  const writer = new Y.Doc();

  beforeAll(async () => {
    ({ database, cleanup } = await openSeeded(target));
    const group = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    const author = await database.prisma.user.findUniqueOrThrow({
      where: { email: "secretariat@example.org" },
    });
    paperId = (
      await database.prisma.paper.create({
        data: { groupId: group.id, title: "Cache", createdById: author.id },
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    writer.destroy();
    await cleanup();
  });

  it("keeps a document while its stored state is unchanged, and reads every kind of write afresh", async () => {
    await appendUpdates(paperId, [typing(writer, "Remittances ")]);
    const first = await readStoredDoc(paperId);
    expect(textOf(first)).toContain("Remittances");
    expect(await readStoredDoc(paperId)).toBe(first);

    // An appended update.
    await appendUpdates(paperId, [typing(writer, "fund schools")]);
    const second = await readStoredDoc(paperId);
    expect(second).not.toBe(first);
    expect(textOf(second)).toContain("Remittances fund schools");
    expect(await readStoredDoc(paperId)).toBe(second);

    // A compaction: the same text, a new key.
    const keyBefore = (await storedStateKeys([paperId])).get(paperId);
    expect(await compactPaper(paperId)).toBe(2);
    expect((await storedStateKeys([paperId])).get(paperId)).not.toBe(keyBefore);
    const third = await readStoredDoc(paperId);
    expect(textOf(third)).toBe(textOf(second));

    // A snapshot replaced in place (as seeding does).
    const replaced = new Y.Doc();
    typing(replaced, "Rewritten");
    await writeInitialState(paperId, Y.encodeStateAsUpdate(replaced));
    replaced.destroy();
    expect(textOf(await readStoredDoc(paperId))).toContain("Rewritten");
  });

  it("reads the keys of several papers at once, and none for an unknown paper", async () => {
    const keys = await storedStateKeys([paperId, "no-such-paper"]);
    expect([...keys.keys()]).toEqual([paperId]);
    expect(await storedStateKeys([])).toEqual(new Map());
  });

  it("writes several papers' updates in one batch, each in order, and paper by paper when one is gone", async () => {
    const group = await database.prisma.group.findUniqueOrThrow({ where: { slug: "rmsg" } });
    const author = await database.prisma.user.findUniqueOrThrow({
      where: { email: "secretariat@example.org" },
    });
    const create = (id?: string) =>
      database.prisma.paper.create({
        data: { id, groupId: group.id, title: "Batch", createdById: author.id },
      });
    const [a, b] = [await create(), await create()];
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const writer = new UpdateWriter();
    writer.enqueue(a.id, typing(docA, "Labour "));
    writer.enqueue(b.id, typing(docB, "Return "));
    writer.enqueue(a.id, typing(docA, "mobility"));
    await writer.flush();
    expect(textOf(await loadStoredDoc(a.id))).toContain("Labour mobility");
    expect(textOf(await loadStoredDoc(b.id))).toContain("Return");

    // A paper that is not there (deleted meanwhile): the others are written, its updates wait.
    const gone = "paper-deleted-meanwhile";
    const docGone = new Y.Doc();
    writer.enqueue(gone, typing(docGone, "Kept"));
    writer.enqueue(a.id, typing(docA, " pathways"));
    // A second flush waits for the first, as the writer's own timer does when a write outlasts its 50 ms:
    // it takes the paper's re-queued update into its batch the moment the first write ends. Not
    // committed, so still pending (on a slow machine CI once saw it counted as written).
    const first = writer.flush();
    const second = writer.flush();
    await first;
    expect(writer.hasPending(gone)).toBe(true);
    expect(writer.hasPending()).toBe(true);
    await second;
    expect(textOf(await loadStoredDoc(a.id))).toContain("Labour mobility pathways");
    expect(writer.hasPending(gone)).toBe(true);
    // Once it exists its updates go in: nothing was dropped.
    await create(gone);
    await writer.flush();
    expect(writer.hasPending(gone)).toBe(false);
    expect(textOf(await loadStoredDoc(gone))).toContain("Kept");
    for (const doc of [docA, docB, docGone]) doc.destroy();
  });
});
