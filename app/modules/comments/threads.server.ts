import * as Y from "yjs";
import { PAPER_LANGUAGES, translationFragmentName } from "~/modules/translations/translation";
import type { Prisma, ThreadStatus } from "@prisma/client";
import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";
import { UserError } from "~/modules/errors";
import { can, whyRefused, type Actor, type PaperStatus } from "~/modules/policy/policy";
import { publishPaperEvent } from "~/modules/papers/paper-events";
import { paperDocReader, type PaperDocReader } from "~/modules/papers/versions.server";
import { decodePosition, flattenFragment, positionToBytes, resolveRange, type FlatFragment } from "./anchors";
import type { CreateThreadInput } from "./comments.schema";
import { parseMentions, type Mentionable } from "./mentions";
import type { ThreadView } from "./thread-view";
import { recordNotifications } from "~/modules/mail/notify.server";

/** The paper as the comment functions need it (what `getPaper` returns, plus its group). */
export interface DiscussedPaper {
  id: string;
  groupId: string;
  status: PaperStatus;
  sections: { key: string; title: string }[];
}

type Tx = Prisma.TransactionClient;

function assertMayWrite(actor: Actor, paper: DiscussedPaper): void {
  const why = whyRefused(actor, "comment.write", { kind: "paper", status: paper.status });
  if (why === "role") throw new UserError("errors.forbidden", 403);
  if (why === "status") throw new UserError("comments.paperClosed", 409);
}

/** Everyone in the group who can be @mentioned. */
export async function listMentionable(groupId: string): Promise<Mentionable[]> {
  // Plain SQL (app/sql.server.ts): every paper page asks it.
  return sqlRows<Mentionable>(
    `SELECT u.id, u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."groupId" = $1 ORDER BY u.name ASC`,
    [groupId],
  );
}

/**
 * Stores who a comment mentions and tells them, and tells the thread's author about a reply; never
 * the person acting, and nobody twice for one comment. `alreadyMentioned` are left alone (an edit).
 */
async function notify(
  tx: Tx,
  input: {
    groupId: string;
    paperId: string;
    threadId: string;
    commentId: string;
    actorId: string;
    body: string;
    threadAuthorId: string | null;
    alreadyMentioned?: string[];
  },
): Promise<void> {
  const members = await tx.membership.findMany({
    where: { groupId: input.groupId },
    select: { user: { select: { id: true, name: true } } },
  });
  const mentioned = parseMentions(
    input.body,
    members.map((m) => m.user),
  );
  await tx.mention.deleteMany({ where: { commentId: input.commentId } });
  if (mentioned.length > 0)
    await tx.mention.createMany({
      data: mentioned.map((userId) => ({ commentId: input.commentId, userId })),
    });
  const common = {
    groupId: input.groupId,
    paperId: input.paperId,
    threadId: input.threadId,
    commentId: input.commentId,
    actorId: input.actorId,
  };
  const newlyMentioned = mentioned.filter(
    (userId) => userId !== input.actorId && !(input.alreadyMentioned ?? []).includes(userId),
  );
  const rows: Prisma.NotificationCreateManyInput[] = newlyMentioned.map((userId) => ({
    ...common,
    userId,
    kind: "MENTION",
  }));
  if (input.threadAuthorId) {
    // A reply tells whoever started the thread or took part in it (not those the reply mentions: they
    // get the mention).
    const earlier = await tx.comment.findMany({
      where: { threadId: input.threadId, deletedAt: null, id: { not: input.commentId } },
      select: { authorId: true },
      distinct: ["authorId"],
    });
    const participants = new Set([input.threadAuthorId, ...earlier.map((c) => c.authorId)]);
    const stillMembers = new Set(members.map((m) => m.user.id));
    for (const userId of participants) {
      if (userId !== input.actorId && !mentioned.includes(userId) && stillMembers.has(userId))
        rows.push({ ...common, userId, kind: "REPLY" });
    }
  }
  await recordNotifications(tx, rows);
}

async function quoteFor(
  paperId: string,
  sectionKey: string,
  start: Uint8Array,
  end: Uint8Array,
  offered: string,
): Promise<string> {
  const doc = paperDocReader(paperId);
  const resolved = await doc
    .read((d) =>
      resolveRange(
        d,
        d.getXmlFragment(sectionKey),
        Y.decodeRelativePosition(start),
        Y.decodeRelativePosition(end),
      ),
    )
    .finally(doc.release);
  // The writer's last keystrokes may not have reached the server yet: then their own quote stands.
  return resolved.removed ? offered : resolved.text.slice(0, 1000);
}

/** The section a fragment belongs to: "finding" for "finding" and for its translation "finding:es". */
function baseSectionKey(fragmentName: string): string {
  const [key, language] = fragmentName.split(":");
  return language === undefined || (PAPER_LANGUAGES as readonly string[]).includes(language) ? key : "";
}

export async function createThread(
  actor: Actor,
  paper: DiscussedPaper,
  input: CreateThreadInput,
): Promise<{ threadId: string; commentId: string }> {
  assertMayWrite(actor, paper);
  // A thread may be on a section or on its translation ("<key>:<language>"), so translators can discuss too.
  if (!paper.sections.some((s) => s.key === baseSectionKey(input.sectionKey)))
    throw new UserError("comments.sectionUnknown");
  let anchor: { start: Uint8Array<ArrayBuffer>; end: Uint8Array<ArrayBuffer> } | null = null;
  if (input.anchorStart && input.anchorEnd) {
    const start = positionToBytes(input.anchorStart);
    const end = positionToBytes(input.anchorEnd);
    if (!start || !end) throw new UserError("errors.invalidInput");
    anchor = { start, end };
  }
  const quote = anchor
    ? await quoteFor(paper.id, input.sectionKey, anchor.start, anchor.end, input.quote)
    : "";
  const created = await db().$transaction(async (tx) => {
    const thread = await tx.thread.create({
      data: {
        paperId: paper.id,
        sectionKey: input.sectionKey,
        anchorStart: anchor?.start ?? null,
        anchorEnd: anchor?.end ?? null,
        quote,
        authorId: actor.userId,
      },
      select: { id: true },
    });
    const comment = await tx.comment.create({
      data: { threadId: thread.id, authorId: actor.userId, body: input.body },
      select: { id: true },
    });
    await notify(tx, {
      groupId: paper.groupId,
      paperId: paper.id,
      threadId: thread.id,
      commentId: comment.id,
      actorId: actor.userId,
      body: input.body,
      threadAuthorId: null,
    });
    return { threadId: thread.id, commentId: comment.id };
  });
  publishPaperEvent({ type: "thread", paperId: paper.id, threadId: created.threadId, change: "created" });
  return created;
}

async function requireThread(paper: DiscussedPaper, threadId: string) {
  const thread = await db().thread.findFirst({
    where: { id: threadId, paperId: paper.id },
    select: { id: true, authorId: true, status: true },
  });
  if (!thread) throw new UserError("comments.threadUnknown", 404);
  return thread;
}

async function requireOwnComment(actor: Actor, paper: DiscussedPaper, commentId: string) {
  const comment = await db().comment.findFirst({
    where: { id: commentId, thread: { paperId: paper.id } },
    select: {
      id: true,
      authorId: true,
      deletedAt: true,
      threadId: true,
      thread: { select: { authorId: true } },
      mentions: { select: { userId: true } },
    },
  });
  if (!comment || comment.deletedAt) throw new UserError("comments.commentUnknown", 404);
  // Editing and deleting are the writer's own acts: nobody, not even a co-chair, rewrites someone's words.
  if (comment.authorId !== actor.userId) throw new UserError("comments.notYourComment", 403);
  return comment;
}

export async function reply(
  actor: Actor,
  paper: DiscussedPaper,
  threadId: string,
  body: string,
): Promise<{ commentId: string }> {
  assertMayWrite(actor, paper);
  const thread = await requireThread(paper, threadId);
  const commentId = await db().$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { threadId: thread.id, authorId: actor.userId, body },
      select: { id: true },
    });
    await notify(tx, {
      groupId: paper.groupId,
      paperId: paper.id,
      threadId: thread.id,
      commentId: comment.id,
      actorId: actor.userId,
      body,
      threadAuthorId: thread.authorId,
    });
    return comment.id;
  });
  publishPaperEvent({
    type: "comment",
    paperId: paper.id,
    threadId: thread.id,
    commentId,
    change: "created",
  });
  return { commentId };
}

export async function editOwnComment(
  actor: Actor,
  paper: DiscussedPaper,
  commentId: string,
  body: string,
): Promise<void> {
  assertMayWrite(actor, paper);
  const comment = await requireOwnComment(actor, paper, commentId);
  await db().$transaction(async (tx) => {
    await tx.comment.update({ where: { id: comment.id }, data: { body, editedAt: new Date() } });
    // An edit notifies only people it newly mentions; the thread's author heard of the reply already.
    await notify(tx, {
      groupId: paper.groupId,
      paperId: paper.id,
      threadId: comment.threadId,
      commentId: comment.id,
      actorId: actor.userId,
      body,
      threadAuthorId: null,
      alreadyMentioned: comment.mentions.map((m) => m.userId),
    });
  });
  publishPaperEvent({
    type: "comment",
    paperId: paper.id,
    threadId: comment.threadId,
    commentId: comment.id,
    change: "edited",
  });
}

/** The comment stays in its thread as "comment deleted"; its words, mentions and notifications go. */
export async function deleteOwnComment(
  actor: Actor,
  paper: DiscussedPaper,
  commentId: string,
): Promise<void> {
  assertMayWrite(actor, paper);
  const comment = await requireOwnComment(actor, paper, commentId);
  await db().$transaction(async (tx) => {
    await tx.comment.update({ where: { id: comment.id }, data: { body: "", deletedAt: new Date() } });
    await tx.mention.deleteMany({ where: { commentId: comment.id } });
    await tx.notification.deleteMany({ where: { commentId: comment.id } });
  });
  publishPaperEvent({
    type: "comment",
    paperId: paper.id,
    threadId: comment.threadId,
    commentId: comment.id,
    change: "deleted",
  });
}

export async function setThreadStatus(
  actor: Actor,
  paper: DiscussedPaper,
  threadId: string,
  status: "OPEN" | "RESOLVED",
): Promise<void> {
  const thread = await requireThread(paper, threadId);
  const why = whyRefused(actor, "thread.resolve", {
    kind: "thread",
    authorId: thread.authorId,
    paperStatus: paper.status,
  });
  if (why === "role") throw new UserError("comments.resolveForbidden", 403);
  if (why === "status") throw new UserError("comments.paperClosed", 409);
  if (thread.status === status) return;
  await db().thread.update({
    where: { id: thread.id },
    data:
      status === "RESOLVED"
        ? { status, resolvedById: actor.userId, resolvedAt: new Date() }
        : { status, resolvedById: null, resolvedAt: null },
  });
  publishPaperEvent({
    type: "thread",
    paperId: paper.id,
    threadId: thread.id,
    change: status === "RESOLVED" ? "resolved" : "reopened",
  });
}

/** Where a thread sits in the paper now: section order, then where its text starts; "removed" last in its section. */
interface Placement {
  section: number;
  from: number;
  removed: boolean;
}

function place(
  doc: Y.Doc,
  flats: Map<string, FlatFragment>,
  sectionIndex: number,
  thread: { sectionKey: string; anchorStart: string | null; anchorEnd: string | null },
): Placement {
  if (!thread.anchorStart || !thread.anchorEnd) return { section: sectionIndex, from: -1, removed: false };
  const start = decodePosition(thread.anchorStart);
  const end = decodePosition(thread.anchorEnd);
  if (!start || !end) return { section: sectionIndex, from: Number.MAX_SAFE_INTEGER, removed: true };
  const fragment = doc.getXmlFragment(thread.sectionKey);
  let flat = flats.get(thread.sectionKey);
  if (!flat) flats.set(thread.sectionKey, (flat = flattenFragment(fragment)));
  const resolved = resolveRange(doc, fragment, start, end, flat);
  return resolved.removed
    ? { section: sectionIndex, from: Number.MAX_SAFE_INTEGER, removed: true }
    : { section: sectionIndex, from: resolved.from, removed: false };
}

async function placeAll(
  paperId: string,
  threads: (Parameters<typeof place>[3] & { sectionKey: string })[],
  order: Map<string, number>,
  readDoc: PaperDocReader | undefined,
): Promise<Placement[]> {
  const unplaced = (): Placement[] =>
    threads.map((t) => ({
      section: order.get(t.sectionKey) ?? Number.MAX_SAFE_INTEGER,
      from: -1,
      removed: false,
    }));
  if (!threads.some((t) => t.anchorStart)) return unplaced();
  const own = readDoc ? null : paperDocReader(paperId);
  return (readDoc ?? own!.read)((doc) => {
    const flats = new Map<string, FlatFragment>();
    return threads.map((t) => place(doc, flats, order.get(t.sectionKey) ?? Number.MAX_SAFE_INTEGER, t));
  }).finally(() => own?.release());
}

interface ThreadRow {
  id: string;
  sectionKey: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  quote: string;
  status: ThreadStatus;
  createdAt: number;
  resolvedAt: number | null;
  authorId: string;
  authorName: string;
  resolvedByName: string | null;
}

interface CommentRow {
  id: string;
  threadId: string;
  body: string;
  createdAt: number;
  edited: boolean;
  deleted: boolean;
  authorId: string;
  authorName: string;
  delegationCode: string | null;
  delegationColour: string | null;
  mentions: string[];
}

/** Every thread of the paper in document order, with its comments, as the side panel shows them. */
export async function listThreads(
  actor: Actor,
  paper: DiscussedPaper,
  readDoc?: PaperDocReader,
): Promise<ThreadView[]> {
  // Plain SQL (app/sql.server.ts), two statements at once: every paper page asks it, and through Prisma
  // its nested selection was seven queries. Anchors are read as base64, the form the page sends them in.
  const [threadRows, commentRows] = await Promise.all([
    sqlRows<ThreadRow>(
      `SELECT t.id, t."sectionKey",
              translate(encode(t."anchorStart", 'base64'), E'\n', '') AS "anchorStart",
              translate(encode(t."anchorEnd", 'base64'), E'\n', '') AS "anchorEnd",
              t.quote, t.status::text AS status, ${epochMs('t."createdAt"')} AS "createdAt",
              ${epochMs('t."resolvedAt"')} AS "resolvedAt", t."authorId", a.name AS "authorName",
              r.name AS "resolvedByName"
         FROM "Thread" t
         JOIN "User" a ON a.id = t."authorId"
         LEFT JOIN "User" r ON r.id = t."resolvedById"
        WHERE t."paperId" = $1
        ORDER BY t."createdAt" ASC`,
      [paper.id],
    ),
    sqlRows<CommentRow>(
      `SELECT c.id, c."threadId", c.body, ${epochMs('c."createdAt"')} AS "createdAt",
              c."editedAt" IS NOT NULL AS edited, c."deletedAt" IS NOT NULL AS deleted, c."authorId",
              u.name AS "authorName", d.code AS "delegationCode", d.colour AS "delegationColour",
              coalesce((SELECT array_agg(mn."userId") FROM "Mention" mn WHERE mn."commentId" = c.id),
                       '{}') AS mentions
         FROM "Comment" c
         JOIN "Thread" t ON t.id = c."threadId"
         JOIN "User" u ON u.id = c."authorId"
         LEFT JOIN "Membership" m ON m."userId" = c."authorId" AND m."groupId" = $2
         LEFT JOIN "Delegation" d ON d.id = m."delegationId"
        WHERE t."paperId" = $1
        ORDER BY c."createdAt" ASC`,
      [paper.id, paper.groupId],
    ),
  ]);
  const commentsOf = new Map<string, CommentRow[]>();
  for (const comment of commentRows) {
    const list = commentsOf.get(comment.threadId);
    if (list) list.push(comment);
    else commentsOf.set(comment.threadId, [comment]);
  }
  const threads = threadRows.map((thread) => ({ ...thread, comments: commentsOf.get(thread.id) ?? [] }));
  const order = new Map(paper.sections.map((s, index) => [s.key, index]));
  const titles = new Map(paper.sections.map((s) => [s.key, s.title]));
  for (const s of paper.sections)
    for (const language of PAPER_LANGUAGES) {
      order.set(translationFragmentName(s.key, language), order.get(s.key)!);
      titles.set(translationFragmentName(s.key, language), `${s.title} (${language})`);
    }
  // Anchors are placed in one synchronous read of the document (the live one itself when it is open).
  const placements = await placeAll(paper.id, threads, order, readDoc);
  const mayWrite = can(actor, "comment.write", { kind: "paper", status: paper.status });
  const placed = threads.map((thread, index) => {
    const placement = placements[index];
    return {
      placement,
      view: {
        id: thread.id,
        sectionKey: thread.sectionKey,
        sectionTitle: titles.get(thread.sectionKey) ?? thread.sectionKey,
        anchor:
          thread.anchorStart && thread.anchorEnd
            ? { start: thread.anchorStart, end: thread.anchorEnd }
            : null,
        quote: thread.quote,
        removed: placement.removed,
        status: thread.status,
        createdAt: new Date(thread.createdAt).toISOString(),
        resolvedAt: thread.resolvedAt === null ? null : new Date(thread.resolvedAt).toISOString(),
        resolvedBy: thread.resolvedByName,
        author: thread.authorName,
        mine: thread.authorId === actor.userId,
        mentionsMe: thread.comments.some((c) => c.mentions.includes(actor.userId)),
        canReply: mayWrite,
        canResolve: can(actor, "thread.resolve", {
          kind: "thread",
          authorId: thread.authorId,
          paperStatus: paper.status,
        }),
        comments: thread.comments.map((comment) => ({
          id: comment.id,
          author: comment.authorName,
          delegation: comment.delegationCode,
          colour: comment.delegationColour ?? "#4a4f57",
          body: comment.deleted ? "" : comment.body,
          deleted: comment.deleted,
          edited: comment.edited && !comment.deleted,
          createdAt: new Date(comment.createdAt).toISOString(),
          mine: comment.authorId === actor.userId && mayWrite && !comment.deleted,
        })),
      } satisfies ThreadView,
    };
  });
  placed.sort(
    (a, b) =>
      a.placement.section - b.placement.section ||
      a.placement.from - b.placement.from ||
      a.view.createdAt.localeCompare(b.view.createdAt),
  );
  return placed.map((p) => p.view);
}
