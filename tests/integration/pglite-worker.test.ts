import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaClient, Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAdapter, type OpenedAdapter } from "~/db-adapter.server";
import {
  EmbeddedDatabaseStoppedError,
  PGliteWorkerClient,
  workerAdapterFactory,
} from "~/pglite-client.server";
import { createTemporaryPostgres, databaseTargets } from "../support/services";

// PGlite runs in a worker thread (issue 19); Prisma and the app reach it through messages. What the app
// relies on must hold across that boundary: interactive transactions, their rollback, Prisma's error
// codes, and a thread that fails loudly and closes cleanly.

/** PostgreSQL's SQLSTATE as Prisma passes it on from the driver adapter (pglite: `code`, pg: `originalCode`). */
function postgresCode(error: unknown): string | undefined {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string } } } }
  ).meta?.driverAdapterError?.cause;
  return cause?.originalCode ?? cause?.code;
}

const temporaryDir = () => mkdtempSync(path.join(os.tmpdir(), "acuerdo-pglite-worker-"));

for (const target of databaseTargets()) {
  describe(`Prisma over the database adapter (${target})`, () => {
    let opened: OpenedAdapter;
    let prisma: PrismaClient;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (target === "pglite") {
        const dir = temporaryDir();
        opened = await openAdapter({ DATA_DIR: dir });
        cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
      } else {
        const postgres = await createTemporaryPostgres();
        opened = await openAdapter({ DATABASE_URL: postgres.url });
        cleanup = postgres.drop;
      }
      prisma = new PrismaClient({ adapter: opened.factory });
      await opened.raw.exec(
        `CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL);
         CREATE TABLE item (name text PRIMARY KEY, body bytea);
         INSERT INTO counter VALUES (1, 0);`,
      );
    });
    afterAll(async () => {
      await prisma?.$disconnect();
      await opened?.raw.close();
      await cleanup?.();
    });

    it("runs concurrent interactive transactions without losing an update", async () => {
      // Each reads, then writes the value it read plus one, in two round trips: transactions that
      // interleaved on PGlite's one connection would all read 0. PostgreSQL serialises them on the lock.
      await Promise.all(
        Array.from({ length: 8 }, () =>
          prisma.$transaction(async (tx) => {
            await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(19)");
            const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>("SELECT n FROM counter WHERE id = 1");
            await tx.$executeRawUnsafe("UPDATE counter SET n = $1 WHERE id = 1", n + 1);
          }),
        ),
      );
      const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>("SELECT n FROM counter WHERE id = 1");
      expect(n).toBe(8);
    });

    it("rolls a transaction back when a statement in it fails, and the connection stays usable", async () => {
      const failed = prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO item (name) VALUES ('kept?')");
        await tx.$executeRawUnsafe("INSERT INTO no_such_table VALUES (1)");
      });
      const error = await failed.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect(postgresCode(error)).toBe("42P01");
      expect(await prisma.$queryRawUnsafe("SELECT name FROM item")).toEqual([]);
      await prisma.$executeRawUnsafe("INSERT INTO item (name) VALUES ('after')");
      expect(await prisma.$queryRawUnsafe("SELECT name FROM item")).toEqual([{ name: "after" }]);
    });

    it("rolls back when the transaction's own code throws", async () => {
      const failed = prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO item (name) VALUES ('thrown')");
        throw new Error("changed my mind");
      });
      await expect(failed).rejects.toThrow("changed my mind");
      expect(await prisma.$queryRawUnsafe("SELECT name FROM item WHERE name = 'thrown'")).toEqual([]);
    });

    it("keeps PostgreSQL's error code for Prisma (a unique violation)", async () => {
      const duplicate = prisma.$executeRawUnsafe("INSERT INTO item (name) VALUES ('after')");
      const error = await duplicate.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2010");
      expect(postgresCode(error)).toBe("23505");
    });

    it("round-trips bytes both ways", async () => {
      const body = new Uint8Array([0, 1, 2, 254, 255]);
      await prisma.$executeRaw`INSERT INTO item (name, body) VALUES ('bytes', ${body})`;
      const [row] = await prisma.$queryRaw<
        { body: Uint8Array }[]
      >`SELECT body FROM item WHERE name = 'bytes'`;
      expect([...row.body]).toEqual([...body]);
    });

    it("gives the raw connection's errors their PostgreSQL code", async () => {
      const error = (await opened.raw
        .query("SELECT * FROM no_such_table")
        .catch((e: unknown) => e)) as Error & {
        code?: string;
      };
      expect(error.message).toMatch(/no_such_table/);
      expect(error.code).toBe("42P01");
      expect(await opened.raw.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    });
  });
}

describe("the PGlite worker thread", () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = temporaryDir();
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("rejects every waiting and later call with a clear error when the thread dies", async () => {
    const client = await PGliteWorkerClient.start(dir());
    const prisma = new PrismaClient({ adapter: workerAdapterFactory(client) });
    expect(await client.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    // The thread throws before it answers: the call in flight must not hang.
    await expect(client.crashForTest()).rejects.toThrow(EmbeddedDatabaseStoppedError);
    await expect(client.query("SELECT 1")).rejects.toThrow(/PGlite worker thread\) stopped/);
    await expect(prisma.$queryRawUnsafe("SELECT 1")).rejects.toThrow(/PGlite worker thread\) stopped/);
    await prisma.$disconnect();
    await client.close();
  });

  it("gives background work its turn only when no statement has been sent for a while", async () => {
    const client = await PGliteWorkerClient.start(dir());
    try {
      await client.query("SELECT 1");
      // Statements keep coming a few milliseconds apart for 400 ms: a 250 ms quiet spell comes after them.
      let sending = true;
      const traffic = (async () => {
        const until = performance.now() + 400;
        while (performance.now() < until) {
          await client.query("SELECT 1");
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        sending = false;
      })();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await client.whenQuiet(250, 10_000);
      expect(sending).toBe(false);
      await traffic;
      // Already quiet: no wait at all.
      let waited = false;
      const timer = setTimeout(() => (waited = true), 0);
      await client.whenQuiet(100, 10_000);
      expect(waited).toBe(false);
      clearTimeout(timer);
      // Never quiet for that long: it goes ahead after the longest wait.
      await client.query("SELECT 1");
      const started = performance.now();
      await client.whenQuiet(60_000, 200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    } finally {
      await client.close();
    }
  });

  it("ends the thread on close, keeps what was written, and opens the directory again", async () => {
    const d = dir();
    const first = await PGliteWorkerClient.start(d);
    await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.close();
    expect(first.isStopped).toBe(true);
    await expect(first.query("SELECT 1")).rejects.toThrow(/it was closed/);
    await first.close(); // a second close is harmless

    const second = await PGliteWorkerClient.start(d);
    expect(await second.query("SELECT v FROM kept")).toEqual([{ v: "still here" }]);
    await second.close();
  });

  it("starts PostgreSQL with a small buffer pool and keeps initdb's settings", async () => {
    const client = await PGliteWorkerClient.start(dir());
    expect(await client.query("SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
    expect(await client.query("SHOW default_text_search_config")).toEqual([
      { default_text_search_config: "pg_catalog.english" },
    ]);
    expect(await client.query("SHOW timezone")).toEqual([{ TimeZone: "UTC" }]);
    await client.close();
  });

  it("refuses an unknown operation and a commit of no transaction, and goes on working", async () => {
    const client = await PGliteWorkerClient.start(dir());
    await expect(client.call("dropEverything")).rejects.toThrow("Unknown operation dropEverything");
    await expect(client.call("commit", { txId: 42 })).rejects.toThrow("No open transaction 42");
    expect(await client.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
    await client.close();
  });

  it("says which directory it could not open", async () => {
    const file = path.join(dir(), "not-a-directory");
    writeFileSync(file, "x");
    await expect(PGliteWorkerClient.start(file)).rejects.toThrow(
      /PGlite worker thread\) stopped.*not-a-directory/,
    );
  });
});
