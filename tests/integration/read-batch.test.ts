// A page's reads sent together (RawDatabase.queryPreparedMany; sqlRows inside a page request): on both
// databases each read answers exactly what it answers alone — every kind of value, order kept, empty
// results — a failing read fails only itself and leaves the connection working, and on PostgreSQL the
// reads really go as one statement once their column types are known, while reads whose values JSON
// would change (bigint, timestamps, bytes) keep running alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawDatabase } from "~/db-adapter.server";
import type { Database } from "~/db.server";
import { runInRequestScope } from "~/http/request-scope.server";
import type { Read } from "~/sql-combine";
import { sqlRows } from "~/sql.server";
import { openFresh } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("reads sent together on %s", (target) => {
  let database: Database;
  let raw: RawDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openFresh(target));
    raw = database.raw;
    await raw.exec(`CREATE TABLE batch_probe (id int PRIMARY KEY, label text, score float8, flag boolean,
      doc jsonb, tags text[], big bigint, at timestamp(3), data bytea)`);
    await raw.query(
      `INSERT INTO batch_probe (id, label, score, flag, doc, tags, big, at, data)
       SELECT n, CASE WHEN n % 7 = 0 THEN NULL ELSE 'row ' || n || ' ñ "q" \\ ''' END, n / 3.0,
              n % 2 = 0, jsonb_build_object('n', n, 'list', jsonb_build_array(n, 'x')),
              ARRAY['a' || n, NULL, ''], 9007199254740993 + n, '2026-11-30 08:00:00.123'::timestamp + n * interval '1 day',
              decode('00ff', 'hex')
         FROM generate_series(1, 300) AS n`,
    );
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  // Faithful through JSON: text (with quotes, backslashes, accents, nulls), float8, booleans, jsonb, text[].
  const faithful: Read[] = [
    {
      sql: "SELECT id, label, score, flag, doc, tags FROM batch_probe WHERE id > $1 ORDER BY id DESC",
      params: [10],
    },
    { sql: "SELECT label FROM batch_probe WHERE id = $1 AND flag = $2", params: [4, true] },
    { sql: "SELECT id FROM batch_probe WHERE id = $1", params: [99_999] },
    { sql: "SELECT count(*)::int AS n, $1::text AS echo, 'it''s' AS quoted", params: ["$2 ; 'x'"] },
    { sql: "SELECT id, label FROM batch_probe ORDER BY score DESC, id LIMIT $1", params: [25] },
  ];
  // Run alone on PostgreSQL: bigint (a string from the driver), timestamp and bytes, which JSON would
  // change, and a `$` inside a literal, which renumbering could touch.
  const unfaithful: Read[] = [
    { sql: "SELECT big, at, data FROM batch_probe WHERE id <= $1 ORDER BY id", params: [3] },
    { sql: "SELECT count(*) AS n FROM batch_probe", params: [] },
    { sql: "SELECT '$1' AS literal, $1::int AS n", params: [7] },
  ];

  async function alone(reads: Read[]) {
    return Promise.all(reads.map((read) => raw.queryPrepared(read.sql, read.params)));
  }

  it("answers each read as it answers alone, before and after its column types are known", async () => {
    const reads = [...faithful, ...unfaithful];
    const expected = await alone(reads);
    expect(expected[0]).toHaveLength(290);
    expect((expected[0] as { id: number }[])[0].id).toBe(300);
    expect(expected[2]).toEqual([]);
    expect(expected[5]).toEqual([
      expect.objectContaining({
        // node-postgres reads a bigint as a string, PGlite as a BigInt: JSON would make it a number.
        big: target === "postgres" ? "9007199254740994" : 9007199254740994n,
        at: expect.any(Date) as unknown,
        data: expect.anything() as unknown,
      }),
      expect.anything(),
      expect.anything(),
    ]);
    // Several rounds: the first ones learn the types, the later ones combine.
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(raw.queryPreparedMany(reads));
      expect(answers).toEqual(expected);
    }
    // In another order, and a read twice with other values.
    const shuffled = [reads[3], reads[0], { ...reads[1], params: [5, false] }, reads[1], reads[7]];
    expect(await Promise.all(raw.queryPreparedMany(shuffled))).toEqual(await alone(shuffled));
  });

  it("fails only the read that fails, with its own error, and goes on working", async () => {
    const divide = "SELECT 10 / $1::int AS share";
    // Learned first (its types known), so that it fails inside a combined statement below.
    expect(await raw.queryPrepared(divide, [5])).toEqual([{ share: 2 }]);
    await Promise.all(raw.queryPreparedMany(faithful));
    const reads: Read[] = [
      faithful[1],
      { sql: divide, params: [0] },
      faithful[3],
      { sql: "SELECT * FROM no_such_table WHERE id = $1", params: [1] },
    ];
    const settled = await Promise.allSettled(raw.queryPreparedMany(reads));
    expect(settled.map((answer) => answer.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
    ]);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    expect(String((settled[3] as PromiseRejectedResult).reason)).toMatch(/no_such_table/);
    expect((settled[0] as PromiseFulfilledResult<unknown[]>).value).toEqual(
      await raw.queryPrepared(faithful[1].sql, faithful[1].params),
    );
    // Again in another company; then the same reads all succeed together.
    const again = await Promise.allSettled(raw.queryPreparedMany([reads[1], faithful[0], faithful[4]]));
    expect(again.map((answer) => answer.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(await Promise.all(raw.queryPreparedMany(faithful))).toEqual(await alone(faithful));
  });

  it("sends the faithful reads as one statement on PostgreSQL, the others alone", async () => {
    if (target !== "postgres") return;
    const statements = await raw.session(async (connection) => {
      // Once alone (types learned), then together.
      for (const read of [...faithful, ...unfaithful]) await connection.queryPrepared(read.sql, read.params);
      await Promise.all(connection.queryPreparedMany([...faithful, ...unfaithful]));
      return connection.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements");
    });
    const combined = statements.filter((row) => row.statement.includes("json_agg"));
    expect(combined).toHaveLength(1);
    // Parameters are renumbered in the combined text: compare without their numbers.
    const text = (sql: string) => sql.replace(/\$\d+/g, "$n");
    for (const read of faithful) expect(text(combined[0].statement)).toContain(text(read.sql));
    for (const read of unfaithful) expect(text(combined[0].statement)).not.toContain(text(read.sql));
  });

  it("batches a page request's reads through sqlRows, with the answers they have outside it", async () => {
    const outside = await Promise.all(faithful.map((read) => sqlRows(read.sql, read.params)));
    const inside = await runInRequestScope(() =>
      Promise.all([...faithful, ...unfaithful].map((read) => sqlRows(read.sql, read.params))),
    );
    expect(inside.slice(0, faithful.length)).toEqual(outside);
    expect(inside.slice(faithful.length)).toEqual(await alone(unfaithful));
  });
});
