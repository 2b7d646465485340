import { createHash } from "node:crypto";

// The audit log is a hash chain per group: each row's hash covers the previous row's hash and the
// row's own fields, so editing, inserting or deleting a row in the middle breaks every later link.

export const GENESIS_HASH = "0".repeat(64);

export interface ChainFields {
  groupId: string;
  seq: number;
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  data: unknown;
  createdAt: Date;
}

/** JSON with object keys sorted at every depth, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  // Dates hash as their ISO text, which is also what a JSON column gives back.
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, fields: ChainFields): string {
  const body = canonicalJson({ ...fields, createdAt: fields.createdAt.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export interface ChainRow extends ChainFields {
  id: bigint | number | string;
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true; count: number; head: string } | { ok: false; brokenAt: ChainRow; reason: string };

/** Walks one group's rows in seq order and names the first that does not link. */
export function verifyChain(rows: ChainRow[]): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, brokenAt: row, reason: `expected sequence ${expectedSeq}, found ${row.seq}` };
    if (row.prevHash !== prev) return { ok: false, brokenAt: row, reason: "previous hash does not match the row before" };
    const { id: _id, prevHash: _p, hash, ...fields } = row;
    if (chainHash(prev, fields) !== hash) return { ok: false, brokenAt: row, reason: "row content does not match its hash" };
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, count: rows.length, head: prev };
}
