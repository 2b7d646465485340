// The embedded database runs one transaction at a time: a person's action that needs one waits behind
// whatever holds it (a compaction, a digest, another person's save) instead of failing after Prisma's
// default 2 s to start one ("Unable to start a transaction in the given time", P2028).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, type Database } from "~/db.server";
import { openFresh } from "../support/fresh-database";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a transaction behind a long one on the embedded database", () => {
  let opened: { database: Database; cleanup: () => Promise<void> };
  beforeAll(async () => {
    opened = await openFresh("pglite");
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  it("waits its turn past Prisma's 2 s default and then runs", async () => {
    let release: (() => void) | undefined;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const long = db().$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe("SELECT 1");
        await holding;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    await sleep(100);
    const started = performance.now();
    // Default options, as every action's transaction has.
    const queued = db().$transaction(async (tx) => tx.$queryRawUnsafe<{ n: number }[]>("SELECT 2 AS n"));
    setTimeout(() => release?.(), 2_500);
    const [rows] = await Promise.all([queued, long]);
    expect(rows[0].n).toBe(2);
    expect(performance.now() - started).toBeGreaterThan(2_000);
  }, 30_000);
});
