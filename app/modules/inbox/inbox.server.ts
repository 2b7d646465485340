import { db } from "~/db.server";
import { readerGroup, readerTitle } from "~/modules/translations/bilingual-text";
import type { PaperLanguage } from "~/modules/translations/translation";
import { notificationHref } from "./notification-link";

// A person's notifications across all their groups: mentions and replies (comments), and whatever
// other modules add (votes opened, reminders, outcomes, invitations). Only groups they still belong
// to: someone who left a group learns nothing new about it.

const INBOX_LIMIT = 200;

function visibleTo(userId: string) {
  return { userId, group: { memberships: { some: { userId } } } };
}

/**
 * The header's unread count of the user whose id is the SQL expression `userId`, as a scalar subquery:
 * the same rule as visibleTo. Every page asks it, in one statement with the session (getPageHeader, app/http/sessions.server.ts).
 */
export function unreadCountSql(userId: string): string {
  return `(SELECT count(*)::int FROM "Notification" n
      WHERE n."userId" = ${userId} AND n."readAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."groupId" = n."groupId" AND m."userId" = ${userId}))`;
}

/** The person's notifications, newest first, with titles and group names in `locale` where written. */
export async function listNotifications(userId: string, locale: PaperLanguage) {
  const rows = await db().notification.findMany({
    where: visibleTo(userId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INBOX_LIMIT,
    select: {
      id: true,
      kind: true,
      createdAt: true,
      readAt: true,
      actorId: true,
      threadId: true,
      group: { select: { slug: true, name: true, nameEs: true } },
      paper: { select: { id: true, title: true, titleTranslation: true, originalLanguage: true } },
      comment: { select: { body: true, deletedAt: true } },
      thread: { select: { quote: true } },
      vote: { select: { id: true, suggestionId: true, outcome: { select: { result: true } } } },
    },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const actors = new Map(
    (await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map(
      (u) => [u.id, u.name],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
    actor: row.actorId ? (actors.get(row.actorId) ?? null) : null,
    group: readerGroup(row.group, locale),
    paper: row.paper ? { id: row.paper.id, title: readerTitle(row.paper, locale) } : null,
    threadId: row.threadId,
    // Vote notices open the vote itself; an outcome notice says the result.
    vote: row.vote
      ? {
          id: row.vote.id,
          result: row.vote.outcome?.result ?? null,
          // A silence procedure on one suggestion ("ask the group"), not a vote on the paper.
          onSuggestion: row.vote.suggestionId !== null,
        }
      : null,
    excerpt: row.comment && !row.comment.deletedAt ? row.comment.body.slice(0, 280) : null,
    quote: row.thread?.quote ? row.thread.quote.slice(0, 160) : null,
  }));
}

/** Marks one of the person's notifications read; someone else's id changes nothing. */
export async function markRead(userId: string, notificationId: string): Promise<void> {
  await db().notification.updateMany({
    where: { id: notificationId, userId, readAt: null },
    data: { readAt: new Date() },
  });
}

export async function markAllRead(userId: string): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

/**
 * Opens one of the person's notifications: marks it read and returns where it leads, or null when it
 * is not theirs (or from a group they left).
 */
export async function openNotification(userId: string, notificationId: string): Promise<string | null> {
  const row = await db().notification.findFirst({
    where: { ...visibleTo(userId), id: notificationId },
    select: {
      threadId: true,
      group: { select: { slug: true } },
      paper: { select: { id: true } },
      vote: { select: { id: true } },
    },
  });
  if (!row) return null;
  await markRead(userId, notificationId);
  return notificationHref(row);
}
