// The outcome of a vote, as one pure function of (kind, rules, eligible voters, current stances).
// Computed once when a vote closes and stored; never recomputed for a closed vote.

export const VOTE_KINDS = ["CONSENSUS", "SILENCE", "MAJORITY"] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

export const STANCES_BY_KIND = {
  CONSENSUS: ["SUPPORT", "SUPPORT_WITH_RESERVATIONS", "ABSTAIN", "OBJECT", "BLOCK"],
  SILENCE: ["BREAK_SILENCE"],
  MAJORITY: ["FOR", "AGAINST", "ABSTAIN"],
} as const;
export type StanceValue =
  | "SUPPORT"
  | "SUPPORT_WITH_RESERVATIONS"
  | "ABSTAIN"
  | "OBJECT"
  | "BLOCK"
  | "BREAK_SILENCE"
  | "FOR"
  | "AGAINST";

/** Stances that must come with a statement. */
export const STATEMENT_REQUIRED: ReadonlySet<StanceValue> = new Set([
  "SUPPORT_WITH_RESERVATIONS",
  "OBJECT",
  "BLOCK",
  "BREAK_SILENCE",
]);

export interface VoteRules {
  /** Share (0–1) of eligible voters that must take part. */
  quorumShare: number;
  /** Every delegation with an eligible voter must take part. */
  quorumAllDelegations: boolean;
  /** Consensus: minimum share (0–1) of support among stances that are not abstentions. */
  minSupportShare: number;
  /** Majority: one voice per delegation, decided by the majority inside it. */
  onePerDelegation: boolean;
}

export interface EligibleVoter {
  userId: string;
  /** The delegation code (e.g. "MX"). */
  delegation: string;
}

export interface CurrentStance {
  userId: string;
  value: StanceValue;
  statement: string;
}

export type OutcomeReason =
  | "consensus_reached"
  | "blocked"
  | "insufficient_support"
  | "no_support"
  | "quorum_not_met"
  | "silence_kept"
  | "silence_broken"
  | "majority_for"
  | "majority_against"
  | "tie";

export interface DelegationTally {
  eligible: number;
  takingPart: number;
  counts: Partial<Record<StanceValue, number>>;
  /** Majority with one voice per delegation: the delegation's voice. */
  voice?: "FOR" | "AGAINST" | "ABSTAIN";
}

export interface Outcome {
  result: "ADOPTED" | "NOT_ADOPTED";
  reason: OutcomeReason;
  quorumMet: boolean;
  eligibleCount: number;
  takingPart: number;
  counts: Partial<Record<StanceValue, number>>;
  perDelegation: Record<string, DelegationTally>;
  /** Every statement, in the order of the eligible voters list. */
  statements: { userId: string; delegation: string; value: StanceValue; statement: string }[];
}

// Rounding guard: 2/3 of 3 voters must meet a 2/3 threshold although 2/3 is not exactly representable.
const EPSILON = 1e-9;

function atLeast(part: number, whole: number, share: number): boolean {
  if (whole === 0) return share <= 0;
  return part / whole + EPSILON >= share;
}

export function tally(
  kind: VoteKind,
  rules: VoteRules,
  eligible: EligibleVoter[],
  stances: CurrentStance[],
): Outcome {
  const eligibleById = new Map(eligible.map((v) => [v.userId, v]));
  const allowed = new Set<StanceValue>(STANCES_BY_KIND[kind]);
  // Only the current stance of an eligible voter, of a kind this vote knows, counts.
  const counted = new Map<string, CurrentStance>();
  for (const stance of stances)
    if (eligibleById.has(stance.userId) && allowed.has(stance.value)) counted.set(stance.userId, stance);

  const counts: Partial<Record<StanceValue, number>> = {};
  const perDelegation: Record<string, DelegationTally> = {};
  for (const voter of eligible) {
    perDelegation[voter.delegation] ??= { eligible: 0, takingPart: 0, counts: {} };
    perDelegation[voter.delegation].eligible += 1;
  }
  for (const stance of counted.values()) {
    const delegation = perDelegation[eligibleById.get(stance.userId)!.delegation];
    delegation.takingPart += 1;
    delegation.counts[stance.value] = (delegation.counts[stance.value] ?? 0) + 1;
    counts[stance.value] = (counts[stance.value] ?? 0) + 1;
  }
  const statements = eligible
    .map((voter) => counted.get(voter.userId))
    .filter((s): s is CurrentStance => !!s && s.statement.trim() !== "")
    .map((s) => ({
      userId: s.userId,
      delegation: eligibleById.get(s.userId)!.delegation,
      value: s.value,
      statement: s.statement,
    }));

  const takingPart = counted.size;
  const base = { eligibleCount: eligible.length, takingPart, counts, perDelegation, statements };
  const n = (value: StanceValue) => counts[value] ?? 0;

  if (kind === "SILENCE") {
    // Silence needs no quorum: the text is adopted unless someone eligible breaks it.
    const broken = n("BREAK_SILENCE") > 0;
    return {
      ...base,
      quorumMet: true,
      result: broken ? "NOT_ADOPTED" : "ADOPTED",
      reason: broken ? "silence_broken" : "silence_kept",
    };
  }

  const quorumMet =
    atLeast(takingPart, eligible.length, rules.quorumShare) &&
    (!rules.quorumAllDelegations || Object.values(perDelegation).every((d) => d.takingPart > 0));
  if (!quorumMet) return { ...base, quorumMet, result: "NOT_ADOPTED", reason: "quorum_not_met" };

  if (kind === "CONSENSUS") {
    if (n("BLOCK") > 0) return { ...base, quorumMet, result: "NOT_ADOPTED", reason: "blocked" };
    const support = n("SUPPORT") + n("SUPPORT_WITH_RESERVATIONS");
    const nonAbstaining = support + n("OBJECT");
    if (support === 0) return { ...base, quorumMet, result: "NOT_ADOPTED", reason: "no_support" };
    const enough = atLeast(support, nonAbstaining, rules.minSupportShare);
    return {
      ...base,
      quorumMet,
      result: enough ? "ADOPTED" : "NOT_ADOPTED",
      reason: enough ? "consensus_reached" : "insufficient_support",
    };
  }

  // MAJORITY
  let forVoices: number;
  let againstVoices: number;
  if (rules.onePerDelegation) {
    forVoices = 0;
    againstVoices = 0;
    for (const delegation of Object.values(perDelegation)) {
      const f = delegation.counts.FOR ?? 0;
      const a = delegation.counts.AGAINST ?? 0;
      delegation.voice = f > a ? "FOR" : a > f ? "AGAINST" : "ABSTAIN";
      if (delegation.voice === "FOR") forVoices += 1;
      if (delegation.voice === "AGAINST") againstVoices += 1;
    }
  } else {
    forVoices = n("FOR");
    againstVoices = n("AGAINST");
  }
  if (forVoices > againstVoices) return { ...base, quorumMet, result: "ADOPTED", reason: "majority_for" };
  if (againstVoices > forVoices)
    return { ...base, quorumMet, result: "NOT_ADOPTED", reason: "majority_against" };
  return { ...base, quorumMet, result: "NOT_ADOPTED", reason: "tie" };
}

/** The current stance of each voter from an append-only history (the latest row wins). */
export function currentStances<T extends { userId: string; id: bigint | number }>(history: T[]): T[] {
  const latest = new Map<string, T>();
  for (const row of history) {
    const seen = latest.get(row.userId);
    if (!seen || BigInt(row.id) > BigInt(seen.id)) latest.set(row.userId, row);
  }
  return [...latest.values()];
}
