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

export type ChainCheck =
  { ok: true; count: number; head: string } | { ok: false; brokenAt: ChainRow; reason: string };

/** Walks one group's rows in seq order and names the first that does not link. */
export function verifyChain(rows: ChainRow[]): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq)
      return { ok: false, brokenAt: row, reason: `expected sequence ${expectedSeq}, found ${row.seq}` };
    if (row.prevHash !== prev)
      return { ok: false, brokenAt: row, reason: "previous hash does not match the row before" };
    const { id: _id, prevHash: _p, hash, ...fields } = row;
    if (chainHash(prev, fields) !== hash)
      return { ok: false, brokenAt: row, reason: "row content does not match its hash" };
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, count: rows.length, head: prev };
}

/**
 * A chain's length and head recorded outside the audit table (the audit page, `audit:verify` output,
 * an exported report). Deleting the latest rows leaves a shorter chain that still links; only a
 * record kept elsewhere shows it. The head may be a prefix of at least 16 hex digits, as the page shows.
 */
export interface ChainCheckpoint {
  count: number;
  head: string;
}

/** `42:ab12…` → a checkpoint; null when malformed. */
export function parseCheckpoint(text: string): ChainCheckpoint | null {
  const match = /^(\d{1,9}):([0-9a-f]{16,64})$/.exec(text.trim());
  return match ? { count: Number(match[1]), head: match[2] } : null;
}

export type CheckpointCheck = { ok: true } | { ok: false; seq: number; reason: string };

/** Whether a chain (already verified to link) still reaches a checkpoint recorded earlier. */
export function checkCheckpoint(
  rows: Pick<ChainRow, "seq" | "hash">[],
  checkpoint: ChainCheckpoint,
): CheckpointCheck {
  if (checkpoint.count === 0)
    return checkpoint.head === GENESIS_HASH.slice(0, checkpoint.head.length)
      ? { ok: true }
      : { ok: false, seq: 0, reason: "the recorded head of an empty chain is not the genesis hash" };
  if (rows.length < checkpoint.count) {
    const first = rows.length + 1;
    const which =
      first === checkpoint.count ? `event #${first} was` : `events #${first} to #${checkpoint.count} were`;
    return {
      ok: false,
      seq: first,
      reason: `the chain ends at #${rows.length}, but ${checkpoint.count} events were recorded (head ${checkpoint.head.slice(0, 16)}…): ${which} deleted`,
    };
  }
  const row = rows[checkpoint.count - 1];
  if (!row.hash.startsWith(checkpoint.head))
    return {
      ok: false,
      seq: row.seq,
      reason: `event #${row.seq} is not the recorded head ${checkpoint.head.slice(0, 16)}…: the chain was rewritten from there or before`,
    };
  return { ok: true };
}
