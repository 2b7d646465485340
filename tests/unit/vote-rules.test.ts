import { describe, expect, it } from "vitest";
import { castStanceSchema, openVoteSchema, stanceProblem } from "~/modules/votes/rules";

describe("opening a vote: the form", () => {
  it("reads a browser-local deadline with the browser's offset into UTC", () => {
    // Mexico City is UTC-6: getTimezoneOffset() = 360.
    const parsed = openVoteSchema.parse({
      kind: "CONSENSUS",
      deadline: "2026-03-20T17:00",
      tzOffset: "360",
      quorumPercent: "60",
      minSupportPercent: "75",
    });
    expect(parsed.deadline.toISOString()).toBe("2026-03-20T23:00:00.000Z");
    expect(parsed.rules).toEqual({
      quorumShare: 0.6,
      quorumAllDelegations: false,
      minSupportShare: 0.75,
      onePerDelegation: false,
    });
  });

  it("reads a deadline typed on the opener's clock in their time zone setting", () => {
    const parsed = openVoteSchema.parse({ deadline: "2026-11-28T20:00", timeZone: "America/Mexico_City" });
    expect(parsed.deadline.toISOString()).toBe("2026-11-29T02:00:00.000Z");
    const summer = openVoteSchema.parse({ deadline: "2026-07-01T09:30", timeZone: "America/New_York" });
    expect(summer.deadline.toISOString()).toBe("2026-07-01T13:30:00.000Z");
  });

  it("refuses a time zone that is not one", () => {
    const parsed = openVoteSchema.safeParse({ deadline: "2026-11-28T20:00", timeZone: "Mars/Olympus" });
    expect(parsed.success).toBe(false);
  });

  it("defaults to consensus with half the members as quorum", () => {
    const parsed = openVoteSchema.parse({ deadline: "2026-03-20T17:00" });
    expect(parsed.kind).toBe("CONSENSUS");
    expect(parsed.rules.quorumShare).toBe(0.5);
  });

  it("keeps one voice per delegation only for majority votes, and minimum support only for consensus", () => {
    const majority = openVoteSchema.parse({
      kind: "MAJORITY",
      deadline: "2026-03-20T17:00",
      onePerDelegation: "on",
      minSupportPercent: "90",
    });
    expect(majority.rules.onePerDelegation).toBe(true);
    expect(majority.rules.minSupportShare).toBe(0);
    const consensus = openVoteSchema.parse({
      kind: "CONSENSUS",
      deadline: "2026-03-20T17:00",
      onePerDelegation: "on",
    });
    expect(consensus.rules.onePerDelegation).toBe(false);
  });

  it.each([
    [{ deadline: "" }, "votes.deadlineInvalid"],
    [{ deadline: "next friday" }, "votes.deadlineInvalid"],
    [{ deadline: "2026-02-31T25:99" }, "votes.deadlineInvalid"],
    [{ deadline: "2026-03-20T17:00", quorumPercent: "150" }, "votes.quorumInvalid"],
    [{ deadline: "2026-03-20T17:00", quorumPercent: "-1" }, "votes.quorumInvalid"],
    [{ deadline: "2026-03-20T17:00", minSupportPercent: "lots" }, "votes.supportInvalid"],
  ])("refuses %o with %s", (input, message) => {
    const result = openVoteSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(message);
  });

  it("refuses an unknown kind of vote", () => {
    expect(openVoteSchema.safeParse({ kind: "LOTTERY", deadline: "2026-03-20T17:00" }).success).toBe(false);
  });
});

describe("a stance", () => {
  it.each([
    ["CONSENSUS", "SUPPORT", "", null],
    ["CONSENSUS", "ABSTAIN", "", null],
    ["CONSENSUS", "SUPPORT_WITH_RESERVATIONS", "", "votes.statementRequired"],
    ["CONSENSUS", "OBJECT", "   ", "votes.statementRequired"],
    ["CONSENSUS", "BLOCK", "We cannot accept the quota.", null],
    ["CONSENSUS", "FOR", "", "votes.stanceWrongKind"],
    ["SILENCE", "BREAK_SILENCE", "", "votes.statementRequired"],
    ["SILENCE", "BREAK_SILENCE", "Honduras needs another week.", null],
    ["SILENCE", "SUPPORT", "", "votes.stanceWrongKind"],
    ["MAJORITY", "AGAINST", "", null],
    ["MAJORITY", "BLOCK", "No.", "votes.stanceWrongKind"],
  ] as const)("in a %s vote, %s with statement %j → %s", (kind, value, statement, problem) => {
    expect(stanceProblem(kind, value, statement)).toBe(problem);
  });

  it("caps the statement and accepts only a SHA-256 as the text seen", () => {
    expect(castStanceSchema.safeParse({ value: "SUPPORT", statement: "x".repeat(4001) }).success).toBe(false);
    expect(castStanceSchema.safeParse({ value: "SUPPORT", textHash: "abc" }).success).toBe(false);
    const seen = "a".repeat(64);
    expect(castStanceSchema.safeParse({ value: "SUPPORT", statement: "fine" }).success).toBe(false);
    expect(
      castStanceSchema.parse({ value: "SUPPORT", statement: "  fine  ", textHash: seen }).statement,
    ).toBe("fine");
  });
});
