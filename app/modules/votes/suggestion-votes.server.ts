// "Ask the group": a silence procedure on one pending suggestion, a vote that targets the suggestion
// instead of the paper. Opening it here; closing goes through closeVote (votes.server.ts) like every
// vote, which records the group's decision; settleSuggestionVote then applies it to the text.
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { log } from "~/log.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { publishPaperEvent } from "~/modules/papers/paper-events";
import { isEditableStatus, rolesAllowedTo, type Actor } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";
import { quote } from "~/modules/suggestions/list";
import {
  applyGroupDecision,
  draftingResource,
  listPendingSuggestions,
} from "~/modules/suggestions/suggestions.server";
import { notify } from "./notify.server";
import {
  decisionForOutcome,
  suggestionChange,
  suggestionChangeText,
  suggestionDeadlineProblem,
} from "./suggestion-vote";
import { readSuggestionChange, type AskGroupInput } from "./suggestion-vote.schema";
import { suggestionsBeforeTheGroup } from "./suggestion-vote-queries.server";
import type { Outcome } from "./tally";

/** The unique index that keeps one open procedure per suggestion refused a second one. */
function isDuplicate(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  return error instanceof Error && /Vote_one_open_per_suggestion|duplicate key|23505/.test(error.message);
}

/**
 * Turns one pending suggestion into a silence procedure (DESIGN.md, "Suggestions and amendments"):
 * its author's delegation or whoever decides suggestions may. Every co-chair and member may break
 * silence, as in a silence procedure on a paper; at the deadline the suggestion is accepted unless
 * someone did, and rejected if anyone did.
 */
export async function askTheGroup(
  actor: Actor,
  groupId: string,
  paperId: string,
  input: AskGroupInput,
  now = new Date(),
): Promise<{ id: string; deadline: Date }> {
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId },
    select: { id: true, status: true, draftingMode: true, leadDelegationId: true },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  const pending = (await listPendingSuggestions(paperId)).find(
    (s) => s.id === input.suggestionId && s.sectionKey === input.sectionKey,
  );
  if (!pending) throw new UserError("suggestions.gone", 404);
  const delegation = pending.delegation
    ? await db().delegation.findFirst({ where: { groupId, code: pending.delegation }, select: { id: true } })
    : null;
  requirePermission(actor, "suggestion.askGroup", {
    kind: "suggestionAsk",
    authorId: pending.authorId,
    authorDelegationId: delegation?.id ?? null,
    paper: draftingResource(paper),
  });
  if ((await suggestionsBeforeTheGroup(paperId)).has(pending.id))
    throw new UserError("askGroup.underSilence", 409);
  const problem = suggestionDeadlineProblem(input.deadline, now, env().SUGGESTION_VOTE_MIN_LEAD_SECONDS);
  if (problem) throw new UserError(problem.key, 400, problem.params);

  const change = suggestionChange(pending);
  const textHash = createHash("sha256")
    .update(suggestionChangeText(paperId, pending.sectionKey, pending.id, change))
    .digest("hex");
  const vote = await db()
    .$transaction(
      async (tx) => {
        const members = await tx.membership.findMany({
          where: { groupId, role: { in: [...rolesAllowedTo("vote.cast")] } },
          select: { userId: true, role: true, delegationId: true, user: { select: { name: true } } },
        });
        const created = await tx.vote.create({
          data: {
            paperId,
            versionId: null,
            textHash,
            kind: "SILENCE",
            deadline: input.deadline,
            quorumShare: 0,
            openedById: actor.userId,
            openedAt: now,
            suggestionId: pending.id,
            suggestionSectionKey: pending.sectionKey,
            suggestionChange: { ...change },
            note: input.note,
            eligibleVoters: {
              create: members.map((m) => ({
                userId: m.userId,
                delegationId: m.delegationId,
                name: m.user.name,
                role: m.role,
              })),
            },
          },
          select: { id: true, deadline: true },
        });
        await appendAudit(
          {
            groupId,
            type: "suggestion.group_asked",
            actorId: actor.userId,
            subjectType: "vote",
            subjectId: created.id,
            data: {
              paperId,
              suggestionId: pending.id,
              sectionKey: pending.sectionKey,
              authorId: pending.authorId,
              authorName: pending.authorName,
              delegation: pending.delegation,
              inserted: quote(pending.inserted),
              deleted: quote(pending.deleted),
              ...(pending.format ? { format: { ...pending.format, text: quote(pending.format.text) } } : {}),
              deadline: input.deadline.toISOString(),
              textHash,
              eligible: members.length,
              ...(input.note ? { note: input.note } : {}),
            },
          },
          tx,
        );
        await notify(
          tx,
          groupId,
          members.map((m) => m.userId).filter((id) => id !== actor.userId),
          "VOTE_OPENED",
          { paperId, voteId: created.id, actorId: actor.userId },
        );
        return created;
      },
      { timeout: 30_000 },
    )
    .catch((error: unknown) => {
      // Asked by two people at the same moment: the first one's procedure stands.
      if (isDuplicate(error)) throw new UserError("askGroup.underSilence", 409);
      throw error;
    });
  publishPaperEvent({ type: "vote", paperId, voteId: vote.id, action: "opened" });
  return vote;
}

/**
 * Inside closeVote's transaction: records what the group decided on the suggestion, in the audit chain
 * with the vote's closing. The text follows right after the commit (settleSuggestionVote).
 */
export async function recordGroupDecision(
  tx: Prisma.TransactionClient,
  vote: {
    id: string;
    paperId: string;
    groupId: string;
    suggestionId: string;
    suggestionSectionKey: string | null;
    suggestionChange: unknown;
  },
  outcome: Outcome,
  closedById: string | null,
): Promise<void> {
  const change = readSuggestionChange(vote.suggestionChange);
  await appendAudit(
    {
      groupId: vote.groupId,
      type: "suggestion.group_decided",
      actorId: closedById,
      subjectType: "vote",
      subjectId: vote.id,
      data: {
        paperId: vote.paperId,
        suggestionId: vote.suggestionId,
        sectionKey: vote.suggestionSectionKey,
        decision: decisionForOutcome(outcome.result),
        result: outcome.result,
        reason: outcome.reason,
        statements: outcome.statements.length,
        eligible: outcome.eligibleCount,
        early: closedById !== null,
        authorId: change?.authorId ?? null,
        authorName: change?.authorName ?? null,
        delegation: change?.delegation ?? null,
        inserted: quote(change?.inserted ?? ""),
        deleted: quote(change?.deleted ?? ""),
        ...(change?.format ? { format: { ...change.format, text: quote(change.format.text) } } : {}),
      },
    },
    tx,
  );
}

/**
 * Applies a closed procedure's decision to the paper's text, once: accepted or rejected through the same
 * path as the Accept and Reject buttons (one server-made Yjs update to the live document), then marks the
 * vote settled. Safe to repeat: a suggestion already decided is not found again. A withdrawn paper's text
 * is left alone. Returns whether this call settled it.
 */
export async function settleSuggestionVote(voteId: string, now = new Date()): Promise<boolean> {
  const vote = await db().vote.findFirst({
    where: { id: voteId, status: "CLOSED", suggestionId: { not: null }, suggestionSettledAt: null },
    select: {
      paperId: true,
      suggestionId: true,
      suggestionSectionKey: true,
      paper: { select: { status: true } },
      outcome: { select: { result: true } },
    },
  });
  if (!vote?.outcome || !vote.suggestionId) return false;
  const decision = decisionForOutcome(vote.outcome.result);
  if (isEditableStatus(vote.paper.status)) {
    const decided = await applyGroupDecision(
      vote.paperId,
      vote.suggestionSectionKey ?? "",
      vote.suggestionId,
      decision,
    );
    if (decided.length === 0)
      log.info({ voteId, paperId: vote.paperId }, "the suggestion the group decided was no longer pending");
  }
  const marked = await db().vote.updateMany({
    where: { id: voteId, suggestionSettledAt: null },
    data: { suggestionSettledAt: now },
  });
  return marked.count === 1;
}

/** How long a closed procedure is left to the process closing it before the scheduler settles it. */
export const SETTLE_GRACE_MS = 30_000;

/**
 * Settles procedures that closed but whose decision did not reach the text (the process that closed
 * them stopped in between). Left alone for a grace period, so a closing still in progress finishes first.
 */
export async function settleClosedSuggestionVotes(
  now = new Date(),
  graceMs = SETTLE_GRACE_MS,
): Promise<number> {
  const due = await db().vote.findMany({
    where: {
      status: "CLOSED",
      suggestionId: { not: null },
      suggestionSettledAt: null,
      closedAt: { lte: new Date(now.getTime() - graceMs) },
    },
    select: { id: true },
    take: 100,
  });
  let settled = 0;
  for (const vote of due) if (await settleSuggestionVote(vote.id, now)) settled += 1;
  return settled;
}
