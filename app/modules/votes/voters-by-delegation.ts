import { currentStances, type StanceValue } from "./tally";

// The vote page's "stances by delegation": every eligible voter under their delegation (in the group's
// order), with their current stance and how often they changed it. Pure: the page's loader feeds it the
// vote's eligible voters and its append-only stance history.

export interface VoterDelegation {
  code: string;
  name: string;
  nameEs: string;
  colour: string;
  position: number;
}

export interface EligibleVoter {
  userId: string;
  name: string;
  delegation: VoterDelegation | null;
}

export interface StanceRow {
  id: bigint | number;
  userId: string;
  value: StanceValue;
  statement: string;
}

export interface DelegationVoters {
  code: string;
  name: string;
  nameEs: string;
  position: number;
  voters: {
    userId: string;
    name: string;
    stance: { value: StanceValue; statement: string } | null;
    /** How many times the voter changed their stance after the first. */
    changes: number;
  }[];
}

/** People without a delegation (a co-chair, say) are grouped under "—", after every delegation. */
const NO_DELEGATION: VoterDelegation = { code: "—", name: "—", nameEs: "—", colour: "#4a4f57", position: 99 };

export function votersByDelegation(voters: EligibleVoter[], history: StanceRow[]): DelegationVoters[] {
  const current = new Map(currentStances(history).map((s) => [s.userId, s]));
  const counts = new Map<string, number>();
  for (const row of history) counts.set(row.userId, (counts.get(row.userId) ?? 0) + 1);
  const delegations = new Map<string, DelegationVoters>();
  for (const voter of voters) {
    const d = voter.delegation ?? NO_DELEGATION;
    let entry = delegations.get(d.code);
    if (!entry) {
      entry = { code: d.code, name: d.name, nameEs: d.nameEs, position: d.position, voters: [] };
      delegations.set(d.code, entry);
    }
    const stance = current.get(voter.userId);
    entry.voters.push({
      userId: voter.userId,
      name: voter.name,
      stance: stance ? { value: stance.value, statement: stance.statement } : null,
      changes: Math.max(0, (counts.get(voter.userId) ?? 0) - 1),
    });
  }
  return [...delegations.values()].sort((a, b) => a.position - b.position);
}
