// Which suggestions each saved version took in or left out, and who decided (issue 18: "each version
// records which suggestions it accepted or rejected, by whom"). The decisions are the audit log's
// `suggestion.decided` rows; a version records those made after the version before it, up to its own
// saving. Pure: the rows are read in decision-log.server.ts.

import type { FormatChange } from "./list";

export type SuggestionDecision = "accept" | "reject" | "withdraw";

export interface DecisionRecord {
  /** ISO time of the decision. */
  at: string;
  decision: SuggestionDecision;
  /** Who decided ("the group" when a silence procedure did: `byGroup`). */
  by: string | null;
  byGroup: boolean;
  author: string;
  delegation: string | null;
  inserted: string;
  deleted: string;
  format?: FormatChange | null;
  paragraph?: boolean;
}

export interface VersionDecisions {
  /** Version number → the decisions it records, oldest first. */
  byVersion: Map<number, DecisionRecord[]>;
  /** Decided after the latest version: the next saved version will record them. */
  sinceLatest: DecisionRecord[];
}

/** Each decision goes to the first version saved at or after it. */
export function decisionsByVersion(
  versions: { number: number; createdAt: string }[],
  decisions: DecisionRecord[],
): VersionDecisions {
  const ordered = [...versions].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number);
  const byVersion = new Map<number, DecisionRecord[]>();
  const sinceLatest: DecisionRecord[] = [];
  for (const decision of [...decisions].sort((a, b) => a.at.localeCompare(b.at))) {
    const version = ordered.find((v) => v.createdAt >= decision.at);
    if (!version) {
      sinceLatest.push(decision);
      continue;
    }
    const list = byVersion.get(version.number) ?? [];
    list.push(decision);
    byVersion.set(version.number, list);
  }
  return { byVersion, sinceLatest };
}

/** How many of each decision, for a one-line summary ("2 accepted, 1 rejected"). */
export function decisionCounts(decisions: DecisionRecord[]): Record<SuggestionDecision, number> {
  const counts: Record<SuggestionDecision, number> = { accept: 0, reject: 0, withdraw: 0 };
  for (const d of decisions) counts[d.decision] += 1;
  return counts;
}
