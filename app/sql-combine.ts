// Several reads sent to PostgreSQL as one statement (issue 19). A page asks a dozen small reads at once;
// on the pool each was its own round trip (a socket write, a wake-up of a database process, an answer to
// parse), and that write alone was 14 % of the server's CPU in the page benchmark. Combined, each read
// becomes a column of one row: `(SELECT coalesce(json_agg(q), '[]') FROM (<read>) q)`, its parameters
// renumbered after those of the reads before it.
//
// JSON is faithful only for some column types: a `bigint` comes back from the driver as a string but from
// JSON as a number, a timestamp as a Date but from JSON as a string, and so on. A read is combined only
// once its own run has shown that every column it returns is of a type listed here, so a combined read
// answers exactly what it answers alone. `json_agg` over a subquery keeps the subquery's order
// (PostgreSQL aggregates a plain subquery scan in the order it is produced; `json_agg` has no parallel
// form that could interleave rows).

/** A parameterised read (`$1`, `$2`, …) and its values. */
export interface Read {
  sql: string;
  params: unknown[];
}

/**
 * PostgreSQL type ids whose values read the same through the driver and through JSON: booleans,
 * 16- and 32-bit integers, float4/float8 (finite values: the statements here compute them from
 * timestamps), text, varchar, name, uuid, json, jsonb, and arrays of text, varchar, int4 and booleans.
 * Not here: int8 and numeric (strings through the driver), timestamps and dates (Date objects), bytea
 * (Buffer), char(n), and types created by the schema (enums: the statements cast them to text).
 */
export const JSON_FAITHFUL_TYPES: ReadonlySet<number> = new Set([
  16, // bool
  19, // name
  21, // int2
  23, // int4
  25, // text
  114, // json
  700, // float4
  701, // float8
  1000, // bool[]
  1007, // int4[]
  1009, // text[]
  1015, // varchar[]
  1043, // varchar
  2950, // uuid
  3802, // jsonb
]);

/** Whether a read whose columns are of these types answers the same combined. */
export function hasFaithfulColumns(typeIds: readonly number[]): boolean {
  return typeIds.every((id) => JSON_FAITHFUL_TYPES.has(id));
}

/** Text inside single quotes removed (a quote doubled inside stays removed with it). */
function withoutStringLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}

/**
 * Whether `sql` can be a column of a combined statement: a single SELECT (or WITH … SELECT) whose every
 * `$` is a parameter outside quotes, so renumbering cannot touch a literal or a dollar-quoted string.
 * Writes never are: a statement that changes data cannot be a subquery.
 */
export function isCombinable(sql: string): boolean {
  const text = sql.trim();
  if (!/^(SELECT|WITH)\b/i.test(text)) return false;
  // A backslash may escape a quote (E'…'), which the literal scan below would misread.
  if (text.includes("\\")) return false;
  const bare = withoutStringLiterals(text);
  // One statement: no semicolon outside quotes, except one at the very end.
  if (bare.replace(/;\s*$/, "").includes(";")) return false;
  // Every `$` in the text is a parameter outside quotes.
  return (text.match(/\$/g) ?? []).length === (bare.match(/\$\d+/g) ?? []).length;
}

/** `sql` with each `$n` made `$(n + offset)`. */
export function renumberParameters(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * One statement answering every read as one JSON array of rows per column (`r0`, `r1`, …). The reads
 * must be combinable (`isCombinable`), each with as many values as its highest parameter number.
 */
export function combineReads(reads: readonly Read[]): Read {
  const params: unknown[] = [];
  const columns = reads.map((read, index) => {
    const sql = renumberParameters(read.sql.trim().replace(/;\s*$/, ""), params.length);
    params.push(...read.params);
    return `(SELECT coalesce(json_agg(q), '[]'::json) FROM (${sql}) q) AS r${index}`;
  });
  return { sql: `SELECT ${columns.join(",\n  ")}`, params };
}

/**
 * The rows of each read from the combined statement's one row. The driver parses json columns already;
 * a string (a driver that does not) is parsed here.
 */
export function splitCombined(row: Record<string, unknown>, count: number): unknown[][] {
  return Array.from({ length: count }, (_, index) => {
    const value = row[`r${index}`];
    const rows = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
    if (!Array.isArray(rows)) throw new Error(`combined read r${index} did not answer an array of rows`);
    return rows as unknown[];
  });
}
