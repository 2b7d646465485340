import { epochMs, sqlRows, utcTimestamp } from "~/sql.server";
import type { PaperStatus } from "~/modules/policy/policy";
import type { PaperLanguage } from "~/modules/translations/translation";
import { countOutOfDateTranslations } from "~/modules/translations/translations.server";
import {
  byDeadline,
  byRecency,
  paperHref,
  type Desk,
  type DeskActivity,
  type DeskDecision,
  type DeskThread,
} from "./desk";
import { readerGroup, readerTitle } from "~/modules/translations/bilingual-text";

// Every query is limited to groups the person belongs to now (a former member learns nothing new).

const LIMIT = 50;
const ACTIVITY_DAYS = 14;

/**
 * A source of decisions waiting for the person (deadline-bound, most urgent first on the desk).
 * Votes and silence procedures are built in; the suggestions feature registers its silence procedures
 * on suggestions and pending suggestion decisions here with `registerDeskDecisionSource`.
 */
export type DeskDecisionSource = (
  userId: string,
  now: Date,
  locale: PaperLanguage,
) => Promise<DeskDecision[]>;

const registry = globalThis as typeof globalThis & { __acuerdoDeskSources?: Map<string, DeskDecisionSource> };

function sources(): Map<string, DeskDecisionSource> {
  registry.__acuerdoDeskSources ??= new Map([["votes", openVoteDecisions]]);
  return registry.__acuerdoDeskSources;
}

/** Adds (or replaces, by name) a source of desk decisions. */
export function registerDeskDecisionSource(name: string, source: DeskDecisionSource): void {
  sources().set(name, source);
}

// Plain SQL (app/sql.server.ts), not Prisma: the desk is the page everyone lands on, and its reads,
// asked side by side, go to the database as one statement within the page's request (issue 19). Through
// Prisma they were 26 statements and 22 ms of the server's CPU per desk (its query compiler alone 24 %).
// Titles and names in both languages: each is shown in the reader's (desk.ts). Enumerations are read as
// text and times as milliseconds since the epoch (epochMs), which the batched reads keep as they are.

/** A paper's id and titles (of `p`), then its group's slug and names (of `g`). */
const TITLES_AND_GROUP = `p.id AS "paperId", p.title, p."titleTranslation", p."originalLanguage"::text AS "originalLanguage",
       g.slug, g.name AS "groupName", g."nameEs" AS "groupNameEs"`;

interface TitlesAndGroup {
  paperId: string;
  title: string;
  titleTranslation: string;
  originalLanguage: string;
  slug: string;
  groupName: string;
  groupNameEs: string;
}

const groupOf = (row: Pick<TitlesAndGroup, "slug" | "groupName" | "groupNameEs">, locale: PaperLanguage) =>
  readerGroup({ slug: row.slug, name: row.groupName, nameEs: row.groupNameEs }, locale);
const paperOf = (row: TitlesAndGroup, locale: PaperLanguage) => ({
  id: row.paperId,
  title: readerTitle(row, locale),
});
const isoOf = (ms: number) => new Date(ms).toISOString();

/** The person belongs to group `g` now (`$1` is the person). */
const MEMBER_OF_G = `EXISTS (SELECT 1 FROM "Membership" m WHERE m."groupId" = g.id AND m."userId" = $1)`;

const OPEN_VOTES = `
  SELECT v.id, v.kind::text AS kind, ${epochMs("v.deadline")} AS deadline, ${TITLES_AND_GROUP}
    FROM "EligibleVoter" e
    JOIN "Vote" v ON v.id = e."voteId"
    JOIN "Paper" p ON p.id = v."paperId"
    JOIN "Group" g ON g.id = p."groupId"
   WHERE e."userId" = $1 AND v.status = 'OPEN' AND v.deadline > $2::timestamp
     AND NOT EXISTS (SELECT 1 FROM "Stance" s WHERE s."voteId" = v.id AND s."userId" = $1)
     AND ${MEMBER_OF_G}
   ORDER BY v.deadline, v.id
   LIMIT ${LIMIT}`;

/** Open votes where the person is eligible and has taken no stance (a silence procedure is its own kind). */
async function openVoteDecisions(userId: string, now: Date, locale: PaperLanguage): Promise<DeskDecision[]> {
  const rows = await sqlRows<TitlesAndGroup & { id: string; kind: string; deadline: number }>(OPEN_VOTES, [
    userId,
    utcTimestamp(now),
  ]);
  return rows.map((row) => ({
    kind: row.kind === "SILENCE" ? "silence" : "vote",
    id: row.id,
    group: groupOf(row, locale),
    paper: paperOf(row, locale),
    deadline: isoOf(row.deadline),
    href: `/g/${row.slug}/votes/${row.id}`,
  }));
}

const UNREAD_MESSAGES = `
  SELECT n.id, n.kind::text AS kind, ${epochMs('n."createdAt"')} AS "createdAt", n."threadId",
         a.name AS "actorName", c.body AS "commentBody", c."deletedAt" IS NOT NULL AS "commentDeleted",
         ${TITLES_AND_GROUP}
    FROM "Notification" n
    JOIN "Group" g ON g.id = n."groupId"
    LEFT JOIN "Paper" p ON p.id = n."paperId"
    LEFT JOIN "Comment" c ON c.id = n."commentId"
    LEFT JOIN "User" a ON a.id = n."actorId"
   WHERE n."userId" = $1 AND n."readAt" IS NULL AND n.kind IN ('MENTION', 'REPLY') AND ${MEMBER_OF_G}
   ORDER BY n."createdAt" DESC, n.id DESC
   LIMIT ${LIMIT}`;

type MessageRow = Omit<TitlesAndGroup, "paperId" | "title" | "titleTranslation" | "originalLanguage"> & {
  id: string;
  kind: string;
  createdAt: number;
  threadId: string | null;
  actorName: string | null;
  commentBody: string | null;
  commentDeleted: boolean | null;
  paperId: string | null;
  title: string | null;
  titleTranslation: string | null;
  originalLanguage: string | null;
};

async function unreadMessages(userId: string, locale: PaperLanguage) {
  const rows = await sqlRows<MessageRow>(UNREAD_MESSAGES, [userId]);
  return rows.map((row) => {
    const paper =
      row.paperId === null
        ? null
        : paperOf(
            {
              ...row,
              paperId: row.paperId,
              title: row.title ?? "",
              titleTranslation: row.titleTranslation ?? "",
              originalLanguage: row.originalLanguage ?? "en",
            },
            locale,
          );
    return {
      kind: row.kind as "MENTION" | "REPLY",
      id: row.id,
      group: groupOf(row, locale),
      paper,
      actor: row.actorName,
      excerpt: row.commentBody !== null && !row.commentDeleted ? row.commentBody.slice(0, 200) : null,
      createdAt: isoOf(row.createdAt),
      href: paper
        ? paperHref(row.slug, paper.id, row.threadId ? `thread-${row.threadId}` : undefined)
        : `/g/${row.slug}`,
    };
  });
}

// The person's 200 latest open threads; in each, the others' comments after the person's own latest.
const THREADS_WITH_NEW_REPLIES = `
  WITH mine AS (
    SELECT t.id, t.quote, t."createdAt", ${TITLES_AND_GROUP}
      FROM "Thread" t
      JOIN "Paper" p ON p.id = t."paperId"
      JOIN "Group" g ON g.id = p."groupId"
     WHERE t."authorId" = $1 AND t.status = 'OPEN' AND ${MEMBER_OF_G}
     ORDER BY t."createdAt" DESC, t.id DESC
     LIMIT 200
  ), replies AS (
    SELECT mine.id,
           count(*)::int AS "newReplies",
           ${epochMs('max(c."createdAt")')} AS "latestAt"
      FROM mine
      JOIN "Comment" c ON c."threadId" = mine.id AND c."deletedAt" IS NULL AND c."authorId" <> $1
     WHERE c."createdAt" > coalesce(
             (SELECT max(o."createdAt") FROM "Comment" o
               WHERE o."threadId" = mine.id AND o."deletedAt" IS NULL AND o."authorId" = $1),
             '-infinity')
     GROUP BY mine.id
  )
  SELECT mine.id, mine.quote, mine."paperId", mine.title, mine."titleTranslation", mine."originalLanguage",
         mine.slug, mine."groupName", mine."groupNameEs", replies."newReplies", replies."latestAt"
    FROM mine JOIN replies ON replies.id = mine.id
   ORDER BY replies."latestAt" DESC, mine."createdAt" DESC, mine.id DESC`;

/** Open threads the person started where someone else wrote after the person's own latest comment. */
async function threadsWithNewReplies(userId: string, locale: PaperLanguage): Promise<DeskThread[]> {
  const rows = await sqlRows<
    TitlesAndGroup & { id: string; quote: string; newReplies: number; latestAt: number }
  >(THREADS_WITH_NEW_REPLIES, [userId]);
  const threads = rows.map((row) => ({
    threadId: row.id,
    group: groupOf(row, locale),
    paper: paperOf(row, locale),
    quote: row.quote.slice(0, 160),
    newReplies: row.newReplies,
    latestAt: isoOf(row.latestAt),
    href: paperHref(row.slug, row.paperId, `thread-${row.id}`),
  }));
  return byRecency(threads).slice(0, LIMIT);
}

const LED_PAPERS = `
  SELECT p.status::text AS status, ${epochMs('p."updatedAt"')} AS "updatedAt", ${TITLES_AND_GROUP}
    FROM "Paper" p
    JOIN "Group" g ON g.id = p."groupId"
   WHERE p."leadDelegationId" IN
           (SELECT m."delegationId" FROM "Membership" m WHERE m."userId" = $1 AND m."delegationId" IS NOT NULL)
     AND p.status IN ('DRAFT', 'REVIEW', 'VOTING')
   ORDER BY p."updatedAt" DESC, p.id
   LIMIT ${LIMIT}`;

/** Papers led by the person's delegation in each group, still being worked on. */
async function papersMyDelegationLeads(userId: string, locale: PaperLanguage) {
  const papers = await sqlRows<TitlesAndGroup & { status: PaperStatus; updatedAt: number }>(LED_PAPERS, [
    userId,
  ]);
  const outOfDate = await countOutOfDateTranslations(papers.map((p) => p.paperId));
  return papers.map((p) => ({
    id: p.paperId,
    group: groupOf(p, locale),
    title: readerTitle(p, locale),
    status: p.status,
    translationsOutOfDate: outOfDate.get(p.paperId) ?? 0,
    updatedAt: isoOf(p.updatedAt),
    href: paperHref(p.slug, p.paperId),
  }));
}

// The papers the person touched first (a few index probes), then their recent comments by others: one
// statement, not a scan of every recent comment in every group checking whether the person commented.
const RECENT_ACTIVITY = `
  WITH touched AS MATERIALIZED (
    SELECT p.id FROM "Paper" p
     WHERE p."groupId" IN (SELECT m."groupId" FROM "Membership" m WHERE m."userId" = $1)
       AND (p."createdById" = $1
            OR p.id IN (SELECT t."paperId" FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId"
                         WHERE c."authorId" = $1))
  ), recent AS (
    SELECT t."paperId", c."createdAt", c.id
      FROM "Comment" c
      JOIN "Thread" t ON t.id = c."threadId"
     WHERE t."paperId" IN (SELECT id FROM touched)
       AND c."createdAt" >= $2::timestamp AND c."deletedAt" IS NULL AND c."authorId" <> $1
     ORDER BY c."createdAt" DESC, c.id DESC
     LIMIT 500
  )
  SELECT count(*)::int AS comments, ${epochMs('max(recent."createdAt")')} AS "latestAt", ${TITLES_AND_GROUP}
    FROM recent
    JOIN "Paper" p ON p.id = recent."paperId"
    JOIN "Group" g ON g.id = p."groupId"
   GROUP BY p.id, g.id
   ORDER BY max(recent."createdAt") DESC, p.id
   LIMIT 20`;

/** Others' recent comments on papers the person created or commented on. */
async function recentActivity(userId: string, now: Date, locale: PaperLanguage): Promise<DeskActivity[]> {
  const since = new Date(now.getTime() - ACTIVITY_DAYS * 24 * 3600 * 1000);
  const rows = await sqlRows<TitlesAndGroup & { comments: number; latestAt: number }>(RECENT_ACTIVITY, [
    userId,
    utcTimestamp(since),
  ]);
  return rows.map((row) => ({
    paper: paperOf(row, locale),
    group: groupOf(row, locale),
    comments: row.comments,
    latestAt: isoOf(row.latestAt),
    href: paperHref(row.slug, row.paperId),
  }));
}

/** The person's desk, with titles and group names in `locale` where written (else the other language). */
export async function getDesk(userId: string, locale: PaperLanguage, now = new Date()): Promise<Desk> {
  const [decisionLists, messages, threads, papers, activity] = await Promise.all([
    Promise.all([...sources().values()].map((source) => source(userId, now, locale))),
    unreadMessages(userId, locale),
    threadsWithNewReplies(userId, locale),
    papersMyDelegationLeads(userId, locale),
    recentActivity(userId, now, locale),
  ]);
  return { decisions: byDeadline(decisionLists.flat()), messages, threads, papers, activity };
}
