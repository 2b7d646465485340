// Statements prepared by name (RawDatabase.queryPrepared, used by every sqlRows read, and on PostgreSQL by
// every statement of RawDatabase.transaction): on both databases
// they answer exactly what a plain query answers, report errors as a plain query does and leave the
// connection usable, wait for an open transaction on the embedded database, and stop preparing past
// their bound.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREPARED_STATEMENTS_MAX, type RawDatabase } from "~/db-adapter.server";
import type { Database } from "~/db.server";
import { openFresh } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("prepared statements on %s", (target) => {
  let database: Database;
  let raw: RawDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openFresh(target));
    raw = database.raw;
    await raw.exec(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL, data bytea,
      at timestamp(3), tags text[], doc jsonb, flag boolean, big bigint)`);
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  const insert = `INSERT INTO prepared_probe (id, label, data, at, tags, doc, flag, big)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  const read = `SELECT id, label, encode(data, 'base64') AS data, round(extract(epoch from at) * 1000)::float8 AS at,
      tags, doc, flag, big, data IS NULL AS "noData" FROM prepared_probe WHERE id >= $1 ORDER BY id`;

  it("writes and reads every kind of value as a plain query does, the first time and after", async () => {
    const rows: unknown[][] = [
      [
        1,
        "plain",
        new Uint8Array([0, 1, 2, 255]),
        "2026-11-30 08:00:00.123",
        ["a", "b c", "ñ"],
        { k: [1, "x"] },
        true,
        "9007199254740993",
      ],
      [2, 'it\'s "quoted" \\ with $1 and ;', null, null, [], null, false, "-1"],
      [3, "", new Uint8Array(0), "1999-12-31 23:59:59.999", ["{}", "NULL"], [], null, null],
    ];
    // Written through the prepared statement three times, by as many runs (custom plans, then generic).
    for (const row of rows) await raw.queryPrepared(insert, row);
    const plain = await raw.query(read, [0]);
    expect(plain).toHaveLength(3);
    // Enough runs for PostgreSQL to have settled on a generic plan.
    for (let run = 0; run < 8; run += 1) expect(await raw.queryPrepared(read, [0])).toEqual(plain);
    expect(await raw.queryPrepared(read, [2])).toEqual(plain.slice(1));
    expect(await raw.queryPrepared(read, [99])).toEqual([]);
    expect(plain[1]).toMatchObject({ label: 'it\'s "quoted" \\ with $1 and ;', noData: true, flag: false });
  });

  it("is a statement prepared once, on the connection that runs it", async () => {
    const text = "SELECT $1::int + 1 AS next";
    const prepared = await raw.session(async (connection) => {
      for (let run = 0; run < 3; run += 1)
        expect(await connection.queryPrepared(text, [run])).toEqual([{ next: run + 1 }]);
      return connection.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1",
        [text],
      );
    });
    expect(prepared).toEqual([{ count: 1 }]);
  });

  it("refuses a bad statement or bad values with the database's error, and goes on working", async () => {
    await expect(raw.queryPrepared("SELEC nothing", [])).rejects.toThrow(/syntax error/);
    await expect(raw.queryPrepared("SELECT * FROM no_such_table WHERE id = $1", [1])).rejects.toThrow(
      /no_such_table/,
    );
    // A value of the wrong type, then an error while running: the prepared statement survives both.
    const divide = "SELECT 10 / $1::int AS share";
    await expect(raw.queryPrepared(divide, ["ten"])).rejects.toThrow(/invalid input syntax/);
    await expect(raw.queryPrepared(divide, [0])).rejects.toThrow(/division by zero/);
    expect(await raw.queryPrepared(divide, [5])).toEqual([{ share: 2 }]);
    // A constraint: nothing written, the error says which.
    await expect(raw.queryPrepared(insert, [1, "again", null, null, null, null, null, null])).rejects.toThrow(
      /duplicate key|unique/,
    );
    expect(await raw.queryPrepared("SELECT label FROM prepared_probe WHERE id = $1", [1])).toEqual([
      { label: "plain" },
    ]);
    // The bad statement's text, fixed, is prepared anew.
    expect(await raw.queryPrepared("SELECT 'fixed' AS nothing", [])).toEqual([{ nothing: "fixed" }]);
  });

  it("sees only what a committed transaction wrote", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = raw.transaction(async (query) => {
      await query("INSERT INTO prepared_probe (id, label) VALUES (50, 'in a transaction')", []);
      inserted();
      await held;
    });
    await written;
    const count = raw.queryPrepared<{ count: number }>(
      "SELECT count(*)::int AS count FROM prepared_probe WHERE id = $1",
      [50],
    );
    if (target === "pglite") {
      // The embedded database runs one transaction at a time: the read waits for the commit.
      let answered = false;
      void count.then(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered).toBe(false);
      release();
      await transaction;
      expect(await count).toEqual([{ count: 1 }]);
    } else {
      // PostgreSQL reads beside it, and does not see what is not committed.
      expect(await count).toEqual([{ count: 0 }]);
      release();
      await transaction;
    }
    expect(
      await raw.queryPrepared("SELECT count(*)::int AS count FROM prepared_probe WHERE id = $1", [50]),
    ).toEqual([{ count: 1 }]);
  });

  it("prepares a transaction's statements on PostgreSQL, and rolls back what a failed one wrote", async () => {
    const text = "INSERT INTO prepared_probe (id, label) VALUES ($1, $2)";
    const preparedInside = await raw.transaction(async (query) => {
      await query(text, [60, "first"]);
      await query(text, [61, "second"]);
      return query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1",
        [text],
      );
    });
    // The embedded database's transactions run plain statements (its prepared ones take the lock the
    // transaction holds).
    expect(preparedInside).toEqual([{ count: raw.kind === "postgres" ? 1 : 0 }]);
    await expect(
      raw.transaction(async (query) => {
        await query(text, [62, "rolled back"]);
        await query(text, [60, "a duplicate"]);
      }),
    ).rejects.toThrow(/duplicate key|unique/);
    await raw.transaction(async (query) => {
      await query(text, [63, "after the failure"]);
    });
    expect(
      await raw.query("SELECT id, label FROM prepared_probe WHERE id BETWEEN 60 AND 69 ORDER BY id", []),
    ).toEqual([
      { id: 60, label: "first" },
      { id: 61, label: "second" },
      { id: 63, label: "after the failure" },
    ]);
  });

  it("answers past its bound without preparing more", async () => {
    const texts = Array.from(
      { length: PREPARED_STATEMENTS_MAX + 20 },
      (_, i) => `SELECT ${i}::int AS n, $1::text AS t`,
    );
    for (const [i, text] of texts.entries())
      expect(await raw.queryPrepared(text, ["x"])).toEqual([{ n: i, t: "x" }]);
    // On PostgreSQL the pool spreads them over its connections; the embedded database has one.
    const [{ count }] = await raw.session((connection) =>
      connection.query<{ count: number }>("SELECT count(*)::int AS count FROM pg_prepared_statements", []),
    );
    expect(count).toBeLessThanOrEqual(PREPARED_STATEMENTS_MAX);
  });
});
