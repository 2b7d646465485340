import { db } from "~/db.server";
import { paperTitleTexts } from "~/modules/translations/bilingual-text";
import { isPaperLanguage } from "~/modules/translations/translation";
import { can, type Actor } from "~/modules/policy/policy";
import {
  PARTICIPATION_DAYS,
  participationByDelegation,
  pipelineCounts,
  quietDelegations,
  voteTurnout,
  type DashboardVote,
  type GroupDashboard,
} from "./dashboard";

/** The dashboard of one group (the caller checked membership). Quiet delegations only for conveners. */
export async function getGroupDashboard(
  groupId: string,
  actor: Actor,
  now = new Date(),
): Promise<GroupDashboard> {
  const since = new Date(now.getTime() - PARTICIPATION_DAYS * 24 * 3600 * 1000);
  const [delegations, statusRows, votes, stances, comments, versions, papersCreated, marks, memberships] =
    await Promise.all([
      db().delegation.findMany({
        where: { groupId },
        orderBy: [{ position: "asc" }, { code: "asc" }],
        select: { id: true, code: true, name: true, nameEs: true, colour: true },
      }),
      db().paper.groupBy({ by: ["status"], where: { groupId }, _count: { _all: true } }),
      db().vote.findMany({
        where: { status: "OPEN", paper: { groupId } },
        orderBy: { deadline: "asc" },
        select: {
          id: true,
          kind: true,
          deadline: true,
          suggestionId: true,
          paper: { select: { id: true, title: true, titleTranslation: true, originalLanguage: true } },
          eligibleVoters: { select: { userId: true, delegationId: true } },
          stances: { select: { userId: true }, distinct: ["userId"] },
        },
      }),
      db().stance.findMany({
        where: { createdAt: { gte: since }, vote: { paper: { groupId } } },
        select: { voteId: true, userId: true },
      }),
      db().comment.findMany({
        where: { createdAt: { gte: since }, deletedAt: null, thread: { paper: { groupId } } },
        select: { authorId: true },
      }),
      db().version.findMany({
        where: { createdAt: { gte: since }, reason: "MANUAL", paper: { groupId } },
        select: { createdById: true },
      }),
      db().paper.findMany({ where: { groupId, createdAt: { gte: since } }, select: { createdById: true } }),
      db().paperSection.findMany({
        where: { translationMarkedAt: { gte: since }, paper: { groupId } },
        select: { translationMarkedById: true },
      }),
      db().membership.findMany({ where: { groupId }, select: { userId: true, delegationId: true } }),
    ]);
  const delegationOf = new Map(memberships.map((m) => [m.userId, m.delegationId]));
  const of = (userId: string | null) => ({
    delegationId: userId ? (delegationOf.get(userId) ?? null) : null,
  });
  const participation = participationByDelegation(delegations, {
    stances: stances.map((s) => of(s.userId)),
    comments: comments.map((c) => of(c.authorId)),
    edits: [
      ...versions.map((v) => of(v.createdById)),
      ...papersCreated.map((p) => of(p.createdById)),
      ...marks.map((m) => of(m.translationMarkedById)),
    ],
  });
  const openVotes = votes.map((vote): DashboardVote => ({
    id: vote.id,
    kind: vote.kind,
    /** A silence procedure on one of the paper's suggestions ("ask the group"), not a vote on the paper. */
    onSuggestion: vote.suggestionId !== null,
    deadline: vote.deadline.toISOString(),
    paperId: vote.paper.id,
    paperTitle: vote.paper.title,
    paperTitles: paperTitleTexts({
      ...vote.paper,
      originalLanguage: isPaperLanguage(vote.paper.originalLanguage) ? vote.paper.originalLanguage : "en",
    }),
    eligible: vote.eligibleVoters.length,
    taken: vote.stances.length,
    turnout: voteTurnout(delegations, vote.eligibleVoters, new Set(vote.stances.map((s) => s.userId))),
  }));
  return {
    pipeline: pipelineCounts(statusRows.map((r) => ({ status: r.status, count: r._count._all }))),
    openVotes,
    participation,
    quiet: can(actor, "participation.quiet") ? quietDelegations(participation, openVotes) : null,
  };
}
