import { describe, expect, it } from "vitest";
import { byDeadline, isUrgent } from "~/modules/desk/desk";
import {
  participationByDelegation,
  pipelineCounts,
  quietDelegations,
  voteTurnout,
} from "~/modules/dashboard/dashboard";

const US = { id: "us", code: "US", name: "United States", nameEs: "Estados Unidos", colour: "#000" };
const HN = { id: "hn", code: "HN", name: "Honduras", nameEs: "Honduras", colour: "#000" };

describe("group dashboard", () => {
  it("counts every pipeline status, zero included, in pipeline order", () => {
    expect(
      pipelineCounts([
        { status: "ADOPTED", count: 1 },
        { status: "DRAFT", count: 3 },
        { status: "WITHDRAWN", count: 2 },
      ]),
    ).toEqual([
      { status: "DRAFT", count: 3 },
      { status: "REVIEW", count: 0 },
      { status: "VOTING", count: 0 },
      { status: "ADOPTED", count: 1 },
    ]);
  });

  it("counts participation per delegation and lists a silent one with zeros", () => {
    const rows = participationByDelegation([US, HN], {
      stances: [{ delegationId: "us" }],
      comments: [{ delegationId: "us" }, { delegationId: "us" }, { delegationId: null }],
      edits: [{ delegationId: "us" }],
    });
    expect(rows.map((r) => [r.delegation.code, r.stances, r.comments, r.edits, r.total])).toEqual([
      ["US", 1, 2, 1, 4],
      ["HN", 0, 0, 0, 0],
    ]);
  });

  it("adds up activity counted per person (the query's rows), a row without a count as one", () => {
    const rows = participationByDelegation([US, HN], {
      stances: [{ delegationId: "us", count: 3 }, { delegationId: "hn" }],
      comments: [
        { delegationId: "hn", count: 2 },
        { delegationId: null, count: 5 },
      ],
      edits: [{ delegationId: "us", count: 40 }],
    });
    expect(rows.map((r) => [r.delegation.code, r.stances, r.comments, r.edits, r.total])).toEqual([
      ["US", 3, 0, 40, 43],
      ["HN", 1, 2, 0, 3],
    ]);
  });

  it("shows turnout per delegation that has eligible voters", () => {
    const turnout = voteTurnout(
      [US, HN],
      [
        { userId: "a", delegationId: "us" },
        { userId: "b", delegationId: "us" },
      ],
      new Set(["a"]),
    );
    expect(turnout).toEqual([{ delegation: US, eligible: 2, taken: 1 }]);
  });

  it("names quiet delegations and why: silent for 30 days, or no stance yet on an open vote", () => {
    const participation = participationByDelegation([US, HN], {
      stances: [],
      comments: [{ delegationId: "us" }],
      edits: [],
    });
    const quiet = quietDelegations(participation, [
      {
        paperTitle: "Remittances",
        turnout: [
          { delegation: US, eligible: 2, taken: 1 },
          { delegation: HN, eligible: 1, taken: 0 },
        ],
      },
    ]);
    expect(quiet).toEqual([{ delegation: HN, silentFor30Days: true, missingVotes: ["Remittances"] }]);
  });
});

describe("desk ordering", () => {
  it("puts the soonest deadline first and calls a deadline within a day urgent", () => {
    const items = [{ deadline: "2026-12-03T00:00:00.000Z" }, { deadline: "2026-12-01T10:00:00.000Z" }];
    expect(byDeadline(items)[0].deadline).toBe("2026-12-01T10:00:00.000Z");
    const now = Date.parse("2026-12-01T00:00:00Z");
    expect(isUrgent("2026-12-01T10:00:00.000Z", now)).toBe(true);
    expect(isUrgent("2026-12-03T00:00:00.000Z", now)).toBe(false);
  });
});
