import { db } from "~/db.server";
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

// Titles and names in both languages: each is shown in the reader's (desk.ts).
const PAPER_TITLES = { id: true, title: true, titleTranslation: true, originalLanguage: true } as const;
const GROUP_NAMES = { slug: true, name: true, nameEs: true } as const;

const member = (userId: string) => ({ memberships: { some: { userId } } });

/** Open votes where the person is eligible and has taken no stance (a silence procedure is its own kind). */
async function openVoteDecisions(userId: string, now: Date, locale: PaperLanguage): Promise<DeskDecision[]> {
  const rows = await db().eligibleVoter.findMany({
    where: {
      userId,
      vote: {
        status: "OPEN",
        deadline: { gt: now },
        stances: { none: { userId } },
        paper: { group: member(userId) },
      },
    },
    take: LIMIT,
    select: {
      vote: {
        select: {
          id: true,
          kind: true,
          deadline: true,
          paper: { select: { ...PAPER_TITLES, group: { select: GROUP_NAMES } } },
        },
      },
    },
  });
  return rows.map(({ vote }) => ({
    kind: vote.kind === "SILENCE" ? "silence" : "vote",
    id: vote.id,
    group: readerGroup(vote.paper.group, locale),
    paper: { id: vote.paper.id, title: readerTitle(vote.paper, locale) },
    deadline: vote.deadline.toISOString(),
    href: `/g/${vote.paper.group.slug}/votes/${vote.id}`,
  }));
}

async function unreadMessages(userId: string, locale: PaperLanguage) {
  const rows = await db().notification.findMany({
    where: { userId, readAt: null, kind: { in: ["MENTION", "REPLY"] }, group: member(userId) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
    select: {
      id: true,
      kind: true,
      createdAt: true,
      actorId: true,
      threadId: true,
      group: { select: GROUP_NAMES },
      paper: { select: PAPER_TITLES },
      comment: { select: { body: true, deletedAt: true } },
    },
  });
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const actors = new Map(
    (await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map(
      (u) => [u.id, u.name],
    ),
  );
  return rows.map((row) => ({
    kind: row.kind as "MENTION" | "REPLY",
    id: row.id,
    group: readerGroup(row.group, locale),
    paper: row.paper ? { id: row.paper.id, title: readerTitle(row.paper, locale) } : null,
    actor: row.actorId ? (actors.get(row.actorId) ?? null) : null,
    excerpt: row.comment && !row.comment.deletedAt ? row.comment.body.slice(0, 200) : null,
    createdAt: row.createdAt.toISOString(),
    href: row.paper
      ? paperHref(row.group.slug, row.paper.id, row.threadId ? `thread-${row.threadId}` : undefined)
      : `/g/${row.group.slug}`,
  }));
}

/** Open threads the person started where someone else wrote after the person's own latest comment. */
async function threadsWithNewReplies(userId: string, locale: PaperLanguage): Promise<DeskThread[]> {
  const threads = await db().thread.findMany({
    where: { authorId: userId, status: "OPEN", paper: { group: member(userId) } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      quote: true,
      paper: { select: { ...PAPER_TITLES, group: { select: GROUP_NAMES } } },
      comments: {
        where: { deletedAt: null },
        orderBy: { createdAt: "asc" },
        select: { authorId: true, createdAt: true },
      },
    },
  });
  const out: DeskThread[] = [];
  for (const thread of threads) {
    const mineAt = thread.comments.filter((c) => c.authorId === userId).at(-1)?.createdAt ?? new Date(0);
    const newer = thread.comments.filter((c) => c.authorId !== userId && c.createdAt > mineAt);
    if (!newer.length) continue;
    out.push({
      threadId: thread.id,
      group: readerGroup(thread.paper.group, locale),
      paper: { id: thread.paper.id, title: readerTitle(thread.paper, locale) },
      quote: thread.quote.slice(0, 160),
      newReplies: newer.length,
      latestAt: newer.at(-1)!.createdAt.toISOString(),
      href: paperHref(thread.paper.group.slug, thread.paper.id, `thread-${thread.id}`),
    });
  }
  return byRecency(out).slice(0, LIMIT);
}

/** Papers led by the person's delegation in each group, still being worked on. */
async function papersMyDelegationLeads(userId: string, locale: PaperLanguage) {
  const memberships = await db().membership.findMany({
    where: { userId, delegationId: { not: null } },
    select: { delegationId: true },
  });
  const delegationIds = memberships.flatMap((m) => (m.delegationId ? [m.delegationId] : []));
  if (!delegationIds.length) return [];
  const papers = await db().paper.findMany({
    where: { leadDelegationId: { in: delegationIds }, status: { in: ["DRAFT", "REVIEW", "VOTING"] } },
    orderBy: { updatedAt: "desc" },
    take: LIMIT,
    select: { ...PAPER_TITLES, status: true, updatedAt: true, group: { select: GROUP_NAMES } },
  });
  const outOfDate = await countOutOfDateTranslations(papers.map((p) => p.id));
  return papers.map((p) => ({
    id: p.id,
    group: readerGroup(p.group, locale),
    title: readerTitle(p, locale),
    status: p.status,
    translationsOutOfDate: outOfDate.get(p.id) ?? 0,
    updatedAt: p.updatedAt.toISOString(),
    href: paperHref(p.group.slug, p.id),
  }));
}

/** Others' recent comments on papers the person created or commented on. */
async function recentActivity(userId: string, now: Date, locale: PaperLanguage): Promise<DeskActivity[]> {
  const since = new Date(now.getTime() - ACTIVITY_DAYS * 24 * 3600 * 1000);
  // The papers the person touched first (a few index probes), then their recent comments: one query with
  // both conditions checked, for every recent comment in every group, whether the person commented there.
  const touched = await db().$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Paper" p
     WHERE p."groupId" IN (SELECT m."groupId" FROM "Membership" m WHERE m."userId" = ${userId})
       AND (p."createdById" = ${userId}
            OR p.id IN (SELECT t."paperId" FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId"
                         WHERE c."authorId" = ${userId}))`;
  if (!touched.length) return [];
  const comments = await db().comment.findMany({
    where: {
      createdAt: { gte: since },
      deletedAt: null,
      authorId: { not: userId },
      thread: { paperId: { in: touched.map((p) => p.id) } },
    },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      createdAt: true,
      thread: {
        select: {
          paper: { select: { ...PAPER_TITLES, group: { select: GROUP_NAMES } } },
        },
      },
    },
  });
  const byPaper = new Map<string, DeskActivity>();
  for (const { createdAt, thread } of comments) {
    const entry = byPaper.get(thread.paper.id);
    if (entry) entry.comments += 1;
    else
      byPaper.set(thread.paper.id, {
        paper: { id: thread.paper.id, title: readerTitle(thread.paper, locale) },
        group: readerGroup(thread.paper.group, locale),
        comments: 1,
        latestAt: createdAt.toISOString(),
        href: paperHref(thread.paper.group.slug, thread.paper.id),
      });
  }
  return [...byPaper.values()].slice(0, 20);
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
