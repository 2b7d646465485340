import { describe, expect, it } from "vitest";
import { canTransition, userTransitions } from "~/modules/papers/status";
import { PAPER_STATUSES, type PaperStatus } from "~/modules/policy/policy";

// Written out from DESIGN.md: DRAFT → REVIEW → VOTING → ADOPTED, back to DRAFT when a vote fails or is
// cancelled, WITHDRAWN from any status but ADOPTED (a paper in VOTING by cancelling its vote first).
const ALLOWED: [PaperStatus, PaperStatus, "user" | "vote"][] = [
  ["DRAFT", "REVIEW", "user"],
  ["DRAFT", "WITHDRAWN", "user"],
  ["REVIEW", "DRAFT", "user"],
  ["REVIEW", "WITHDRAWN", "user"],
  ["REVIEW", "VOTING", "vote"],
  ["VOTING", "ADOPTED", "vote"],
  ["VOTING", "DRAFT", "vote"],
];

describe("paper status transitions", () => {
  for (const from of PAPER_STATUSES) {
    for (const to of PAPER_STATUSES) {
      for (const cause of ["user", "vote"] as const) {
        const allowed = ALLOWED.some(([f, t, c]) => f === from && t === to && c === cause);
        it(`${allowed ? "allows" : "refuses"} ${from} → ${to} by ${cause === "user" ? "a person" : "a vote"}`, () => {
          expect(canTransition(from, to, cause)).toBe(allowed);
        });
      }
    }
  }

  it("never lets anything leave ADOPTED", () => {
    for (const to of PAPER_STATUSES) {
      expect(canTransition("ADOPTED", to, "user")).toBe(false);
      expect(canTransition("ADOPTED", to, "vote")).toBe(false);
    }
  });

  it("offers people only the moves they may make", () => {
    expect(userTransitions("DRAFT").sort()).toEqual(["REVIEW", "WITHDRAWN"]);
    expect(userTransitions("REVIEW").sort()).toEqual(["DRAFT", "WITHDRAWN"]);
    expect(userTransitions("VOTING")).toEqual([]);
    expect(userTransitions("ADOPTED")).toEqual([]);
    expect(userTransitions("WITHDRAWN")).toEqual([]);
  });
});
