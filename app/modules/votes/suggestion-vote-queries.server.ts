import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";
import { env } from "~/env.server";
import type { Actor, DraftingResource } from "~/modules/policy/policy";
import type { AskGroupCardData } from "./suggestion-vote";

/** A suggestion the group is being asked about, as its card shows it. */
export interface OpenSuggestionVote {
  voteId: string;
  suggestionId: string;
  sectionKey: string;
  deadline: Date;
  /** How many people have broken silence so far (each with a statement). */
  statements: number;
}

/** The paper's open silence procedures on suggestions, one per suggestion. */
export async function listOpenSuggestionVotes(paperId: string): Promise<OpenSuggestionVote[]> {
  // Plain SQL (app/sql.server.ts): every paper page asks it.
  const rows = await sqlRows<Omit<OpenSuggestionVote, "deadline"> & { deadline: number }>(
    `SELECT v.id AS "voteId", v."suggestionId", coalesce(v."suggestionSectionKey", '') AS "sectionKey",
            ${epochMs("v.deadline")} AS deadline,
            (SELECT count(DISTINCT st."userId")::int FROM "Stance" st WHERE st."voteId" = v.id) AS statements
       FROM "Vote" v
      WHERE v."paperId" = $1 AND v.status = 'OPEN' AND v."suggestionId" IS NOT NULL
      ORDER BY v.deadline ASC`,
    [paperId],
  );
  return rows.map((row) => ({ ...row, deadline: new Date(row.deadline) }));
}

/** The ids of the paper's suggestions under a silence procedure now: nobody decides them by hand. */
export async function suggestionsBeforeTheGroup(paperId: string): Promise<Set<string>> {
  const rows = await db().vote.findMany({
    where: { paperId, status: "OPEN", suggestionId: { not: null } },
    select: { suggestionId: true },
  });
  return new Set(rows.flatMap((row) => (row.suggestionId ? [row.suggestionId] : [])));
}

/**
 * What the paper page's suggestion cards need to offer "Ask the group" and show procedures under way:
 * the viewer as the policy sees them, the paper, each delegation's id by its code (a suggestion names
 * its delegation by code), and the open procedures.
 */
export async function askGroupCards(
  actor: Actor,
  /** The paper's group's delegations (the page reads them once for several uses). */
  groupDelegations: Promise<readonly { id: string; code: string }[]>,
  paper: DraftingResource & { id: string },
): Promise<AskGroupCardData> {
  const [open, delegations] = await Promise.all([listOpenSuggestionVotes(paper.id), groupDelegations]);
  return {
    actor: { userId: actor.userId, role: actor.role, delegationId: actor.delegationId },
    paper: {
      kind: "paper",
      status: paper.status,
      draftingMode: paper.draftingMode,
      leadDelegationId: paper.leadDelegationId,
    },
    delegationIds: Object.fromEntries(delegations.map((d) => [d.code, d.id])),
    open: open.map((vote) => ({ ...vote, deadline: vote.deadline.toISOString() })),
    minLeadSeconds: env().SUGGESTION_VOTE_MIN_LEAD_SECONDS,
  };
}
