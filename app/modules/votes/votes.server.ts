// Vote commands: open, cast a stance, close, cancel. Queries are in vote-queries.server.ts, the deadline
// and reminder scheduler in scheduler.server.ts.
import type { Prisma } from "@prisma/client";
import { listPendingSuggestions } from "~/modules/suggestions/suggestions.server";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { getLiveDocuments } from "~/modules/documents/live-docs";
import { publishPaperEvent } from "~/modules/papers/paper-events";
import { announceStatus, changePaperStatus } from "~/modules/papers/papers.server";
import { outOfDateSections } from "~/modules/translations/translations.server";
import { insertVersion, prepareVersion } from "~/modules/papers/versions.server";
import { rolesAllowedTo, type Actor } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";
import { env } from "~/env.server";
import { log } from "~/log.server";
import { notify } from "./notify.server";
import { recordGroupDecision, settleSuggestionVote } from "./suggestion-votes.server";
import { MAX_VOTE_DAYS, stanceProblem, type OpenVoteInput } from "./rules";
import { currentStances, tally, type StanceValue } from "./tally";

/**
 * Opens a vote on a paper in REVIEW: freezes the text, saves a version and binds the vote to its hash,
 * snapshots the eligible voters (co-chairs and members now), and moves the paper to VOTING.
 */
async function refusePendingSuggestions(paperId: string): Promise<void> {
  const pending = await listPendingSuggestions(paperId);
  if (pending.length > 0)
    throw new UserError("suggestions.pendingBeforeVote", 409, { count: pending.length });
}

export async function openVote(
  actor: Actor,
  groupId: string,
  paperId: string,
  input: OpenVoteInput,
  now = new Date(),
) {
  requirePermission(actor, "vote.manage");
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId },
    select: { id: true, status: true, title: true },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  if (paper.status !== "REVIEW") throw new UserError("votes.paperNotInReview", 409);
  const lead = input.deadline.getTime() - now.getTime();
  if (lead < env().VOTE_MIN_LEAD_SECONDS * 1000) throw new UserError("votes.deadlineInPast", 400);
  if (lead > MAX_VOTE_DAYS * 24 * 3600_000)
    throw new UserError("votes.deadlineTooFar", 400, { days: MAX_VOTE_DAYS });
  // Refused before the text is frozen, so the editors are not disturbed by an opening that cannot happen.
  if (!input.confirmTranslation && (await outOfDateSections(paperId)).length > 0)
    throw new UserError("votes.translationConfirmRequired", 409);
  // A vote is on a text, not on proposals to change it: every suggestion is decided first.
  await refusePendingSuggestions(paperId);

  // Freeze the live document first, so no keystroke lands between the snapshot and the status change.
  getLiveDocuments()?.statusChanged(paperId, "VOTING");
  try {
    // Judged again on the frozen text: someone may have suggested something a moment ago.
    await refusePendingSuggestions(paperId);
    const prepared = await prepareVersion(paperId);
    // Judged again on the frozen text: an edit of the original a moment ago may have outdated a translation.
    const staleSections = await outOfDateSections(paperId, prepared.sections);
    if (staleSections.length > 0 && !input.confirmTranslation)
      throw new UserError("votes.translationConfirmRequired", 409);
    const vote = await db().$transaction(
      async (tx) => {
        await changePaperStatus(actor, paperId, "VOTING", "vote", tx);
        const label = `Vote opened ${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
        const version = await insertVersion(prepared, label, actor.userId, "VOTE_OPENED", tx);
        const members = await tx.membership.findMany({
          where: { groupId, role: { in: [...rolesAllowedTo("vote.cast")] } },
          select: { userId: true, role: true, delegationId: true, user: { select: { name: true } } },
        });
        const created = await tx.vote.create({
          data: {
            paperId,
            versionId: version.id,
            textHash: version.textHash,
            kind: input.kind,
            deadline: input.deadline,
            quorumShare: input.rules.quorumShare,
            quorumAllDelegations: input.rules.quorumAllDelegations,
            minSupportShare: input.rules.minSupportShare,
            onePerDelegation: input.rules.onePerDelegation,
            translationOutOfDate: staleSections.length > 0,
            translationOutOfDateSections: staleSections,
            openedById: actor.userId,
            openedAt: now,
            eligibleVoters: {
              create: members.map((m) => ({
                userId: m.userId,
                delegationId: m.delegationId,
                name: m.user.name,
                role: m.role,
              })),
            },
          },
          select: { id: true },
        });
        await appendAudit(
          {
            groupId,
            type: "vote.opened",
            actorId: actor.userId,
            subjectType: "vote",
            subjectId: created.id,
            data: {
              paperId,
              kind: input.kind,
              deadline: input.deadline.toISOString(),
              rules: { ...input.rules },
              textHash: version.textHash,
              versionNumber: version.number,
              eligible: members.length,
              ...(staleSections.length > 0 ? { translationOutOfDate: staleSections } : {}),
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
    );
    announceStatus(paperId, "VOTING");
    publishPaperEvent({ type: "vote", paperId, voteId: vote.id, action: "opened" });
    return vote;
  } catch (error) {
    getLiveDocuments()?.statusChanged(paperId, paper.status);
    throw error;
  }
}

export interface StanceInput {
  value: StanceValue;
  statement: string;
  /** The text hash of the version under vote as the voter saw it: required, and must match. */
  textHash: string;
}

/** Records a stance (or a change of stance: a new row; the latest is current). */
export async function castStance(
  actor: Actor,
  groupId: string,
  voteId: string,
  input: StanceInput,
  now = new Date(),
) {
  requirePermission(actor, "vote.cast");
  const vote = await db().vote.findFirst({
    where: { id: voteId, paper: { groupId } },
    select: {
      id: true,
      kind: true,
      status: true,
      deadline: true,
      textHash: true,
      paperId: true,
      eligibleVoters: { where: { userId: actor.userId }, select: { userId: true } },
    },
  });
  if (!vote) throw new UserError("errors.notFound", 404);
  // The deadline is checked first: after it, the answer is the same whether or not the close has run.
  if (now.getTime() >= vote.deadline.getTime()) throw new UserError("votes.deadlinePassed", 409);
  if (vote.status !== "OPEN") throw new UserError("votes.closed", 409);
  if (vote.eligibleVoters.length === 0) throw new UserError("votes.notEligible", 403);
  if (input.textHash !== vote.textHash) throw new UserError("votes.textChanged", 409);
  const problem = stanceProblem(vote.kind, input.value, input.statement);
  if (problem) throw new UserError(problem, 400);

  await db()
    .$transaction(async (tx) => {
      const stance = await tx.stance.create({
        data: {
          voteId,
          userId: actor.userId,
          value: input.value,
          statement: input.statement,
        },
        select: { id: true },
      });
      await appendAudit(
        {
          groupId,
          type: "stance.cast",
          actorId: actor.userId,
          subjectType: "vote",
          subjectId: voteId,
          data: { stanceId: stance.id.toString(), value: input.value, statement: input.statement },
        },
        tx,
      );
    })
    .catch((error: unknown) => {
      // The database refuses a stance on a vote that closed or passed its deadline a moment ago.
      if (error instanceof Error && error.message.includes("acuerdo: the deadline"))
        throw new UserError("votes.deadlinePassed", 409);
      if (error instanceof Error && /acuerdo: vote .* is not open/.test(error.message))
        throw new UserError("votes.closed", 409);
      throw error;
    });
  publishPaperEvent({ type: "vote", paperId: vote.paperId, voteId, action: "stance" });
}

/**
 * Closes an open vote exactly once: the conditional status update lets one caller through (the
 * scheduler of any process, or a co-chair), computes the outcome, stores it, and moves the paper.
 * Returns false when the vote was not open any more.
 */
export async function closeVote(voteId: string, closer: Actor | null, now = new Date()): Promise<boolean> {
  // null: the deadline passed (the scheduler); a person closing early must be allowed to.
  if (closer) requirePermission(closer, "vote.manage");
  const closedById = closer?.userId ?? null;
  const result = await db().$transaction(
    async (tx) => {
      const claimed = await tx.vote.updateMany({
        where: { id: voteId, status: "OPEN" },
        data: { status: "CLOSED", closedAt: now, closedById },
      });
      if (claimed.count !== 1) return null;
      const vote = await tx.vote.findUniqueOrThrow({
        where: { id: voteId },
        select: {
          id: true,
          kind: true,
          quorumShare: true,
          quorumAllDelegations: true,
          minSupportShare: true,
          onePerDelegation: true,
          paperId: true,
          suggestionId: true,
          suggestionSectionKey: true,
          suggestionChange: true,
          paper: { select: { groupId: true } },
          eligibleVoters: { select: { userId: true, delegation: { select: { code: true } } } },
          stances: {
            select: { id: true, userId: true, value: true, statement: true },
            orderBy: { id: "asc" },
          },
        },
      });
      const outcome = tally(
        vote.kind,
        {
          quorumShare: vote.quorumShare,
          quorumAllDelegations: vote.quorumAllDelegations,
          minSupportShare: vote.minSupportShare,
          onePerDelegation: vote.onePerDelegation,
        },
        vote.eligibleVoters.map((v) => ({ userId: v.userId, delegation: v.delegation?.code ?? "—" })),
        currentStances(vote.stances).map((s) => ({
          userId: s.userId,
          value: s.value,
          statement: s.statement,
        })),
      );
      await tx.voteOutcome.create({
        data: {
          voteId,
          result: outcome.result,
          reason: outcome.reason,
          quorumMet: outcome.quorumMet,
          counts: outcome.counts,
          perDelegation: outcome.perDelegation as unknown as Prisma.InputJsonObject,
          statements: outcome.statements,
          eligibleCount: outcome.eligibleCount,
          takingPart: outcome.takingPart,
          computedAt: now,
        },
      });
      if (vote.suggestionId) {
        // A silence procedure on one suggestion decides the suggestion, not the paper.
        await recordGroupDecision(
          tx,
          { ...vote, suggestionId: vote.suggestionId, groupId: vote.paper.groupId },
          outcome,
          closedById,
        );
        await notify(
          tx,
          vote.paper.groupId,
          vote.eligibleVoters.map((v) => v.userId),
          "VOTE_OUTCOME",
          { paperId: vote.paperId, voteId, actorId: closedById },
        );
        return { paperId: vote.paperId, status: null, suggestion: true } as const;
      }
      const to = outcome.result === "ADOPTED" ? "ADOPTED" : "DRAFT";
      await changePaperStatus(null, vote.paperId, to, "vote", tx);
      await appendAudit(
        {
          groupId: vote.paper.groupId,
          type: "vote.closed",
          actorId: closedById,
          subjectType: "vote",
          subjectId: voteId,
          data: {
            result: outcome.result,
            reason: outcome.reason,
            counts: outcome.counts,
            takingPart: outcome.takingPart,
            eligible: outcome.eligibleCount,
            early: closedById !== null,
          },
        },
        tx,
      );
      await notify(
        tx,
        vote.paper.groupId,
        vote.eligibleVoters.map((v) => v.userId),
        "VOTE_OUTCOME",
        { paperId: vote.paperId, voteId, actorId: closedById },
      );
      return { paperId: vote.paperId, status: to, suggestion: false } as const;
    },
    { timeout: 30_000 },
  );
  if (!result) return false;
  if (result.status) announceStatus(result.paperId, result.status);
  // The decision reaches the text before the pages hear that the vote closed. The vote is closed either
  // way: if the text cannot follow now, the scheduler settles it later (settleClosedSuggestionVotes).
  if (result.suggestion)
    await settleSuggestionVote(voteId, now).catch((error: unknown) =>
      log.warn({ err: (error as Error).message, voteId }, "the group's decision did not reach the text yet"),
    );
  publishPaperEvent({ type: "vote", paperId: result.paperId, voteId, action: "closed" });
  return true;
}

/** Cancels an open vote with a reason: no outcome, and the paper goes back to DRAFT. */
export async function cancelVote(
  actor: Actor,
  groupId: string,
  voteId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  requirePermission(actor, "vote.manage");
  const vote = await db().vote.findFirst({
    where: { id: voteId, paper: { groupId } },
    select: { id: true, paperId: true, status: true, suggestionId: true },
  });
  if (!vote) throw new UserError("errors.notFound", 404);
  // Cancelling a silence procedure on a suggestion leaves the suggestion pending and the paper as it is.
  const onPaper = vote.suggestionId === null;
  const done = await db().$transaction(async (tx) => {
    const claimed = await tx.vote.updateMany({
      where: { id: voteId, status: "OPEN" },
      data: { status: "CANCELLED", closedAt: now, closedById: actor.userId, cancelReason: reason },
    });
    if (claimed.count !== 1) return false;
    if (onPaper) await changePaperStatus(actor, vote.paperId, "DRAFT", "vote", tx);
    await appendAudit(
      {
        groupId,
        type: "vote.cancelled",
        actorId: actor.userId,
        subjectType: "vote",
        subjectId: voteId,
        data: onPaper ? { reason } : { reason, paperId: vote.paperId, suggestionId: vote.suggestionId },
      },
      tx,
    );
    return true;
  });
  if (!done) throw new UserError("votes.closed", 409);
  if (onPaper) announceStatus(vote.paperId, "DRAFT");
  publishPaperEvent({ type: "vote", paperId: vote.paperId, voteId, action: "cancelled" });
}
