import { describe, expect, it } from "vitest";
import {
  decisionCounts,
  decisionsByVersion,
  type DecisionRecord,
} from "~/modules/suggestions/version-decisions";

const decision = (at: string, kind: DecisionRecord["decision"], inserted = "shall"): DecisionRecord => ({
  at,
  decision: kind,
  by: "Lucía Cabrera Ortiz",
  byGroup: false,
  author: "Gabriela Núñez",
  delegation: "MX",
  inserted,
  deleted: "",
});

describe("the suggestions each version records", () => {
  const versions = [
    { number: 2, createdAt: "2026-11-20T12:00:00.000Z" },
    { number: 1, createdAt: "2026-11-10T12:00:00.000Z" },
  ];

  it("gives each decision to the first version saved at or after it, and keeps later ones apart", () => {
    const early = decision("2026-11-09T08:00:00.000Z", "accept");
    const atSaving = decision("2026-11-10T12:00:00.000Z", "reject");
    const between = decision("2026-11-15T08:00:00.000Z", "withdraw");
    const after = decision("2026-11-25T08:00:00.000Z", "accept", "now");
    const { byVersion, sinceLatest } = decisionsByVersion(versions, [after, between, atSaving, early]);
    expect(byVersion.get(1)).toEqual([early, atSaving]);
    expect(byVersion.get(2)).toEqual([between]);
    expect(sinceLatest).toEqual([after]);
  });

  it("records nothing for a paper with no versions but what came since", () => {
    const d = decision("2026-11-09T08:00:00.000Z", "accept");
    const { byVersion, sinceLatest } = decisionsByVersion([], [d]);
    expect(byVersion.size).toBe(0);
    expect(sinceLatest).toEqual([d]);
  });

  it("counts each kind of decision", () => {
    const list = [
      decision("2026-11-09T08:00:00.000Z", "accept"),
      decision("2026-11-09T09:00:00.000Z", "accept"),
      decision("2026-11-09T10:00:00.000Z", "reject"),
    ];
    expect(decisionCounts(list)).toEqual({ accept: 2, reject: 1, withdraw: 0 });
  });
});
