import { describe, expect, it } from "vitest";
import {
  combineReads,
  hasFaithfulColumns,
  isCombinable,
  renumberParameters,
  splitCombined,
} from "~/sql-combine";

describe("which reads may be combined", () => {
  it.each([
    ["SELECT id FROM t WHERE a = $1", true],
    ["  select id from t where a = $1 and b = $2;", true],
    ["WITH x AS (SELECT 1) SELECT * FROM x", true],
    ["SELECT translate(encode(a, 'base64'), E'\n', '') FROM t", true],
    ["SELECT 'it''s' AS quote, $1::int AS n", true],
  ])("%j can be combined", (sql, expected) => {
    expect(isCombinable(sql)).toBe(expected);
  });

  it.each([
    ["INSERT INTO t VALUES ($1)", "a write"],
    ["UPDATE t SET a = $1", "a write"],
    ["DELETE FROM t", "a write"],
    ["SELECT 1; SELECT 2", "two statements"],
    ["SELECT '$1' AS literal, $1 AS value", "a parameter-like text inside a literal"],
    ["SELECT $$x$$ AS dollar", "a dollar-quoted string"],
    ["SELECT $tag$x$tag$ AS dollar", "a tagged dollar-quoted string"],
    ["SELECT E'\\'$1' AS escaped", "a backslash (E'' strings)"],
    ["", "nothing"],
  ])("%j cannot (%s)", (sql) => {
    expect(isCombinable(sql)).toBe(false);
  });

  it("takes only column types that read the same through JSON", () => {
    expect(hasFaithfulColumns([25, 23, 701, 16, 3802, 1009])).toBe(true);
    expect(hasFaithfulColumns([])).toBe(true);
    // bigint, numeric, timestamp, timestamptz, bytea, char(n): not the same through JSON.
    for (const unfaithful of [20, 1700, 1114, 1184, 17, 1042]) {
      expect(hasFaithfulColumns([25, unfaithful])).toBe(false);
    }
  });
});

describe("combining reads", () => {
  it("renumbers every parameter, two-digit ones too", () => {
    expect(renumberParameters("a = $1 AND b = $2 OR c = $10 OR d = $1", 3)).toBe(
      "a = $4 AND b = $5 OR c = $13 OR d = $4",
    );
    expect(renumberParameters("no parameters", 5)).toBe("no parameters");
  });

  it("makes one column per read, the values in order, a trailing semicolon dropped", () => {
    const combined = combineReads([
      { sql: "SELECT a FROM t WHERE id = $1 AND k = $2;", params: ["x", 2] },
      { sql: "SELECT b FROM u", params: [] },
      { sql: "SELECT c FROM v WHERE id = $1", params: ["y"] },
    ]);
    expect(combined.params).toEqual(["x", 2, "y"]);
    expect(combined.sql).toBe(
      [
        "SELECT (SELECT coalesce(json_agg(q), '[]'::json) FROM (SELECT a FROM t WHERE id = $1 AND k = $2) q) AS r0,",
        "  (SELECT coalesce(json_agg(q), '[]'::json) FROM (SELECT b FROM u) q) AS r1,",
        "  (SELECT coalesce(json_agg(q), '[]'::json) FROM (SELECT c FROM v WHERE id = $3) q) AS r2",
      ].join("\n"),
    );
  });

  it("splits the combined row into each read's rows, parsed or not", () => {
    const row = { r0: [{ a: 1 }, { a: 2 }], r1: "[]", r2: '[{"c":"ñ"}]' };
    expect(splitCombined(row, 3)).toEqual([[{ a: 1 }, { a: 2 }], [], [{ c: "ñ" }]]);
  });

  it("refuses a combined row that lacks a read's rows", () => {
    expect(() => splitCombined({ r0: [] }, 2)).toThrow(/r1/);
    expect(() => splitCombined({ r0: { a: 1 } }, 1)).toThrow(/r0/);
  });
});
