import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  STANCES_BY_KIND,
  currentStances,
  tally,
  type CurrentStance,
  type EligibleVoter,
  type Outcome,
  type OutcomeReason,
  type StanceValue,
  type VoteKind,
  type VoteRules,
} from "~/modules/votes/tally";
import { testSeed } from "../support/random";

// ---------------------------------------------------------------------------------------------------------
// Helpers for hand-written examples.

const ALL_VALUES: StanceValue[] = [
  "SUPPORT",
  "SUPPORT_WITH_RESERVATIONS",
  "ABSTAIN",
  "OBJECT",
  "BLOCK",
  "BREAK_SILENCE",
  "FOR",
  "AGAINST",
];

const RULES: VoteRules = {
  quorumShare: 0,
  quorumAllDelegations: false,
  minSupportShare: 0,
  onePerDelegation: false,
};
const rules = (overrides: Partial<VoteRules> = {}): VoteRules => ({ ...RULES, ...overrides });

/** `voters({ MX: 2, FR: 1 })` → MX1, MX2 (delegation MX) and FR1 (delegation FR). */
function voters(sizes: Record<string, number>): EligibleVoter[] {
  return Object.entries(sizes).flatMap(([delegation, size]) =>
    Array.from({ length: size }, (_, i) => ({ userId: `${delegation}${i + 1}`, delegation })),
  );
}

/** `stances({ MX1: "SUPPORT", FR1: "OBJECT" })`; a statement is added where one is required. */
function stances(values: Record<string, StanceValue>): CurrentStance[] {
  return Object.entries(values).map(([userId, value]) => ({
    userId,
    value,
    statement:
      value === "SUPPORT" || value === "FOR" || value === "AGAINST" || value === "ABSTAIN"
        ? ""
        : `${userId} explains`,
  }));
}

const sum = (record: Partial<Record<string, number>>) =>
  Object.values(record).reduce<number>((a, b) => a + (b ?? 0), 0);

// ---------------------------------------------------------------------------------------------------------
// Example tables.

interface Example {
  name: string;
  kind: VoteKind;
  rules?: Partial<VoteRules>;
  eligible: Record<string, number>;
  stances: Record<string, StanceValue>;
  result: Outcome["result"];
  reason: OutcomeReason;
  quorumMet?: boolean;
}

const consensusExamples: Example[] = [
  {
    name: "everyone supports",
    kind: "CONSENSUS",
    eligible: { MX: 2, FR: 1 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT", FR1: "SUPPORT" },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
  {
    name: "support with reservations counts as support",
    kind: "CONSENSUS",
    rules: { minSupportShare: 1 },
    eligible: { MX: 1, FR: 1 },
    stances: { MX1: "SUPPORT_WITH_RESERVATIONS", FR1: "SUPPORT" },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
  {
    name: "one block among many supports",
    kind: "CONSENSUS",
    eligible: { MX: 3, FR: 3 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT", MX3: "SUPPORT", FR1: "SUPPORT", FR2: "SUPPORT", FR3: "BLOCK" },
    result: "NOT_ADOPTED",
    reason: "blocked",
  },
  {
    name: "a block with minimum support 0",
    kind: "CONSENSUS",
    rules: { minSupportShare: 0 },
    eligible: { MX: 2 },
    stances: { MX1: "SUPPORT", MX2: "BLOCK" },
    result: "NOT_ADOPTED",
    reason: "blocked",
  },
  {
    name: "support share exactly 2/3 with threshold 2/3",
    kind: "CONSENSUS",
    rules: { minSupportShare: 2 / 3 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT", MX3: "OBJECT" },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
  {
    name: "support share 3/10 with threshold 0.1 + 0.2 (rounding error)",
    kind: "CONSENSUS",
    rules: { minSupportShare: 0.1 + 0.2 },
    eligible: { MX: 10 },
    stances: {
      MX1: "SUPPORT",
      MX2: "SUPPORT",
      MX3: "SUPPORT",
      MX4: "OBJECT",
      MX5: "OBJECT",
      MX6: "OBJECT",
      MX7: "OBJECT",
      MX8: "OBJECT",
      MX9: "OBJECT",
      MX10: "OBJECT",
    },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
  {
    name: "support share 1/2 with threshold 0.6",
    kind: "CONSENSUS",
    rules: { minSupportShare: 0.6 },
    eligible: { MX: 2 },
    stances: { MX1: "SUPPORT", MX2: "OBJECT" },
    result: "NOT_ADOPTED",
    reason: "insufficient_support",
  },
  {
    name: "support share 2/3 with threshold 0.67",
    kind: "CONSENSUS",
    rules: { minSupportShare: 0.67 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT", MX3: "OBJECT" },
    result: "NOT_ADOPTED",
    reason: "insufficient_support",
  },
  {
    name: "abstentions do not dilute support",
    kind: "CONSENSUS",
    rules: { minSupportShare: 1 },
    eligible: { MX: 4 },
    stances: { MX1: "SUPPORT", MX2: "ABSTAIN", MX3: "ABSTAIN", MX4: "ABSTAIN" },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
  {
    name: "only abstentions",
    kind: "CONSENSUS",
    eligible: { MX: 2 },
    stances: { MX1: "ABSTAIN", MX2: "ABSTAIN" },
    result: "NOT_ADOPTED",
    reason: "no_support",
  },
  {
    name: "only objections",
    kind: "CONSENSUS",
    eligible: { MX: 2 },
    stances: { MX1: "OBJECT", MX2: "OBJECT" },
    result: "NOT_ADOPTED",
    reason: "no_support",
  },
  {
    name: "nobody takes part, no quorum asked",
    kind: "CONSENSUS",
    eligible: { MX: 2 },
    stances: {},
    result: "NOT_ADOPTED",
    reason: "no_support",
  },
  {
    name: "a block when quorum is not met",
    kind: "CONSENSUS",
    rules: { quorumShare: 1 },
    eligible: { MX: 2 },
    stances: { MX1: "BLOCK" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "unanimous support of the few who took part, quorum missed",
    kind: "CONSENSUS",
    rules: { quorumShare: 0.5 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "a delegation stays away and every delegation must take part",
    kind: "CONSENSUS",
    rules: { quorumAllDelegations: true },
    eligible: { MX: 2, FR: 1 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "an abstention is taking part for the per-delegation quorum",
    kind: "CONSENSUS",
    rules: { quorumAllDelegations: true },
    eligible: { MX: 2, FR: 1 },
    stances: { MX1: "SUPPORT", FR1: "ABSTAIN" },
    result: "ADOPTED",
    reason: "consensus_reached",
    quorumMet: true,
  },
  {
    name: "majority stances are ignored in a consensus vote",
    kind: "CONSENSUS",
    eligible: { MX: 2 },
    stances: { MX1: "SUPPORT", MX2: "AGAINST" },
    result: "ADOPTED",
    reason: "consensus_reached",
  },
];

const quorumExamples: Example[] = [
  {
    name: "2 of 3 with quorum 2/3 (exactly at the threshold)",
    kind: "CONSENSUS",
    rules: { quorumShare: 2 / 3 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT", MX2: "ABSTAIN" },
    result: "ADOPTED",
    reason: "consensus_reached",
    quorumMet: true,
  },
  {
    name: "1 of 3 with quorum 2/3",
    kind: "CONSENSUS",
    rules: { quorumShare: 2 / 3 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "2 of 3 with quorum 0.67 (just above 2/3)",
    kind: "CONSENSUS",
    rules: { quorumShare: 0.67 },
    eligible: { MX: 3 },
    stances: { MX1: "SUPPORT", MX2: "SUPPORT" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "6 of 9 with quorum 2/3",
    kind: "MAJORITY",
    rules: { quorumShare: 2 / 3 },
    eligible: { MX: 4, FR: 5 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", FR1: "FOR", FR2: "AGAINST", FR3: "ABSTAIN" },
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "5 of 10 with quorum 1/2",
    kind: "MAJORITY",
    rules: { quorumShare: 0.5 },
    eligible: { MX: 10 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", MX4: "AGAINST", MX5: "ABSTAIN" },
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "4 of 10 with quorum 1/2",
    kind: "MAJORITY",
    rules: { quorumShare: 0.5 },
    eligible: { MX: 10 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", MX4: "AGAINST" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "67 of 100 with quorum 0.67",
    kind: "MAJORITY",
    rules: { quorumShare: 0.67 },
    eligible: { MX: 100 },
    stances: Object.fromEntries(Array.from({ length: 67 }, (_, i) => [`MX${i + 1}`, "FOR" as const])),
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "66 of 100 with quorum 0.67",
    kind: "MAJORITY",
    rules: { quorumShare: 0.67 },
    eligible: { MX: 100 },
    stances: Object.fromEntries(Array.from({ length: 66 }, (_, i) => [`MX${i + 1}`, "FOR" as const])),
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "3 of 10 with quorum 0.1 + 0.2 (a share that picked up a rounding error)",
    kind: "MAJORITY",
    rules: { quorumShare: 0.1 + 0.2 },
    eligible: { MX: 10 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "AGAINST" },
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "7 of 7 with quorum 1",
    kind: "MAJORITY",
    rules: { quorumShare: 1 },
    eligible: { MX: 3, FR: 4 },
    stances: {
      MX1: "FOR",
      MX2: "FOR",
      MX3: "FOR",
      FR1: "FOR",
      FR2: "ABSTAIN",
      FR3: "ABSTAIN",
      FR4: "AGAINST",
    },
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "6 of 7 with quorum 1",
    kind: "MAJORITY",
    rules: { quorumShare: 1 },
    eligible: { MX: 3, FR: 4 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", FR1: "FOR", FR2: "ABSTAIN", FR3: "ABSTAIN" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "stances of outsiders do not make the quorum",
    kind: "MAJORITY",
    rules: { quorumShare: 0.5 },
    eligible: { MX: 2 },
    stances: { XX1: "FOR", XX2: "FOR", XX3: "FOR" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
  {
    name: "every delegation took part, share met",
    kind: "MAJORITY",
    rules: { quorumShare: 0.5, quorumAllDelegations: true },
    eligible: { MX: 3, FR: 1, KE: 1 },
    stances: { MX1: "FOR", FR1: "AGAINST", KE1: "FOR" },
    result: "ADOPTED",
    reason: "majority_for",
    quorumMet: true,
  },
  {
    name: "one small delegation missing, share met",
    kind: "MAJORITY",
    rules: { quorumShare: 0.5, quorumAllDelegations: true },
    eligible: { MX: 3, FR: 1, KE: 1 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", FR1: "FOR" },
    result: "NOT_ADOPTED",
    reason: "quorum_not_met",
    quorumMet: false,
  },
];

const majorityExamples: Example[] = [
  {
    name: "3 for, 2 against",
    kind: "MAJORITY",
    eligible: { MX: 3, FR: 2 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", FR1: "AGAINST", FR2: "AGAINST" },
    result: "ADOPTED",
    reason: "majority_for",
  },
  {
    name: "1 for, 2 against",
    kind: "MAJORITY",
    eligible: { MX: 3 },
    stances: { MX1: "FOR", MX2: "AGAINST", MX3: "AGAINST" },
    result: "NOT_ADOPTED",
    reason: "majority_against",
  },
  {
    name: "2 for, 2 against, 1 abstain",
    kind: "MAJORITY",
    eligible: { MX: 5 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "AGAINST", MX4: "AGAINST", MX5: "ABSTAIN" },
    result: "NOT_ADOPTED",
    reason: "tie",
  },
  {
    name: "only abstentions",
    kind: "MAJORITY",
    eligible: { MX: 2 },
    stances: { MX1: "ABSTAIN", MX2: "ABSTAIN" },
    result: "NOT_ADOPTED",
    reason: "tie",
  },
  {
    name: "nobody takes part",
    kind: "MAJORITY",
    eligible: { MX: 2 },
    stances: {},
    result: "NOT_ADOPTED",
    reason: "tie",
  },
  {
    name: "consensus stances are ignored in a majority vote",
    kind: "MAJORITY",
    eligible: { MX: 3 },
    stances: { MX1: "FOR", MX2: "BLOCK", MX3: "OBJECT" },
    result: "ADOPTED",
    reason: "majority_for",
  },
  {
    name: "one voice per delegation: a large delegation cannot outvote two small ones",
    kind: "MAJORITY",
    rules: { onePerDelegation: true },
    eligible: { MX: 5, FR: 1, KE: 1 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", MX4: "FOR", MX5: "FOR", FR1: "AGAINST", KE1: "AGAINST" },
    result: "NOT_ADOPTED",
    reason: "majority_against",
  },
  {
    name: "the same stances counted per head",
    kind: "MAJORITY",
    eligible: { MX: 5, FR: 1, KE: 1 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "FOR", MX4: "FOR", MX5: "FOR", FR1: "AGAINST", KE1: "AGAINST" },
    result: "ADOPTED",
    reason: "majority_for",
  },
  {
    name: "one voice per delegation: a split delegation abstains",
    kind: "MAJORITY",
    rules: { onePerDelegation: true },
    eligible: { MX: 4, FR: 1, KE: 1 },
    stances: { MX1: "FOR", MX2: "FOR", MX3: "AGAINST", MX4: "AGAINST", FR1: "FOR", KE1: "AGAINST" },
    result: "NOT_ADOPTED",
    reason: "tie",
  },
  {
    name: "one voice per delegation: the majority inside a delegation decides, abstentions aside",
    kind: "MAJORITY",
    rules: { onePerDelegation: true },
    eligible: { MX: 4, FR: 3 },
    stances: {
      MX1: "FOR",
      MX2: "ABSTAIN",
      MX3: "ABSTAIN",
      MX4: "ABSTAIN",
      FR1: "FOR",
      FR2: "FOR",
      FR3: "AGAINST",
    },
    result: "ADOPTED",
    reason: "majority_for",
  },
];

const silenceExamples: Example[] = [
  {
    name: "nobody breaks silence",
    kind: "SILENCE",
    eligible: { MX: 2, FR: 2 },
    stances: {},
    result: "ADOPTED",
    reason: "silence_kept",
  },
  {
    name: "one member breaks silence",
    kind: "SILENCE",
    eligible: { MX: 2, FR: 2 },
    stances: { FR2: "BREAK_SILENCE" },
    result: "NOT_ADOPTED",
    reason: "silence_broken",
  },
  {
    name: "nobody breaks silence, full quorum asked",
    kind: "SILENCE",
    rules: { quorumShare: 1, quorumAllDelegations: true },
    eligible: { MX: 2, FR: 2 },
    stances: {},
    result: "ADOPTED",
    reason: "silence_kept",
  },
  {
    name: "an outsider breaks silence",
    kind: "SILENCE",
    eligible: { MX: 2 },
    stances: { XX1: "BREAK_SILENCE" },
    result: "ADOPTED",
    reason: "silence_kept",
  },
  {
    name: "consensus and majority stances do not break silence",
    kind: "SILENCE",
    eligible: { MX: 3 },
    stances: { MX1: "BLOCK", MX2: "AGAINST", MX3: "OBJECT" },
    result: "ADOPTED",
    reason: "silence_kept",
  },
];

describe.each([
  ["consensus", consensusExamples],
  ["quorum", quorumExamples],
  ["majority", majorityExamples],
  ["silence procedure", silenceExamples],
] as const)("%s examples", (_, examples) => {
  it.each(examples)("$name → $result ($reason)", (example) => {
    const outcome = tally(
      example.kind,
      rules(example.rules),
      voters(example.eligible),
      stances(example.stances),
    );
    expect({ result: outcome.result, reason: outcome.reason }).toEqual({
      result: example.result,
      reason: example.reason,
    });
    if (example.quorumMet !== undefined) expect(outcome.quorumMet).toBe(example.quorumMet);
  });
});

describe("the stored outcome, by example", () => {
  it("counts per stance and per delegation, with every statement in the order of the eligible voters", () => {
    const eligible = voters({ MX: 2, FR: 2, KE: 1 });
    const outcome = tally("CONSENSUS", rules({ minSupportShare: 0.5 }), eligible, [
      { userId: "FR2", value: "OBJECT", statement: "Paragraph 3 conflicts with our law." },
      { userId: "MX1", value: "SUPPORT", statement: "" },
      { userId: "MX2", value: "SUPPORT_WITH_RESERVATIONS", statement: "The timeline is tight." },
      { userId: "FR1", value: "SUPPORT", statement: "Happy with it." },
      { userId: "XX1", value: "BLOCK", statement: "Not a member." },
    ]);
    expect(outcome).toEqual({
      result: "ADOPTED",
      reason: "consensus_reached",
      quorumMet: true,
      eligibleCount: 5,
      takingPart: 4,
      counts: { SUPPORT: 2, SUPPORT_WITH_RESERVATIONS: 1, OBJECT: 1 },
      perDelegation: {
        MX: { eligible: 2, takingPart: 2, counts: { SUPPORT: 1, SUPPORT_WITH_RESERVATIONS: 1 } },
        FR: { eligible: 2, takingPart: 2, counts: { SUPPORT: 1, OBJECT: 1 } },
        KE: { eligible: 1, takingPart: 0, counts: {} },
      },
      statements: [
        {
          userId: "MX2",
          delegation: "MX",
          value: "SUPPORT_WITH_RESERVATIONS",
          statement: "The timeline is tight.",
        },
        { userId: "FR1", delegation: "FR", value: "SUPPORT", statement: "Happy with it." },
        {
          userId: "FR2",
          delegation: "FR",
          value: "OBJECT",
          statement: "Paragraph 3 conflicts with our law.",
        },
      ],
    });
  });

  it("gives each delegation its voice when counting one voice per delegation", () => {
    const outcome = tally(
      "MAJORITY",
      rules({ onePerDelegation: true }),
      voters({ MX: 3, FR: 2, KE: 1, JP: 1 }),
      stances({ MX1: "FOR", MX2: "FOR", MX3: "AGAINST", FR1: "FOR", FR2: "AGAINST", KE1: "AGAINST" }),
    );
    expect(Object.fromEntries(Object.entries(outcome.perDelegation).map(([d, t]) => [d, t.voice]))).toEqual({
      MX: "FOR",
      FR: "ABSTAIN",
      KE: "AGAINST",
      JP: "ABSTAIN",
    });
    expect(outcome.reason).toBe("tie");
  });
});

describe("currentStances, by example", () => {
  it("keeps the latest row of each voter, whatever order the rows come in", () => {
    const history = [
      { id: 3, userId: "MX1", value: "OBJECT" },
      { id: 1, userId: "MX1", value: "SUPPORT" },
      { id: 2, userId: "FR1", value: "BLOCK" },
      { id: 5, userId: "MX1", value: "SUPPORT_WITH_RESERVATIONS" },
      { id: 4, userId: "FR1", value: "ABSTAIN" },
    ];
    expect(currentStances(history)).toEqual([
      { id: 5, userId: "MX1", value: "SUPPORT_WITH_RESERVATIONS" },
      { id: 4, userId: "FR1", value: "ABSTAIN" },
    ]);
  });

  it("compares bigint ids beyond the safe integer range exactly", () => {
    const history = [
      { id: 9007199254740993n, userId: "MX1", value: "AGAINST" },
      { id: 9007199254740992n, userId: "MX1", value: "FOR" },
    ];
    expect(currentStances(history)).toEqual([{ id: 9007199254740993n, userId: "MX1", value: "AGAINST" }]);
  });

  it("returns nothing for no history", () => {
    expect(currentStances([])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over generated inputs.

describe("vote tally properties", () => {
  // Randomized: the seed is printed, and RANDOM_SEED=<seed> replays a failure.
  const seed = testSeed();
  console.info(`vote tally properties: seed ${seed} (replay with RANDOM_SEED=${seed})`);
  const runs = { seed, numRuns: 300 };

  const DELEGATIONS = ["MX", "FR", "KE", "JP", "BR"];

  /** A share p/q kept as integers, so that the expectations never depend on floating point. */
  interface Fraction {
    p: number;
    q: number;
  }
  const fraction = fc
    .integer({ min: 1, max: 12 })
    .chain((q) => fc.integer({ min: 0, max: q }).map((p): Fraction => ({ p, q })));
  /** part/whole >= p/q, in integers. An empty whole meets only a share of 0. */
  const meets = (part: number, whole: number, { p, q }: Fraction) =>
    whole === 0 ? p === 0 : part * q >= p * whole;

  interface Case {
    kind: VoteKind;
    rules: VoteRules;
    quorum: Fraction;
    minSupport: Fraction;
    eligible: EligibleVoter[];
    stances: CurrentStance[];
  }

  /** Eligible voters across 1–5 delegations of 1–6 voters, listed in a random order. */
  const eligibleArb: fc.Arbitrary<EligibleVoter[]> = fc
    .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 })
    .chain((sizes) => {
      const all = sizes.flatMap((size, d) =>
        Array.from({ length: size }, (_, i) => ({
          userId: `${DELEGATIONS[d]}-${i + 1}`,
          delegation: DELEGATIONS[d],
        })),
      );
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });

  const statementArb = fc.oneof(
    fc.constant(""),
    fc.constant("  "),
    fc.constantFrom("We need more time.", "Paragraph 3 conflicts with our law.", "Fine by us."),
    fc.string({ maxLength: 12 }),
  );

  const rulesArb = fc
    .record({
      quorum: fraction,
      minSupport: fraction,
      quorumAllDelegations: fc.boolean(),
      onePerDelegation: fc.boolean(),
    })
    .map(({ quorum, minSupport, quorumAllDelegations, onePerDelegation }) => ({
      quorum,
      minSupport,
      rules: {
        quorumShare: quorum.p / quorum.q,
        minSupportShare: minSupport.p / minSupport.q,
        quorumAllDelegations,
        onePerDelegation,
      } satisfies VoteRules,
    }));

  interface CaseOptions {
    /** The stance values a voter may take (default: those of the kind). */
    values?: readonly StanceValue[];
    /** Relative weight of a voter staying silent, against 3 for taking a stance (default 1). */
    silentWeight?: number;
    /** Force these rules. */
    rules?: Partial<VoteRules>;
  }

  /** A vote of this kind: eligible voters, random rules and at most one current stance of the kind per voter, in random order. */
  function caseArb(kind: VoteKind, options: CaseOptions = {}): fc.Arbitrary<Case> {
    const values = options.values ?? STANCES_BY_KIND[kind];
    const stanceOrSilence = fc.oneof(
      { arbitrary: fc.constant(null), weight: options.silentWeight ?? 1 },
      { arbitrary: fc.record({ value: fc.constantFrom(...values), statement: statementArb }), weight: 3 },
    );
    return fc.tuple(eligibleArb, rulesArb).chain(([eligible, r]) =>
      fc
        .array(stanceOrSilence, { minLength: eligible.length, maxLength: eligible.length })
        .chain((choices) => {
          const list = eligible.flatMap((v, i) => (choices[i] ? [{ userId: v.userId, ...choices[i] }] : []));
          return fc
            .shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
            .map((shuffled): Case => ({
              kind,
              rules: { ...r.rules, ...options.rules },
              quorum: r.quorum,
              minSupport: r.minSupport,
              eligible,
              stances: shuffled,
            }));
        }),
    );
  }

  const anyKindCase = fc
    .constantFrom<VoteKind>("CONSENSUS", "SILENCE", "MAJORITY")
    .chain((kind) => caseArb(kind, { silentWeight: kind === "SILENCE" ? 12 : 1 }));
  const quorumKindCase = fc.constantFrom<VoteKind>("CONSENSUS", "MAJORITY").chain((kind) => caseArb(kind));

  const run = (c: Case, stanceList: CurrentStance[] = c.stances) =>
    tally(c.kind, c.rules, c.eligible, stanceList);
  const delegationOf = (c: Case) => new Map(c.eligible.map((v) => [v.userId, v.delegation]));
  const countOf = (c: Case, value: StanceValue) => c.stances.filter((s) => s.value === value).length;
  const delegationsWithNobody = (c: Case) => {
    const taking = new Set(c.stances.map((s) => delegationOf(c).get(s.userId)));
    return new Set(c.eligible.map((v) => v.delegation).filter((d) => !taking.has(d)));
  };
  const quorumOracle = (c: Case) =>
    meets(c.stances.length, c.eligible.length, c.quorum) &&
    (!c.rules.quorumAllDelegations || delegationsWithNobody(c).size === 0);

  /** Extra stances that must be ignored: by people who are not eligible, and of values another kind uses, by eligible voters who took no stance. */
  function noiseArb(c: Case): fc.Arbitrary<CurrentStance[]> {
    const allowed = new Set<StanceValue>(STANCES_BY_KIND[c.kind]);
    const foreign = ALL_VALUES.filter((v) => !allowed.has(v));
    const silent = c.eligible.filter((v) => !c.stances.some((s) => s.userId === v.userId));
    const outsiders = fc.array(
      fc.record({
        userId: fc.constantFrom("XX-1", "XX-2", "observer", "secretariat", "MX-99", ""),
        value: fc.constantFrom(...ALL_VALUES),
        statement: statementArb,
      }),
      { maxLength: 6 },
    );
    const foreignStances =
      silent.length === 0
        ? fc.constant([] as CurrentStance[])
        : fc.subarray(silent).chain((chosen) =>
            fc.tuple(
              ...chosen.map((v) =>
                fc.record({
                  userId: fc.constant(v.userId),
                  value: fc.constantFrom(...foreign),
                  statement: statementArb,
                }),
              ),
            ),
          );
    return fc.tuple(outsiders, foreignStances).map(([a, b]) => [...a, ...b]);
  }

  const shuffle = <T>(items: T[]) =>
    fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

  // --- Consensus --------------------------------------------------------------------------------------

  it("a Block always fails consensus, whatever the rules and other stances", () => {
    const withBlock = caseArb("CONSENSUS").chain((c) =>
      fc.nat({ max: c.eligible.length - 1 }).map((i): Case => {
        const blocker = c.eligible[i].userId;
        return {
          ...c,
          stances: [
            ...c.stances.filter((s) => s.userId !== blocker),
            { userId: blocker, value: "BLOCK", statement: "We cannot accept this." },
          ],
        };
      }),
    );
    fc.assert(
      fc.property(withBlock, (c) => {
        const outcome = run(c);
        expect(outcome.result).toBe("NOT_ADOPTED");
        expect(["blocked", "quorum_not_met"]).toContain(outcome.reason);
        if (outcome.quorumMet) expect(outcome.reason).toBe("blocked");
      }),
      runs,
    );
  });

  it("with quorum met and no block, consensus is adopted iff support > 0 and support/(support+object) >= minSupportShare", () => {
    const noBlock = caseArb("CONSENSUS", {
      values: ["SUPPORT", "SUPPORT_WITH_RESERVATIONS", "ABSTAIN", "OBJECT"],
      rules: { quorumShare: 0, quorumAllDelegations: false },
    });
    fc.assert(
      fc.property(noBlock, (c) => {
        const support = countOf(c, "SUPPORT") + countOf(c, "SUPPORT_WITH_RESERVATIONS");
        const object = countOf(c, "OBJECT");
        const adopted = support > 0 && meets(support, support + object, c.minSupport);
        const outcome = run(c);
        expect(outcome.quorumMet).toBe(true);
        expect(outcome.result).toBe(adopted ? "ADOPTED" : "NOT_ADOPTED");
        expect(outcome.reason).toBe(
          adopted ? "consensus_reached" : support === 0 ? "no_support" : "insufficient_support",
        );
      }),
      runs,
    );
  });

  it("consensus: the whole decision follows quorum, then block, then support share", () => {
    fc.assert(
      fc.property(caseArb("CONSENSUS"), (c) => {
        const support = countOf(c, "SUPPORT") + countOf(c, "SUPPORT_WITH_RESERVATIONS");
        const expected: OutcomeReason = !quorumOracle(c)
          ? "quorum_not_met"
          : countOf(c, "BLOCK") > 0
            ? "blocked"
            : support === 0
              ? "no_support"
              : meets(support, support + countOf(c, "OBJECT"), c.minSupport)
                ? "consensus_reached"
                : "insufficient_support";
        const outcome = run(c);
        expect(outcome.reason).toBe(expected);
        expect(outcome.result).toBe(expected === "consensus_reached" ? "ADOPTED" : "NOT_ADOPTED");
      }),
      runs,
    );
  });

  it("abstentions never change a consensus result except through quorum", () => {
    const withAbstentions = caseArb("CONSENSUS").chain((c) => {
      const silent = c.eligible.filter((v) => !c.stances.some((s) => s.userId === v.userId));
      return fc.tuple(fc.constant(c), fc.subarray(silent));
    });
    fc.assert(
      fc.property(withAbstentions, ([c, newAbstainers]) => {
        const variants = [
          c.stances,
          c.stances.filter((s) => s.value !== "ABSTAIN"),
          [
            ...c.stances,
            ...newAbstainers.map((v) => ({ userId: v.userId, value: "ABSTAIN" as const, statement: "" })),
          ],
        ].map((list) => run(c, list));
        for (const a of variants)
          for (const b of variants)
            if (a.quorumMet === b.quorumMet)
              expect({ result: b.result, reason: b.reason }).toEqual({ result: a.result, reason: a.reason });
        // More abstentions can only help the quorum.
        expect(
          variants[1].quorumMet <= variants[0].quorumMet && variants[0].quorumMet <= variants[2].quorumMet,
        ).toBe(true);
      }),
      runs,
    );
  });

  // --- Quorum -----------------------------------------------------------------------------------------

  it("quorum is met iff takingPart/eligible >= quorumShare and, when asked, every delegation takes part", () => {
    fc.assert(
      fc.property(quorumKindCase, (c) => {
        const outcome = run(c);
        expect(outcome.quorumMet).toBe(quorumOracle(c));
        if (!outcome.quorumMet)
          expect({ result: outcome.result, reason: outcome.reason }).toEqual({
            result: "NOT_ADOPTED",
            reason: "quorum_not_met",
          });
      }),
      runs,
    );
  });

  it("a quorum share exactly at the share taking part passes, and the next share up fails", () => {
    fc.assert(
      fc.property(quorumKindCase, fc.integer({ min: 1, max: 4 }), (c, scale) => {
        const n = c.eligible.length;
        const t = c.stances.length;
        const atThreshold = {
          ...c.rules,
          quorumAllDelegations: false,
          quorumShare: (t * scale) / (n * scale),
        };
        expect(tally(c.kind, atThreshold, c.eligible, c.stances).quorumMet).toBe(true);
        // The same share entered as a percentage can be one unit in the last place off (2/3 → 0.6666666666666665).
        const asPercentage = { ...atThreshold, quorumShare: (100 * t) / n / 100 };
        expect(tally(c.kind, asPercentage, c.eligible, c.stances).quorumMet).toBe(true);
        if (t < n) {
          const justAbove = { ...atThreshold, quorumShare: (t * scale + 1) / (n * scale) };
          expect(tally(c.kind, justAbove, c.eligible, c.stances).quorumMet).toBe(false);
        }
      }),
      runs,
    );
  });

  it("quorumAllDelegations fails iff some delegation with eligible voters has nobody taking part", () => {
    fc.assert(
      fc.property(quorumKindCase, (c) => {
        const outcome = tally(
          c.kind,
          { ...c.rules, quorumShare: 0, quorumAllDelegations: true },
          c.eligible,
          c.stances,
        );
        expect(outcome.quorumMet).toBe(delegationsWithNobody(c).size === 0);
        const relaxed = tally(
          c.kind,
          { ...c.rules, quorumShare: 0, quorumAllDelegations: false },
          c.eligible,
          c.stances,
        );
        expect(relaxed.quorumMet).toBe(true);
      }),
      runs,
    );
  });

  // --- What counts ------------------------------------------------------------------------------------

  it("stances by people who are not eligible and stances of another kind's values are ignored", () => {
    const withNoise = anyKindCase.chain((c) =>
      noiseArb(c).chain((noise) => fc.tuple(fc.constant(c), shuffle([...c.stances, ...noise]))),
    );
    fc.assert(
      fc.property(withNoise, ([c, noisy]) => {
        expect(run(c, noisy)).toEqual(run(c));
      }),
      runs,
    );
  });

  it("counts and per-delegation counts sum to takingPart, which is the number of eligible voters with a stance", () => {
    fc.assert(
      fc.property(anyKindCase, (c) => {
        const outcome = run(c);
        expect(outcome.takingPart).toBe(c.stances.length);
        expect(outcome.eligibleCount).toBe(c.eligible.length);
        expect(sum(outcome.counts)).toBe(outcome.takingPart);
        const delegations = Object.values(outcome.perDelegation);
        expect(delegations.reduce((a, d) => a + d.takingPart, 0)).toBe(outcome.takingPart);
        expect(delegations.reduce((a, d) => a + d.eligible, 0)).toBe(outcome.eligibleCount);
        expect(Object.keys(outcome.perDelegation).sort()).toEqual(
          [...new Set(c.eligible.map((v) => v.delegation))].sort(),
        );
        for (const [code, d] of Object.entries(outcome.perDelegation)) {
          expect(sum(d.counts)).toBe(d.takingPart);
          expect(d.takingPart).toBeLessThanOrEqual(d.eligible);
          expect(d.eligible).toBe(c.eligible.filter((v) => v.delegation === code).length);
        }
        for (const value of ALL_VALUES) {
          const perDelegationTotal = delegations.reduce((a, d) => a + (d.counts[value] ?? 0), 0);
          expect(outcome.counts[value] ?? 0).toBe(countOf(c, value));
          expect(perDelegationTotal).toBe(countOf(c, value));
        }
      }),
      runs,
    );
  });

  it("every non-empty statement of a counted stance is in statements, in the order of the eligible voters, and nothing else is", () => {
    const withNoise = anyKindCase.chain((c) =>
      noiseArb(c).chain((noise) => fc.tuple(fc.constant(c), shuffle([...c.stances, ...noise]))),
    );
    fc.assert(
      fc.property(withNoise, ([c, noisy]) => {
        const delegation = delegationOf(c);
        const byUser = new Map(c.stances.map((s) => [s.userId, s]));
        const expected = c.eligible
          .map((v) => byUser.get(v.userId))
          .filter((s): s is CurrentStance => !!s && s.statement.trim() !== "")
          .map((s) => ({
            userId: s.userId,
            delegation: delegation.get(s.userId)!,
            value: s.value,
            statement: s.statement,
          }));
        const { statements } = run(c, noisy);
        for (const s of expected) expect(statements).toContainEqual(s);
        expect(statements).toEqual(expected);
      }),
      runs,
    );
  });

  it("results are independent of stance order", () => {
    const twoOrders = anyKindCase.chain((c) =>
      noiseArb(c).chain((noise) =>
        fc.tuple(fc.constant(c), shuffle([...c.stances, ...noise]), shuffle([...c.stances, ...noise])),
      ),
    );
    fc.assert(
      fc.property(twoOrders, ([c, first, second]) => {
        expect(run(c, second)).toEqual(run(c, first));
      }),
      runs,
    );
  });

  // --- Silence procedure ------------------------------------------------------------------------------

  it("silence: adopted iff nobody eligible broke silence, whatever the quorum rules", () => {
    const silence = caseArb("SILENCE", { silentWeight: 12 }).chain((c) =>
      noiseArb(c).map((noise) => ({ c, noise })),
    );
    fc.assert(
      fc.property(silence, rulesArb, ({ c, noise }, other) => {
        const broken = c.stances.length > 0;
        const outcome = run(c, [...c.stances, ...noise]);
        expect(outcome.result).toBe(broken ? "NOT_ADOPTED" : "ADOPTED");
        expect(outcome.reason).toBe(broken ? "silence_broken" : "silence_kept");
        for (const r of [other.rules, { ...other.rules, quorumShare: 1, quorumAllDelegations: true }]) {
          const elsewise = tally("SILENCE", r, c.eligible, [...c.stances, ...noise]);
          expect({ result: elsewise.result, reason: elsewise.reason }).toEqual({
            result: outcome.result,
            reason: outcome.reason,
          });
        }
      }),
      runs,
    );
  });

  // --- Majority ---------------------------------------------------------------------------------------

  it("plain majority: adopted iff more FOR than AGAINST; equal counts fail with reason tie", () => {
    fc.assert(
      fc.property(caseArb("MAJORITY", { rules: { onePerDelegation: false } }), (c) => {
        const f = countOf(c, "FOR");
        const a = countOf(c, "AGAINST");
        const outcome = run(c);
        const expected: OutcomeReason = !quorumOracle(c)
          ? "quorum_not_met"
          : f > a
            ? "majority_for"
            : a > f
              ? "majority_against"
              : "tie";
        expect(outcome.reason).toBe(expected);
        expect(outcome.result).toBe(expected === "majority_for" ? "ADOPTED" : "NOT_ADOPTED");
      }),
      runs,
    );
  });

  it("majority: equal FOR and AGAINST (voices or heads) with quorum met always fail with reason tie", () => {
    const tied = caseArb("MAJORITY", {
      rules: { onePerDelegation: false, quorumShare: 0, quorumAllDelegations: false },
    }).map((c): Case => {
      // Turn the surplus of the larger side into abstentions: same people take part, FOR = AGAINST.
      const f = countOf(c, "FOR");
      const a = countOf(c, "AGAINST");
      const surplus = f > a ? "FOR" : "AGAINST";
      let toConvert = Math.abs(f - a);
      const list = c.stances.map((s) =>
        s.value === surplus && toConvert-- > 0 ? { ...s, value: "ABSTAIN" as const } : s,
      );
      return { ...c, stances: list };
    });
    fc.assert(
      fc.property(tied, (c) => {
        expect(countOf(c, "FOR")).toBe(countOf(c, "AGAINST"));
        const outcome = run(c);
        expect({ result: outcome.result, reason: outcome.reason }).toEqual({
          result: "NOT_ADOPTED",
          reason: "tie",
        });
      }),
      runs,
    );
  });

  it("one voice per delegation: each delegation's voice is the majority inside it (tie → abstain), and voices decide", () => {
    fc.assert(
      fc.property(
        caseArb("MAJORITY", {
          rules: { onePerDelegation: true, quorumShare: 0, quorumAllDelegations: false },
        }),
        (c) => {
          const delegation = delegationOf(c);
          const outcome = run(c);
          let forVoices = 0;
          let againstVoices = 0;
          for (const code of new Set(c.eligible.map((v) => v.delegation))) {
            const inside = c.stances.filter((s) => delegation.get(s.userId) === code);
            const f = inside.filter((s) => s.value === "FOR").length;
            const a = inside.filter((s) => s.value === "AGAINST").length;
            const voice = f > a ? "FOR" : a > f ? "AGAINST" : "ABSTAIN";
            expect(outcome.perDelegation[code].voice).toBe(voice);
            if (voice === "FOR") forVoices += 1;
            if (voice === "AGAINST") againstVoices += 1;
          }
          const expected: OutcomeReason =
            forVoices > againstVoices
              ? "majority_for"
              : againstVoices > forVoices
                ? "majority_against"
                : "tie";
          expect(outcome.reason).toBe(expected);
          expect(outcome.result).toBe(expected === "majority_for" ? "ADOPTED" : "NOT_ADOPTED");
        },
      ),
      runs,
    );
  });

  it("one voice per delegation: a large delegation voting FOR cannot outvote two small ones voting AGAINST", () => {
    const scenario = fc.record({
      large: fc.integer({ min: 3, max: 12 }),
      smallA: fc.integer({ min: 1, max: 2 }),
      smallB: fc.integer({ min: 1, max: 2 }),
    });
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ large, smallA, smallB }, reversed) => {
        const [big, against] = reversed ? (["AGAINST", "FOR"] as const) : (["FOR", "AGAINST"] as const);
        const eligible = voters({ MX: large, FR: smallA, KE: smallB });
        const list = eligible.map((v) => ({
          userId: v.userId,
          value: v.delegation === "MX" ? big : against,
          statement: "",
        }));
        const outcome = tally("MAJORITY", rules({ onePerDelegation: true }), eligible, list);
        expect(outcome.reason).toBe(against === "FOR" ? "majority_for" : "majority_against");
        // Counted per head, the large delegation wins whenever it outnumbers the two small ones.
        if (large > smallA + smallB)
          expect(tally("MAJORITY", rules(), eligible, list).reason).toBe(
            big === "FOR" ? "majority_for" : "majority_against",
          );
      }),
      runs,
    );
  });

  it("majority is monotone: one more FOR stance never turns ADOPTED into NOT_ADOPTED", () => {
    const withChange = fc
      .boolean()
      .chain((onePerDelegation) =>
        caseArb("MAJORITY", { rules: { onePerDelegation } }).chain((c) =>
          fc.tuple(fc.constant(c), fc.nat({ max: c.eligible.length - 1 })),
        ),
      );
    fc.assert(
      fc.property(withChange, ([c, i]) => {
        const voter = c.eligible[i].userId;
        const more: CurrentStance[] = [
          ...c.stances.filter((s) => s.userId !== voter),
          { userId: voter, value: "FOR", statement: "" },
        ];
        const before = run(c);
        const after = run(c, more);
        if (before.result === "ADOPTED") expect(after.result).toBe("ADOPTED");
        const wasFor = c.stances.some((s) => s.userId === voter && s.value === "FOR");
        if (!c.rules.onePerDelegation && before.reason === "tie" && !wasFor)
          expect(after.result).toBe("ADOPTED");
      }),
      runs,
    );
  });

  // --- currentStances ---------------------------------------------------------------------------------

  it("currentStances keeps, per user, the row with the highest id, whatever the order and id type", () => {
    const historyArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 30 })
      .chain((ids) =>
        fc.tuple(
          ...ids.map((id) =>
            fc.record({
              id: fc.boolean().map((big) => (big ? BigInt(id) : id)),
              userId: fc.constantFrom("MX-1", "MX-2", "FR-1", "KE-1"),
              value: fc.constantFrom(...ALL_VALUES),
            }),
          ),
        ),
      );
    fc.assert(
      fc.property(historyArb, (history) => {
        const rows: { id: number | bigint; userId: string; value: StanceValue }[] = history;
        const current = currentStances(rows);
        const users = [...new Set(rows.map((r) => r.userId))];
        expect(current.map((r) => r.userId).sort()).toEqual(users.sort());
        for (const row of current) {
          const own = rows.filter((r) => r.userId === row.userId);
          const highest = own.reduce((best, r) => (BigInt(r.id) > BigInt(best.id) ? r : best));
          expect(row).toBe(highest);
        }
      }),
      runs,
    );
  });
});
