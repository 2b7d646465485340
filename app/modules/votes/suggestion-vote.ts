// "Ask the group" (DESIGN.md, "Suggestions and amendments"): a silence procedure on one pending
// suggestion. Pure rules shared by the server and the card's dialog: the deadline's bounds, what the
// stored change says, and what the outcome does to the suggestion. The forms and the stored change are
// checked in suggestion-vote.schema.ts (zod stays out of the browser).
import type { MessageKey } from "~/i18n/messages";
import { can, type Actor, type DraftingResource } from "~/modules/policy/policy";
import type { PendingSuggestion } from "~/modules/suggestions/list";
import type { Decision } from "~/modules/suggestions/resolve";
import type { SuggestionChange } from "./suggestion-vote.schema";

/** A silence procedure on a suggestion is a small decision: 48 hours unless its asker chooses otherwise. */
export const SUGGESTION_VOTE_DEFAULT_HOURS = 48;
export const SUGGESTION_VOTE_MAX_DAYS = 14;
export const SUGGESTION_VOTE_NOTE_MAX = 1000;

export interface DeadlineProblem {
  key: MessageKey;
  params: Record<string, number>;
}

/** Why a silence procedure may not end at `deadline`, or null when it may. */
export function suggestionDeadlineProblem(
  deadline: Date,
  now: Date,
  minLeadSeconds: number,
): DeadlineProblem | null {
  const lead = deadline.getTime() - now.getTime();
  if (lead < minLeadSeconds * 1000)
    return { key: "askGroup.deadlineTooSoon", params: { minutes: Math.ceil(minLeadSeconds / 60) } };
  if (lead > SUGGESTION_VOTE_MAX_DAYS * 24 * 3600_000)
    return { key: "askGroup.deadlineTooFar", params: { days: SUGGESTION_VOTE_MAX_DAYS } };
  return null;
}

/** The deadline the dialog proposes. */
export function defaultSuggestionDeadline(now: Date): Date {
  return new Date(now.getTime() + SUGGESTION_VOTE_DEFAULT_HOURS * 3600_000);
}

/** Silence kept: the suggestion is accepted, exactly as the Accept button would; broken: rejected. */
export function decisionForOutcome(result: "ADOPTED" | "NOT_ADOPTED"): Decision {
  return result === "ADOPTED" ? "accept" : "reject";
}

export type { SuggestionChange } from "./suggestion-vote.schema";

export function suggestionChange(suggestion: PendingSuggestion): SuggestionChange {
  return {
    authorId: suggestion.authorId,
    authorName: suggestion.authorName,
    delegation: suggestion.delegation,
    createdAt: suggestion.createdAt,
    inserted: suggestion.inserted,
    deleted: suggestion.deleted,
    ...(suggestion.format ? { format: suggestion.format } : {}),
    ...(suggestion.kind === "paragraph" ? { paragraph: true } : {}),
  };
}

/**
 * What the vote's hash covers: which suggestion of which paper, and its change in full. A statement is
 * made on exactly this (castStance compares the hash the person saw, as it does for a paper's text).
 */
export function suggestionChangeText(
  paperId: string,
  sectionKey: string,
  suggestionId: string,
  change: SuggestionChange,
): string {
  return JSON.stringify([
    "acuerdo-suggestion-vote-1",
    paperId,
    sectionKey,
    suggestionId,
    change.authorId,
    change.delegation,
    change.inserted,
    change.deleted,
    // Only format suggestions have it, so the hashes of the others stay as they were.
    ...(change.format ? [change.format] : []),
    ...(change.paragraph ? ["paragraph"] : []),
  ]);
}

/** "Name (MX)", or the name alone for someone without a delegation. */
export function changeAuthor(change: { authorName: string; delegation: string | null }): string {
  return change.delegation ? `${change.authorName} (${change.delegation})` : change.authorName;
}

/** What the paper page's suggestion cards know to offer "Ask the group" and show procedures under way. */
export interface AskGroupCardData {
  /** The viewer, as the policy sees them. */
  actor: Actor;
  paper: DraftingResource;
  /** Each delegation's id by its code: a suggestion names its delegation by code. */
  delegationIds: Record<string, string>;
  /** The paper's open procedures, one per suggestion. */
  open: { voteId: string; suggestionId: string; sectionKey: string; deadline: string; statements: number }[];
  minLeadSeconds: number;
}

/** May the viewer ask the group about this suggestion (the server asks the same policy again)? */
export function mayAskGroup(
  data: Pick<AskGroupCardData, "actor" | "paper" | "delegationIds">,
  suggestion: { authorId: string; delegation: string | null },
): boolean {
  return can(data.actor, "suggestion.askGroup", {
    kind: "suggestionAsk",
    authorId: suggestion.authorId,
    authorDelegationId: suggestion.delegation ? (data.delegationIds[suggestion.delegation] ?? null) : null,
    paper: data.paper,
  });
}
