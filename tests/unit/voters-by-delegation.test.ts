import { describe, expect, it } from "vitest";
import { votersByDelegation, type EligibleVoter } from "~/modules/votes/voters-by-delegation";

const MX = { code: "MX", name: "Mexico", nameEs: "México", colour: "#006847", position: 2 };
const US = { code: "US", name: "United States", nameEs: "Estados Unidos", colour: "#1d4f91", position: 1 };

const voters: EligibleVoter[] = [
  { userId: "gabriela", name: "Gabriela Núñez", delegation: MX },
  { userId: "chair", name: "A co-chair", delegation: null },
  { userId: "david", name: "David Okafor", delegation: US },
  { userId: "lucia", name: "Lucía Cabrera", delegation: MX },
];

describe("votersByDelegation", () => {
  it("groups voters under their delegations in the group's order, people without one last", () => {
    const rows = votersByDelegation(voters, []);
    expect(rows.map((d) => d.code)).toEqual(["US", "MX", "—"]);
    expect(rows[1].voters.map((v) => v.name)).toEqual(["Gabriela Núñez", "Lucía Cabrera"]);
    expect(rows.flatMap((d) => d.voters).every((v) => v.stance === null && v.changes === 0)).toBe(true);
  });

  it("shows the latest stance and counts the changes after the first, whatever the history's order", () => {
    const rows = votersByDelegation(voters, [
      { id: 7, userId: "gabriela", value: "SUPPORT", statement: "" },
      { id: 3, userId: "gabriela", value: "OBJECT", statement: "Too strong." },
      { id: 5, userId: "gabriela", value: "ABSTAIN", statement: "" },
      { id: 4, userId: "david", value: "SUPPORT_WITH_RESERVATIONS", statement: "Subject to review." },
    ]);
    const mx = rows.find((d) => d.code === "MX")!;
    expect(mx.voters[0]).toEqual({
      userId: "gabriela",
      name: "Gabriela Núñez",
      stance: { value: "SUPPORT", statement: "" },
      changes: 2,
    });
    expect(mx.voters[1].stance).toBeNull();
    const us = rows.find((d) => d.code === "US")!;
    expect(us.voters[0].stance).toEqual({
      value: "SUPPORT_WITH_RESERVATIONS",
      statement: "Subject to review.",
    });
    expect(us.voters[0].changes).toBe(0);
  });

  it("ignores stances of people who are not eligible", () => {
    const rows = votersByDelegation(voters, [{ id: 1, userId: "stranger", value: "BLOCK", statement: "" }]);
    expect(rows.flatMap((d) => d.voters).map((v) => v.userId)).not.toContain("stranger");
  });
});
