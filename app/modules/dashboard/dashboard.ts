// Where a group stands: pure aggregation for the group page's dashboard (queries in dashboard.server.ts).
import type { BilingualText } from "~/modules/translations/bilingual-text";
import type { VoteKind } from "~/modules/votes/tally";

export const PIPELINE = ["DRAFT", "REVIEW", "VOTING", "ADOPTED"] as const;
export const PARTICIPATION_DAYS = 30;

export interface DelegationRef {
  id: string;
  code: string;
  name: string;
  nameEs: string;
  colour: string;
}

export interface Participation {
  delegation: DelegationRef;
  stances: number;
  comments: number;
  edits: number;
  total: number;
}

/** What a person of a delegation (or of none) did: `count` times (one when not given). */
export interface Activity {
  delegationId: string | null;
  count?: number;
}

/** Counts per delegation, every delegation listed (a silent one with zeros), in the roster's order. */
export function participationByDelegation(
  delegations: DelegationRef[],
  activity: { stances: Activity[]; comments: Activity[]; edits: Activity[] },
): Participation[] {
  const count = (rows: Activity[], id: string) =>
    rows.reduce((sum, row) => (row.delegationId === id ? sum + (row.count ?? 1) : sum), 0);
  return delegations.map((delegation) => {
    const stances = count(activity.stances, delegation.id);
    const comments = count(activity.comments, delegation.id);
    const edits = count(activity.edits, delegation.id);
    return { delegation, stances, comments, edits, total: stances + comments + edits };
  });
}

export interface VoteTurnout {
  delegation: DelegationRef;
  eligible: number;
  taken: number;
}

/** Per delegation with eligible voters: how many of them have taken a stance so far. */
export function voteTurnout(
  delegations: DelegationRef[],
  eligible: { userId: string; delegationId: string | null }[],
  voted: Set<string>,
): VoteTurnout[] {
  return delegations
    .map((delegation) => {
      const here = eligible.filter((e) => e.delegationId === delegation.id);
      return { delegation, eligible: here.length, taken: here.filter((e) => voted.has(e.userId)).length };
    })
    .filter((row) => row.eligible > 0);
}

export interface QuietDelegation {
  delegation: DelegationRef;
  silentFor30Days: boolean;
  /** Titles of the open votes on which nobody of the delegation has taken a stance yet. */
  missingVotes: string[];
}

export interface PipelineCount {
  status: string;
  count: number;
}

export interface DashboardVote {
  id: string;
  kind: VoteKind;
  /** A silence procedure on one of the paper's suggestions ("ask the group"), not a vote on the paper. */
  onSuggestion: boolean;
  /** ISO 8601. */
  deadline: string;
  paperId: string;
  paperTitle: string;
  /** The paper's title in each language, for the reader's (bilingual-text.ts). */
  paperTitles: BilingualText;
  eligible: number;
  taken: number;
  turnout: VoteTurnout[];
}

/** What the group page's dashboard shows (getGroupDashboard in dashboard.server.ts builds it). */
export interface GroupDashboard {
  pipeline: PipelineCount[];
  openVotes: DashboardVote[];
  participation: Participation[];
  /** Only for those who may see it (`participation.quiet`); null otherwise. */
  quiet: QuietDelegation[] | null;
}

/**
 * Quiet delegations: nothing in the participation window, or nobody of theirs has taken a stance on a
 * vote that is open now. Each comes with why.
 */
export function quietDelegations(
  participation: Participation[],
  openVotes: { paperTitle: string; turnout: VoteTurnout[] }[],
): QuietDelegation[] {
  return participation
    .map((p) => ({
      delegation: p.delegation,
      silentFor30Days: p.total === 0,
      missingVotes: openVotes
        .filter((v) => v.turnout.some((t) => t.delegation.id === p.delegation.id && t.taken === 0))
        .map((v) => v.paperTitle),
    }))
    .filter((q) => q.silentFor30Days || q.missingVotes.length > 0);
}

/** Counts per pipeline status, every status present. */
export function pipelineCounts(rows: PipelineCount[]): PipelineCount[] {
  return PIPELINE.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 }));
}
