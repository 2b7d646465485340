// The update writer's batch (appendUpdatesOfPapers) is plain SQL on this process's database: one
// statement with array parameters on PostgreSQL, VALUES lists on the embedded database (a few thousand
// rows each, in one transaction). Every update is stored, each paper's in the order given, whatever the
// batch's size; and a batch that cannot be written leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { appendUpdatesOfPapers, loadStoredState } from "~/modules/documents/doc-store.server";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

/** Distinct bytes per paper and position (not Yjs updates: the log stores bytes as given). */
const bytes = (paper: number, i: number) =>
  new Uint8Array([paper, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 7, 7, 7]);

describe.each(databaseTargets())("appending update batches on %s", (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let paperIds: string[];

  beforeAll(async () => {
    ({ database, cleanup } = await openSeeded(target));
    paperIds = (await database.prisma.paper.findMany({ select: { id: true }, take: 2 })).map((p) => p.id);
    await database.prisma.paperUpdate.deleteMany({ where: { paperId: { in: paperIds } } });
    await database.prisma.paperSnapshot.deleteMany({ where: { paperId: { in: paperIds } } });
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  it("stores every update of a large batch, each paper's in order", async () => {
    // Over two VALUES lists on the embedded database, the papers' rows interleaved.
    const [a, b] = [
      Array.from({ length: 7_000 }, (_, i) => bytes(1, i)),
      Array.from({ length: 4_000 }, (_, i) => bytes(2, i)),
    ];
    await appendUpdatesOfPapers(
      new Map([
        [paperIds[0], a.slice(0, 3)],
        [paperIds[1], b.slice(0, 2)],
      ]),
    );
    await appendUpdatesOfPapers(
      new Map([
        [paperIds[0], a.slice(3)],
        [paperIds[1], b.slice(2)],
      ]),
    );
    const plain = (list: Uint8Array[]) => list.map((update) => [...update]);
    expect(plain((await loadStoredState(paperIds[0])).updates)).toEqual(plain(a));
    expect(plain((await loadStoredState(paperIds[1])).updates)).toEqual(plain(b));
  }, 120_000);

  it("writes nothing of a batch that names a paper that does not exist", async () => {
    const before = await database.prisma.paperUpdate.count();
    const many = Array.from({ length: 6_000 }, (_, i) => bytes(3, i));
    await expect(
      appendUpdatesOfPapers(
        new Map([
          [paperIds[0], many],
          ["no-such-paper", [bytes(4, 0)]],
        ]),
      ),
    ).rejects.toThrow();
    expect(await database.prisma.paperUpdate.count()).toBe(before);
  }, 120_000);
});
