// The one place in-app notifications are recorded: each row is also routed to its recipient's mail
// (now, in the digest, or not at all) in the same transaction, so a notification and its mail are
// written together or not at all.
import type { NotificationKind, Prisma } from "@prisma/client";
import { changeAuthor } from "~/modules/votes/suggestion-vote";
import { readSuggestionChange } from "~/modules/votes/suggestion-vote.schema";
import type { DelegationName, GroupRef, NotificationEvent, PaperRef, SuggestionRef } from "./events";
import type { MailMode, OptionalKind } from "./kinds";
import { routeEvent, type MailRecipient } from "./outbox.server";

type Tx = Prisma.TransactionClient;
type Row = Prisma.NotificationCreateManyInput;

/** Which mail kind each in-app notification kind is; INVITED has its own mail (with the link). */
const MAIL_KIND: Partial<Record<NotificationKind, OptionalKind>> = {
  MENTION: "mention",
  REPLY: "reply",
  VOTE_OPENED: "vote.opened",
  VOTE_REMINDER: "vote.reminder",
  VOTE_OUTCOME: "vote.outcome",
};

const EXCERPT_CHARS = 600;

async function groupRef(tx: Tx, groupId: string): Promise<GroupRef> {
  return tx.group.findUniqueOrThrow({
    where: { id: groupId },
    select: { name: true, nameEs: true, slug: true },
  });
}

async function paperRef(tx: Tx, paperId: string): Promise<PaperRef> {
  return tx.paper.findUniqueOrThrow({
    where: { id: paperId },
    select: { id: true, title: true, titleTranslation: true, originalLanguage: true },
  });
}

async function commentEvent(tx: Tx, kind: "mention" | "reply", row: Row): Promise<NotificationEvent> {
  const comment = await tx.comment.findUniqueOrThrow({
    where: { id: row.commentId! },
    select: { body: true, createdAt: true, threadId: true, author: { select: { name: true } } },
  });
  const excerpt =
    comment.body.length > EXCERPT_CHARS ? `${comment.body.slice(0, EXCERPT_CHARS - 1)}…` : comment.body;
  return {
    kind,
    group: await groupRef(tx, row.groupId),
    paper: await paperRef(tx, row.paperId!),
    threadId: comment.threadId,
    actor: comment.author.name,
    excerpt,
    at: comment.createdAt.toISOString(),
  };
}

type VoteDetails = Awaited<ReturnType<typeof loadVote>>;
async function loadVote(tx: Tx, voteId: string) {
  return tx.vote.findUniqueOrThrow({
    where: { id: voteId },
    select: {
      id: true,
      deadline: true,
      closedAt: true,
      suggestionChange: true,
      openedBy: { select: { name: true } },
      eligibleVoters: {
        select: {
          userId: true,
          name: true,
          delegationId: true,
          delegation: { select: { name: true, nameEs: true } },
        },
      },
      stances: { select: { userId: true } },
      outcome: {
        select: {
          result: true,
          counts: true,
          takingPart: true,
          eligibleCount: true,
          statements: true,
          computedAt: true,
        },
      },
    },
  });
}

function quietDelegationOf(vote: VoteDetails, userId: string): DelegationName | null {
  const voter = vote.eligibleVoters.find((v) => v.userId === userId);
  if (!voter?.delegationId || !voter.delegation) return null;
  const voted = new Set(vote.stances.map((s) => s.userId));
  const delegates = vote.eligibleVoters.filter((v) => v.delegationId === voter.delegationId);
  return delegates.some((v) => voted.has(v.userId)) ? null : voter.delegation;
}

function voteEvent(
  kind: "vote.opened" | "vote.reminder" | "vote.outcome",
  group: GroupRef,
  paper: PaperRef,
  vote: VoteDetails,
  userId: string,
): NotificationEvent {
  const change = readSuggestionChange(vote.suggestionChange);
  const suggestion: SuggestionRef | undefined = change
    ? {
        inserted: change.inserted,
        deleted: change.deleted,
        ...(change.format ? { format: change.format } : {}),
        ...(change.paragraph ? { paragraph: true } : {}),
        author: changeAuthor(change),
      }
    : undefined;
  const base = { group, paper, voteId: vote.id, ...(suggestion ? { suggestion } : {}) };
  if (kind === "vote.opened")
    return { kind, ...base, actor: vote.openedBy.name, deadline: vote.deadline.toISOString() };
  if (kind === "vote.reminder")
    return {
      kind,
      ...base,
      deadline: vote.deadline.toISOString(),
      quietDelegation: quietDelegationOf(vote, userId),
    };
  const outcome = vote.outcome!;
  const statements = outcome.statements as { userId: string; value: string; statement: string }[];
  const byUser = new Map(vote.eligibleVoters.map((v) => [v.userId, v]));
  return {
    kind,
    ...base,
    adopted: outcome.result === "ADOPTED",
    closedAt: (vote.closedAt ?? outcome.computedAt).toISOString(),
    counts: outcome.counts as Record<string, number>,
    takingPart: outcome.takingPart,
    eligible: outcome.eligibleCount,
    reservations: statements
      .filter((s) => s.statement.trim() !== "")
      .map((s) => {
        const voter = byUser.get(s.userId);
        return {
          name: voter?.name ?? "—",
          delegation: voter?.delegation ?? null,
          value: s.value,
          statement: s.statement,
        };
      }),
  };
}

/**
 * Records in-app notifications and their mail. Every caller that creates notifications goes through
 * here (comments, votes; suggestions next), inside its own transaction.
 */
export async function recordNotifications(tx: Tx, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.notification.createMany({ data: rows });
  const mailRows = rows.filter((row) => MAIL_KIND[row.kind]);
  if (mailRows.length === 0) return;

  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(mailRows.map((r) => r.userId))] } },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      mailPreferences: { select: { kind: true, mode: true } },
    },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  // One load per subject (a comment, a vote), shared by its recipients.
  const comments = new Map<string, NotificationEvent>();
  const votes = new Map<string, { group: GroupRef; paper: PaperRef; vote: VoteDetails }>();
  for (const row of mailRows) {
    const user = byId.get(row.userId);
    if (!user) continue;
    const kind = MAIL_KIND[row.kind]!;
    let event: NotificationEvent;
    if (kind === "mention" || kind === "reply") {
      const key = `${kind}:${row.commentId}`;
      let cached = comments.get(key);
      if (!cached) {
        cached = await commentEvent(tx, kind, row);
        comments.set(key, cached);
      }
      event = cached;
    } else {
      let cached = votes.get(row.voteId!);
      if (!cached) {
        cached = {
          group: await groupRef(tx, row.groupId),
          paper: await paperRef(tx, row.paperId!),
          vote: await loadVote(tx, row.voteId!),
        };
        votes.set(row.voteId!, cached);
      }
      event = voteEvent(kind, cached.group, cached.paper, cached.vote, user.id);
    }
    const stored = new Map<string, MailMode>(user.mailPreferences.map((p) => [p.kind, p.mode]));
    await routeEvent(tx, user satisfies MailRecipient, row.groupId, event, stored);
  }
}
