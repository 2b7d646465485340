import { describe, expect, it } from "vitest";
import { ReadBatcher, type RunReads } from "~/read-batch";
import type { Read } from "~/sql-combine";

/** A batcher whose turns end when the test says, and a database that records what it was asked. */
function setup(answer: (read: Read) => Promise<unknown[]> = (read) => Promise.resolve([read.sql])) {
  const flushes: (() => void)[] = [];
  const batches: Read[][] = [];
  const run: RunReads = (reads) => {
    batches.push(reads);
    return reads.map(answer);
  };
  const batcher = new ReadBatcher(run, (flush) => flushes.push(flush));
  const endTurn = () => flushes.splice(0).forEach((flush) => flush());
  return { batcher, batches, endTurn, flushes };
}

describe("reads asked in one turn go to the database together", () => {
  it("sends the reads of a turn as one batch, each answered with its own rows", async () => {
    const { batcher, batches, endTurn, flushes } = setup();
    const a = batcher.read("SELECT a", [1]);
    const b = batcher.read("SELECT b", []);
    expect(flushes).toHaveLength(1);
    expect(batches).toHaveLength(0);
    endTurn();
    expect(batches).toEqual([
      [
        { sql: "SELECT a", params: [1] },
        { sql: "SELECT b", params: [] },
      ],
    ]);
    expect(await a).toEqual(["SELECT a"]);
    expect(await b).toEqual(["SELECT b"]);
  });

  it("starts a new batch for reads asked after the turn ended", async () => {
    const { batcher, batches, endTurn } = setup();
    const first = batcher.read("SELECT 1", []);
    endTurn();
    await first;
    const second = batcher.read("SELECT 2", []);
    endTurn();
    await second;
    expect(batches.map((batch) => batch.map((read) => read.sql))).toEqual([["SELECT 1"], ["SELECT 2"]]);
  });

  it("fails only the read that failed", async () => {
    const { batcher, endTurn } = setup((read) =>
      read.sql === "bad" ? Promise.reject(new Error("no such table")) : Promise.resolve([1]),
    );
    const good = batcher.read("good", []);
    const bad = batcher.read("bad", []);
    endTurn();
    await expect(bad).rejects.toThrow("no such table");
    await expect(good).resolves.toEqual([1]);
  });

  it("fails every read of the batch if the database cannot be asked at all, and works after", async () => {
    let broken = true;
    const flushes: (() => void)[] = [];
    const batcher = new ReadBatcher(
      (reads) => {
        if (broken) throw new Error("the database is closed");
        return reads.map(() => Promise.resolve(["ok"]));
      },
      (flush) => flushes.push(flush),
    );
    const a = batcher.read("a", []);
    const b = batcher.read("b", []);
    flushes.splice(0).forEach((flush) => flush());
    await expect(a).rejects.toThrow("closed");
    await expect(b).rejects.toThrow("closed");
    broken = false;
    const c = batcher.read("c", []);
    flushes.splice(0).forEach((flush) => flush());
    await expect(c).resolves.toEqual(["ok"]);
  });

  it("fails a read the database left unanswered instead of leaving it waiting", async () => {
    const flushes: (() => void)[] = [];
    const batcher = new ReadBatcher(
      () => [Promise.resolve(["only one"])],
      (flush) => flushes.push(flush),
    );
    const a = batcher.read("a", []);
    const b = batcher.read("b", []);
    flushes.splice(0).forEach((flush) => flush());
    await expect(a).resolves.toEqual(["only one"]);
    await expect(b).rejects.toThrow(/fewer reads/);
  });
});
