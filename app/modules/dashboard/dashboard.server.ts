import type { VoteKind } from "@prisma/client";
import { epochMs, utcTimestamp, sqlRows } from "~/sql.server";
import type { PaperStatus } from "~/modules/policy/policy";
import { paperTitleTexts } from "~/modules/translations/bilingual-text";
import { isPaperLanguage } from "~/modules/translations/translation";
import { can, type Actor } from "~/modules/policy/policy";
import { readGroupRoster, type GroupRosterRows } from "~/modules/groups/memberships.server";
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
  /** The group's delegations and memberships, when the page reads them anyway (its roster). */
  roster: Promise<GroupRosterRows> = readGroupRoster(groupId),
): Promise<GroupDashboard> {
  const since = new Date(now.getTime() - PARTICIPATION_DAYS * 24 * 3600 * 1000);
  // Plain SQL (app/sql.server.ts), all at once: the group page asks it on every visit, and through
  // Prisma it was a dozen compiled queries. Who did what in the window comes back counted per kind and
  // person (a row per stance, comment and edit was hundreds of rows for a busy group).
  const [rows, statusRows, voteRows, activity] = await Promise.all([
    roster,
    sqlRows<{ status: PaperStatus; count: number }>(
      `SELECT status::text AS status, count(*)::int AS count FROM "Paper" WHERE "groupId" = $1 GROUP BY status`,
      [groupId],
    ),
    sqlRows<{
      id: string;
      kind: VoteKind;
      deadline: number;
      suggestionId: string | null;
      paperId: string;
      title: string;
      titleTranslation: string;
      originalLanguage: string;
      eligibleVoters: { userId: string; delegationId: string | null }[];
      stanceUserIds: string[];
    }>(
      `SELECT v.id, v.kind::text AS kind, ${epochMs("v.deadline")} AS deadline, v."suggestionId",
              p.id AS "paperId", p.title, p."titleTranslation", p."originalLanguage",
              coalesce((SELECT json_agg(json_build_object('userId', e."userId", 'delegationId', e."delegationId"))
                          FROM "EligibleVoter" e WHERE e."voteId" = v.id), '[]'::json) AS "eligibleVoters",
              coalesce((SELECT array_agg(DISTINCT st."userId") FROM "Stance" st WHERE st."voteId" = v.id),
                       '{}') AS "stanceUserIds"
         FROM "Vote" v JOIN "Paper" p ON p.id = v."paperId"
        WHERE v.status = 'OPEN' AND p."groupId" = $1
        ORDER BY v.deadline ASC`,
      [groupId],
    ),
    sqlRows<{ kind: "stance" | "comment" | "edit"; userId: string | null; count: number }>(
      `SELECT kind, "userId", count(*)::int AS count FROM (
       SELECT 'stance' AS kind, st."userId" FROM "Stance" st
         JOIN "Vote" v ON v.id = st."voteId" JOIN "Paper" p ON p.id = v."paperId"
        WHERE st."createdAt" >= $2 AND p."groupId" = $1
       UNION ALL
       SELECT 'comment', c."authorId" FROM "Comment" c
         JOIN "Thread" t ON t.id = c."threadId" JOIN "Paper" p ON p.id = t."paperId"
        WHERE c."createdAt" >= $2 AND c."deletedAt" IS NULL AND p."groupId" = $1
       UNION ALL
       SELECT 'edit', ve."createdById" FROM "Version" ve JOIN "Paper" p ON p.id = ve."paperId"
        WHERE ve."createdAt" >= $2 AND ve.reason = 'MANUAL' AND p."groupId" = $1
       UNION ALL
       SELECT 'edit', p."createdById" FROM "Paper" p WHERE p."groupId" = $1 AND p."createdAt" >= $2
       UNION ALL
       SELECT 'edit', s."translationMarkedById" FROM "PaperSection" s JOIN "Paper" p ON p.id = s."paperId"
        WHERE s."translationMarkedAt" >= $2 AND p."groupId" = $1
       ) activity GROUP BY kind, "userId"`,
      [groupId, utcTimestamp(since)],
    ),
  ]);
  const { memberships } = rows;
  // What the page shows of a delegation, nothing more of its row.
  const delegations = rows.delegations.map(({ id, code, name, nameEs, colour }) => ({
    id,
    code,
    name,
    nameEs,
    colour,
  }));
  const votes = voteRows.map((vote) => ({
    ...vote,
    deadline: new Date(vote.deadline),
    paper: {
      id: vote.paperId,
      title: vote.title,
      titleTranslation: vote.titleTranslation,
      originalLanguage: vote.originalLanguage,
    },
    stances: vote.stanceUserIds.map((userId) => ({ userId })),
  }));
  const delegationOf = new Map(memberships.map((m) => [m.userId, m.delegationId]));
  const of = (kind: (typeof activity)[number]["kind"]) =>
    activity
      .filter((row) => row.kind === kind)
      .map((row) => ({
        delegationId: row.userId ? (delegationOf.get(row.userId) ?? null) : null,
        count: row.count,
      }));
  const participation = participationByDelegation(delegations, {
    stances: of("stance"),
    comments: of("comment"),
    edits: of("edit"),
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
    pipeline: pipelineCounts(statusRows),
    openVotes,
    participation,
    quiet: can(actor, "participation.quiet") ? quietDelegations(participation, openVotes) : null,
  };
}
