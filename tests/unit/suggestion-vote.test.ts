import { describe, expect, it } from "vitest";
import { tally } from "~/modules/votes/tally";
import {
  SUGGESTION_VOTE_MAX_DAYS,
  changeAuthor,
  decisionForOutcome,
  defaultSuggestionDeadline,
  mayAskGroup,
  suggestionChange,
  suggestionChangeText,
  suggestionDeadlineProblem,
  type AskGroupCardData,
} from "~/modules/votes/suggestion-vote";
import { askGroupSchema, readSuggestionChange } from "~/modules/votes/suggestion-vote.schema";
import type { PendingSuggestion } from "~/modules/suggestions/list";

const HOUR = 3600_000;
const now = new Date("2026-12-12T10:00:00.000Z");

describe("asking the group: the form", () => {
  const base = { sectionKey: "recommendation", suggestionId: "seed-mx-1" };

  it("reads the deadline on the asker's clock in their time zone, and an optional note", () => {
    const parsed = askGroupSchema.parse({
      ...base,
      deadline: "2026-12-14T08:00",
      timeZone: "America/Mexico_City",
      note: "  Guatemala prefers “should”.  ",
    });
    expect(parsed).toEqual({
      ...base,
      deadline: new Date("2026-12-14T14:00:00.000Z"),
      note: "Guatemala prefers “should”.",
    });
    expect(askGroupSchema.parse({ ...base, deadline: "2026-12-14T08:00:30", note: "   " }).note).toBeNull();
  });

  it.each([
    ["no deadline", { ...base }, "deadline"],
    ["a deadline that is no time", { ...base, deadline: "next week" }, "deadline"],
    ["an impossible date", { ...base, deadline: "2026-02-31T25:99" }, "deadline"],
    [
      "a time zone that is not one",
      { ...base, deadline: "2026-12-14T08:00", timeZone: "Mars/Olympus" },
      "timeZone",
    ],
    [
      "a note over 1,000 characters",
      { ...base, deadline: "2026-12-14T08:00", note: "x".repeat(1001) },
      "note",
    ],
    [
      "a suggestion id with odd characters",
      { ...base, suggestionId: "a b", deadline: "2026-12-14T08:00" },
      "suggestionId",
    ],
    ["no section", { suggestionId: "s1", deadline: "2026-12-14T08:00" }, "sectionKey"],
  ])("refuses %s", (_what, input, field) => {
    const parsed = askGroupSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("asking the group: the deadline's bounds", () => {
  it("proposes 48 hours ahead", () => {
    expect(defaultSuggestionDeadline(now).getTime() - now.getTime()).toBe(48 * HOUR);
    expect(suggestionDeadlineProblem(defaultSuggestionDeadline(now), now, 3600)).toBeNull();
  });

  it.each([
    ["in the past", -HOUR, "askGroup.deadlineTooSoon"],
    ["now", 0, "askGroup.deadlineTooSoon"],
    ["sooner than the minimum lead", 59 * 60_000, "askGroup.deadlineTooSoon"],
    ["exactly the minimum lead", HOUR, null],
    ["exactly the longest", SUGGESTION_VOTE_MAX_DAYS * 24 * HOUR, null],
    ["a minute past the longest", SUGGESTION_VOTE_MAX_DAYS * 24 * HOUR + 60_000, "askGroup.deadlineTooFar"],
  ])("a deadline %s: %s", (_what, lead, key) => {
    const problem = suggestionDeadlineProblem(new Date(now.getTime() + lead), now, 3600);
    expect(problem?.key ?? null).toBe(key);
  });

  it("says the bounds in its message", () => {
    expect(suggestionDeadlineProblem(now, now, 3600)?.params).toEqual({ minutes: 60 });
    expect(suggestionDeadlineProblem(new Date(now.getTime() + 30 * 24 * HOUR), now, 3600)?.params).toEqual({
      days: 14,
    });
  });
});

describe("what the group's silence does to the suggestion", () => {
  const voters = [
    { userId: "ana", delegation: "MX" },
    { userId: "carlos", delegation: "HN" },
  ];
  const rules = { quorumShare: 0, quorumAllDelegations: false, minSupportShare: 0, onePerDelegation: false };

  it("silence kept: accepted, as the Accept button would", () => {
    expect(decisionForOutcome(tally("SILENCE", rules, voters, []).result)).toBe("accept");
  });

  it("silence broken by anyone eligible: rejected", () => {
    const broken = tally("SILENCE", rules, voters, [
      { userId: "carlos", value: "BREAK_SILENCE", statement: "One sentence only." },
    ]);
    expect(decisionForOutcome(broken.result)).toBe("reject");
  });

  it("a statement from someone not eligible does not break it", () => {
    const outsider = tally("SILENCE", rules, voters, [
      { userId: "observer", value: "BREAK_SILENCE", statement: "No." },
    ]);
    expect(decisionForOutcome(outsider.result)).toBe("accept");
  });
});

describe("the change the group is asked about", () => {
  const pending: PendingSuggestion = {
    id: "seed-mx-1",
    authorId: "u-gabriela",
    authorName: "Gabriela Núñez",
    delegation: "MX",
    createdAt: "2026-12-11T10:00:00.000Z",
    sectionKey: "recommendation",
    inserted: "shall",
    deleted: "should",
    kind: "replace",
  };

  it("is stored as it was, and read back; anything else reads as nothing", () => {
    const change = suggestionChange(pending);
    expect(readSuggestionChange(JSON.parse(JSON.stringify(change)))).toEqual(change);
    expect(readSuggestionChange(null)).toBeNull();
    expect(readSuggestionChange({ inserted: 3 })).toBeNull();
    expect(changeAuthor(change)).toBe("Gabriela Núñez (MX)");
    expect(changeAuthor({ ...change, delegation: null })).toBe("Gabriela Núñez");
  });

  it("is hashed over the paper, the suggestion and its text: any difference is another change", () => {
    const change = suggestionChange(pending);
    const text = suggestionChangeText("p1", "recommendation", "seed-mx-1", change);
    expect(suggestionChangeText("p1", "recommendation", "seed-mx-1", { ...change })).toBe(text);
    for (const other of [
      suggestionChangeText("p2", "recommendation", "seed-mx-1", change),
      suggestionChangeText("p1", "recommendation:es", "seed-mx-1", change),
      suggestionChangeText("p1", "recommendation", "seed-mx-2", change),
      suggestionChangeText("p1", "recommendation", "seed-mx-1", { ...change, inserted: "must" }),
      suggestionChangeText("p1", "recommendation", "seed-mx-1", { ...change, deleted: "" }),
      // No separator trick: moving a character from one field to the next changes the text.
      suggestionChangeText("p1", "recommendation", "seed-mx-1", {
        ...change,
        inserted: "shal",
        deleted: "lshould",
      }),
    ])
      expect(other).not.toBe(text);
  });
});

describe("who is offered “Ask the group” on a card", () => {
  const card = (
    actor: AskGroupCardData["actor"],
  ): Pick<AskGroupCardData, "actor" | "paper" | "delegationIds"> => ({
    actor,
    paper: { kind: "paper", status: "DRAFT", draftingMode: "PENHOLDER", leadDelegationId: "d-gt" },
    delegationIds: { MX: "d-mx", GT: "d-gt", HN: "d-hn" },
  });
  const mexican = { authorId: "u-gabriela", delegation: "MX" };

  it.each([
    ["its author", { userId: "u-gabriela", role: "MEMBER", delegationId: "d-mx" }, true],
    [
      "someone else of the author's delegation",
      { userId: "u-jose", role: "MEMBER", delegationId: "d-mx" },
      true,
    ],
    ["the penholder's member", { userId: "u-mario", role: "MEMBER", delegationId: "d-gt" }, true],
    ["a co-chair of a third delegation", { userId: "u-us", role: "COCHAIR", delegationId: "d-us" }, true],
    ["the secretariat", { userId: "u-sec", role: "SECRETARIAT", delegationId: null }, true],
    ["a third delegation's member", { userId: "u-carlos", role: "MEMBER", delegationId: "d-hn" }, false],
    [
      "an observer of the author's delegation",
      { userId: "u-obs", role: "OBSERVER", delegationId: "d-mx" },
      false,
    ],
  ] as const)("%s: %s", (_who, actor, expected) => {
    expect(mayAskGroup(card(actor), mexican)).toBe(expected);
  });

  it("a suggestion of an unknown delegation is asked about by its author and the deciders only", () => {
    const data = card({ userId: "u-x", role: "MEMBER", delegationId: "d-mx" });
    expect(mayAskGroup(data, { authorId: "u-gabriela", delegation: "ZZ" })).toBe(false);
    expect(mayAskGroup(data, { authorId: "u-x", delegation: "ZZ" })).toBe(true);
  });

  it("nobody once the paper is voting", () => {
    const data = card({ userId: "u-gabriela", role: "MEMBER", delegationId: "d-mx" });
    expect(mayAskGroup({ ...data, paper: { ...data.paper, status: "VOTING" } }, mexican)).toBe(false);
  });
});
