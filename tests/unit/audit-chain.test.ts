import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  checkCheckpoint,
  parseCheckpoint,
  verifyChain,
  type ChainFields,
  type ChainRow,
} from "~/modules/audit/chain";

describe("canonical JSON", () => {
  it("sorts keys at every depth", () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("gives the same text for the same data written in another order", () => {
    const one = {
      role: "MEMBER",
      from: { role: "OBSERVER", delegationId: "mx" },
      to: { delegationId: "mx", role: "MEMBER" },
    };
    const other = {
      to: { role: "MEMBER", delegationId: "mx" },
      from: { delegationId: "mx", role: "OBSERVER" },
      role: "MEMBER",
    };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it("keeps the order of arrays, which carries meaning", () => {
    expect(canonicalJson([2, 1, 3])).toBe("[2,1,3]");
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("reads like plain JSON for simple values", () => {
    expect(canonicalJson("Circulated to delegations, 12 March")).toBe(
      '"Circulated to delegations, 12 March"',
    );
    expect(canonicalJson(3)).toBe("3");
    expect(canonicalJson(true)).toBe("true");
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson({})).toBe("{}");
  });

  it("drops undefined fields as a JSON column does", () => {
    expect(canonicalJson({ label: undefined, number: 2 })).toBe('{"number":2}');
    expect(canonicalJson({ label: undefined, number: 2 })).toBe(
      canonicalJson(JSON.parse(JSON.stringify({ label: undefined, number: 2 }))),
    );
  });

  it("is stable: the same input always gives the same text", () => {
    const value = { z: [1, { b: "x", a: "y" }], a: "é" };
    expect(canonicalJson(value)).toBe(canonicalJson(structuredClone(value)));
  });
});

const GROUP = "group-rmsg";
const events: Omit<ChainFields, "groupId" | "seq" | "createdAt">[] = [
  {
    type: "member.invited",
    actorId: "user-chair",
    subjectType: "invite",
    subjectId: "inv-1",
    data: { role: "MEMBER", delegationId: "mx" },
  },
  {
    type: "member.joined",
    actorId: "user-ana",
    subjectType: "user",
    subjectId: "user-ana",
    data: { role: "MEMBER", delegationId: "mx", inviteId: "inv-1" },
  },
  {
    type: "paper.created",
    actorId: "user-chair",
    subjectType: "paper",
    subjectId: "paper-1",
    data: { title: "Cross-border data", templateId: "tpl-1" },
  },
  {
    type: "paper.status_changed",
    actorId: null,
    subjectType: "paper",
    subjectId: "paper-1",
    data: { from: "REVIEW", to: "VOTING", cause: "vote" },
  },
  {
    type: "version.saved",
    actorId: "user-ana",
    subjectType: "paper",
    subjectId: "paper-1",
    data: { number: 2, label: "Circulated", textHash: "ab12", reason: "MANUAL" },
  },
];

/** Rows linked the way appendAudit links them. */
function buildChain(): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  events.forEach((event, i) => {
    const fields: ChainFields = {
      ...event,
      groupId: GROUP,
      seq: i + 1,
      createdAt: new Date(Date.UTC(2026, 2, 12, 9, i)),
    };
    const hash = chainHash(prevHash, fields);
    rows.push({ ...fields, id: BigInt(100 + i), prevHash, hash });
    prevHash = hash;
  });
  return rows;
}

/** Expects verification to stop at rows[index], for the given reason. */
function expectBrokenAt(rows: ChainRow[], index: number, reason: RegExp) {
  const check = verifyChain(rows);
  expect(check.ok).toBe(false);
  if (check.ok) return;
  expect(check.brokenAt).toBe(rows[index]);
  expect(check.reason).toMatch(reason);
}

describe("the audit chain", () => {
  it("accepts an empty log", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it("accepts a log built row by row, and reports its head", () => {
    const rows = buildChain();
    expect(verifyChain(rows)).toEqual({ ok: true, count: rows.length, head: rows[rows.length - 1].hash });
  });

  it("starts every group's chain from the genesis hash", () => {
    expect(buildChain()[0].prevHash).toBe(GENESIS_HASH);
  });

  it("ignores the database id, which is not part of the hash", () => {
    const rows = buildChain().map((row, i) => ({ ...row, id: `other-${i}` }));
    expect(verifyChain(rows).ok).toBe(true);
  });

  it("names the row whose data was edited", () => {
    const rows = buildChain();
    rows[2] = { ...rows[2], data: { title: "Cross-border data (softened)", templateId: "tpl-1" } };
    expectBrokenAt(rows, 2, /content does not match/);
  });

  it("names the row whose actor, type or time was changed", () => {
    const changes: Partial<ChainFields>[] = [
      { actorId: "user-someone-else" },
      { type: "vote.cancelled" },
      { createdAt: new Date(Date.UTC(2026, 2, 13)) },
    ];
    for (const change of changes) {
      const rows = buildChain();
      rows[3] = { ...rows[3], ...change };
      expectBrokenAt(rows, 3, /content does not match/);
    }
  });

  it("names the row after a deleted one", () => {
    const rows = buildChain();
    rows.splice(2, 1);
    expectBrokenAt(rows, 2, /expected sequence 3, found 4/);
  });

  it("names the row after a deleted one even when the later rows were renumbered", () => {
    const rows = buildChain();
    rows.splice(2, 1);
    const renumbered = rows.map((row, i) => ({ ...row, seq: i + 1 }));
    expectBrokenAt(renumbered, 2, /previous hash/);
  });

  it("names the row whose previous hash was altered", () => {
    const rows = buildChain();
    rows[1] = { ...rows[1], prevHash: "f".repeat(64) };
    expectBrokenAt(rows, 1, /previous hash/);
  });

  it("names a row whose hash was recomputed after an edit by the row that follows it", () => {
    const rows = buildChain();
    const { id: _id, prevHash, hash: _hash, ...fields } = rows[1];
    const forged = { ...fields, data: { role: "COCHAIR", delegationId: "mx", inviteId: "inv-1" } };
    rows[1] = { ...rows[1], ...forged, hash: chainHash(prevHash, forged) };
    expectBrokenAt(rows, 2, /previous hash/);
  });

  it("names the row where the sequence skips", () => {
    const rows = buildChain();
    rows[3] = { ...rows[3], seq: 5 };
    expectBrokenAt(rows, 3, /expected sequence 4, found 5/);
  });

  it("refuses a chain that does not start at sequence 1", () => {
    const rows = buildChain().slice(1);
    expectBrokenAt(rows, 0, /expected sequence 1, found 2/);
  });
});

describe("a chain against a head recorded elsewhere", () => {
  const rows = buildChain();
  const recorded = { count: rows.length, head: rows[rows.length - 1].hash };

  it("accepts the chain that reaches the recorded head, and one that grew since", () => {
    expect(checkCheckpoint(rows, recorded)).toEqual({ ok: true });
    expect(checkCheckpoint(rows, { count: 3, head: rows[2].hash.slice(0, 16) })).toEqual({ ok: true });
  });

  it("names the first missing event when the latest rows were deleted, though what is left still links", () => {
    const shorter = rows.slice(0, 3);
    expect(verifyChain(shorter).ok).toBe(true);
    expect(checkCheckpoint(shorter, recorded)).toEqual({
      ok: false,
      seq: 4,
      reason: expect.stringMatching(
        /ends at #3, but 5 events were recorded .*events #4 to #5 were deleted/,
      ) as string,
    });
    expect(checkCheckpoint(rows.slice(0, 4), recorded)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/event #5 was deleted/) as string,
    });
    expect(checkCheckpoint([], recorded)).toMatchObject({ ok: false, seq: 1 });
  });

  it("refuses a chain rebuilt with other rows up to the same length", () => {
    const rebuilt = buildChain().map((row, i) => (i === 4 ? { ...row, hash: "f".repeat(64) } : row));
    expect(checkCheckpoint(rebuilt, recorded)).toMatchObject({
      ok: false,
      seq: 5,
      reason: expect.stringMatching(/not the recorded head/) as string,
    });
  });

  it("reads a checkpoint as written on the command line, and nothing else", () => {
    expect(parseCheckpoint(`5:${recorded.head}`)).toEqual(recorded);
    expect(parseCheckpoint("5:abc")).toBeNull();
    expect(parseCheckpoint("five:" + recorded.head)).toBeNull();
    expect(parseCheckpoint(`5:${recorded.head}; DROP TABLE`)).toBeNull();
  });
});
