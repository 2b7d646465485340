// The demo's recent weeks, after the adopted paper: a paper drafted, saved as a version, sent to review
// and put to a vote that is still open with some stances taken; threads about it with replies, one
// resolved, and @mentions the demo accounts have not read yet. Every row and audit event carries the
// time of the act, oldest first, so the timeline, the vote page and the audit log agree.
import * as Y from "yjs";
import type { Prisma, PrismaClient, StanceValue } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { toBytes, writeInitialState } from "../app/modules/documents/doc-store.server";
import { canonicalFromYDoc } from "../app/modules/documents/canonical-text";
import { appendAudit } from "../app/modules/audit/audit.server";
import { flattenFragment, rangeFromOffsets } from "../app/modules/comments/anchors";
import { parseMentions } from "../app/modules/comments/mentions";
import { RECOMMENDATION_TEMPLATE, VOTING_PAPER } from "./demo-papers";
import { setStatus } from "./seed-adopted";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Stances already taken on the open vote, and how long after its opening. */
const OPEN_STANCES: { email: string; value: StanceValue; after: number; statement?: string }[] = [
  { email: "cochair.mx@example.org", value: "SUPPORT", after: 50 * MINUTE },
  { email: "member.gt@example.org", value: "SUPPORT", after: 5 * HOUR },
  {
    email: "member.hn@example.org",
    value: "SUPPORT_WITH_RESERVATIONS",
    after: 21 * HOUR,
    statement: "Honduras supports the ban but needs two years to set up the complaint line.",
  },
  { email: "member2.sv@example.org", value: "SUPPORT", after: 26 * HOUR },
  { email: "member2.us@example.org", value: "ABSTAIN", after: 30 * HOUR },
];

interface DemoComment {
  email: string;
  body: string;
  /** Time since the thread opened. */
  after: number;
}

interface DemoThread {
  section: string;
  /** Words of the section the thread is about (none: the whole section). */
  quote?: string;
  /** How long before `now` it opened. */
  ago: number;
  comments: DemoComment[];
  resolvedBy?: { email: string; after: number };
}

const THREADS: DemoThread[] = [
  {
    section: "finding",
    quote: "several months of wages",
    ago: 9 * DAY,
    comments: [
      {
        email: "member.mx@example.org",
        body: "Do we have a source for this? The ILO survey gives an average for Guatemalan workers.",
        after: 0,
      },
      {
        email: "cochair.gt@example.org",
        body: "Yes: the 2024 survey, table 3. I will add it to the evidence section.",
        after: 3 * HOUR,
      },
      { email: "member.mx@example.org", body: "Thank you, that settles it for me.", after: 20 * HOUR },
    ],
    resolvedBy: { email: "cochair.us@example.org", after: 26 * HOUR },
  },
  {
    section: "recommendation",
    quote: "keep a public registry of licensed recruiters",
    ago: 4 * DAY,
    comments: [
      {
        email: "member.hn@example.org",
        body: "@Andrés Villaseñor could Mexico tell us how its registry of recruiters is kept up to date?",
        after: 0,
      },
      {
        email: "cochair.mx@example.org",
        body: "It is updated every month by the labour ministry. @Carlos Mejía I will bring the figures to the next call.",
        after: 5 * HOUR,
      },
    ],
  },
  {
    section: "evidence",
    ago: 20 * HOUR,
    comments: [
      {
        email: "member2.sv@example.org",
        body: "@Margaret Ellison @Lucía Cabrera Ortiz this section still needs the survey reference before the vote closes.",
        after: 0,
      },
    ],
  },
];

/** Adds the open vote, its paper and the threads, once (nothing when the paper already exists). */
export async function seedDemoActivity(
  prisma: PrismaClient,
  groupId: string,
  templateId: string,
  now = new Date(),
): Promise<number> {
  if (await prisma.paper.findFirst({ where: { groupId, title: VOTING_PAPER.title }, select: { id: true } }))
    return 0;
  const people = new Map(
    (
      await prisma.membership.findMany({
        where: { groupId },
        select: {
          userId: true,
          role: true,
          delegationId: true,
          user: { select: { email: true, name: true } },
        },
      })
    ).map((m) => [m.user.email, m]),
  );
  const who = (email: string) => {
    const person = people.get(email);
    if (!person) throw new Error(`demo account ${email} is not in the group`);
    return person;
  };
  const delegation = await prisma.delegation.findFirst({
    where: { groupId, code: VOTING_PAPER.lead },
    select: { id: true },
  });
  const author = who("member.us@example.org");
  const keys = RECOMMENDATION_TEMPLATE.sections.map((s) => s.key);
  const hourOf = (t: number) => new Date(Math.floor(t / HOUR) * HOUR);
  const createdAt = hourOf(now.getTime() - 20 * DAY);
  const draftSavedAt = hourOf(now.getTime() - 8 * DAY);
  const reviewAt = new Date(draftSavedAt.getTime() + 2 * DAY);
  const openedAt = hourOf(now.getTime() - 2 * DAY - 4 * HOUR);

  // The audit chain runs oldest first: back-dated events go in only after everything already logged.
  const last = await prisma.auditEvent.findFirst({
    where: { groupId },
    orderBy: { seq: "desc" },
    select: { createdAt: true },
  });
  if (last && last.createdAt >= draftSavedAt) return 0;

  const doc = new Y.Doc();
  for (const key of keys) {
    const content = VOTING_PAPER.sections[key];
    if (content) prosemirrorJSONToYXmlFragment(editorSchema(), content, doc.getXmlFragment(key));
  }
  const state = Y.encodeStateAsUpdate(doc);
  const canonical = canonicalFromYDoc(doc, keys);

  const paper = await prisma.paper.create({
    data: {
      groupId,
      templateId,
      title: VOTING_PAPER.title,
      titleTranslation: VOTING_PAPER.titleTranslation ?? "",
      titleTranslationSource: VOTING_PAPER.titleTranslation
        ? (VOTING_PAPER.titleTranslationSource ?? VOTING_PAPER.title)
        : null,
      status: "DRAFT",
      leadDelegationId: delegation?.id ?? null,
      originalLanguage: "en",
      createdById: author.userId,
      createdAt,
      sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
    },
  });
  await writeInitialState(paper.id, state, prisma);

  await prisma.$transaction(
    async (tx: Prisma.TransactionClient) => {
      const version = async (number: number, label: string, reason: "MANUAL" | "VOTE_OPENED", at: Date) => {
        const by = reason === "MANUAL" ? author : who("cochair.us@example.org");
        const row = await tx.version.create({
          data: {
            paperId: paper.id,
            number,
            label,
            reason,
            state: toBytes(state),
            canonicalText: canonical.text,
            textHash: canonical.hash,
            createdById: by.userId,
            createdAt: at,
          },
        });
        await appendAudit(
          {
            groupId,
            type: "version.saved",
            actorId: by.userId,
            subjectType: "paper",
            subjectId: paper.id,
            data: { number, label, textHash: canonical.hash, reason },
            at,
          },
          tx,
        );
        return row;
      };
      await version(1, "First full draft", "MANUAL", draftSavedAt);
      await tx.paper.update({ where: { id: paper.id }, data: { status: "REVIEW", updatedAt: reviewAt } });
      await appendAudit(
        {
          groupId,
          type: "paper.status_changed",
          actorId: author.userId,
          subjectType: "paper",
          subjectId: paper.id,
          data: { from: "DRAFT", to: "REVIEW", cause: "manual" },
          at: reviewAt,
        },
        tx,
      );

      // Threads before the vote opened, and around it.
      await seedThreads(tx, groupId, paper.id, doc, who, now);

      const frozen = await version(
        2,
        `Vote opened ${openedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        "VOTE_OPENED",
        openedAt,
      );
      await setStatus(tx, groupId, paper.id, "REVIEW", "VOTING", openedAt);
      const opener = who("cochair.us@example.org");
      const rules = {
        quorumShare: 0.5,
        quorumAllDelegations: false,
        minSupportShare: 0,
        onePerDelegation: false,
      };
      const eligible = [...people.values()].filter((m) => m.role === "COCHAIR" || m.role === "MEMBER");
      const vote = await tx.vote.create({
        data: {
          paperId: paper.id,
          versionId: frozen.id,
          textHash: canonical.hash,
          kind: "CONSENSUS",
          deadline: new Date(openedAt.getTime() + 7 * DAY),
          ...rules,
          openedById: opener.userId,
          openedAt,
          eligibleVoters: {
            create: eligible.map((m) => ({
              userId: m.userId,
              delegationId: m.delegationId,
              name: m.user.name,
              role: m.role,
            })),
          },
        },
      });
      await appendAudit(
        {
          groupId,
          type: "vote.opened",
          actorId: opener.userId,
          subjectType: "vote",
          subjectId: vote.id,
          data: {
            paperId: paper.id,
            kind: "CONSENSUS",
            deadline: vote.deadline.toISOString(),
            rules,
            textHash: canonical.hash,
            versionNumber: 2,
            eligible: eligible.length,
          },
          at: openedAt,
        },
        tx,
      );
      for (const stance of OPEN_STANCES) {
        const voter = who(stance.email);
        const at = new Date(openedAt.getTime() + stance.after);
        const row = await tx.stance.create({
          data: {
            voteId: vote.id,
            userId: voter.userId,
            value: stance.value,
            statement: stance.statement ?? "",
            createdAt: at,
          },
        });
        await appendAudit(
          {
            groupId,
            type: "stance.cast",
            actorId: voter.userId,
            subjectType: "vote",
            subjectId: vote.id,
            data: { stanceId: row.id.toString(), value: stance.value, statement: stance.statement ?? "" },
            at,
          },
          tx,
        );
      }
    },
    { timeout: 60_000 },
  );
  doc.destroy();
  return 1;
}

async function seedThreads(
  tx: Prisma.TransactionClient,
  groupId: string,
  paperId: string,
  doc: Y.Doc,
  who: (email: string) => { userId: string; user: { name: string } },
  now: Date,
): Promise<void> {
  const members = [...(await tx.membership.findMany({ where: { groupId }, select: { user: true } }))].map(
    (m) => ({ id: m.user.id, name: m.user.name }),
  );
  for (const spec of THREADS) {
    const openedAt = new Date(Math.floor((now.getTime() - spec.ago) / MINUTE) * MINUTE);
    let anchor: { start: Uint8Array<ArrayBuffer>; end: Uint8Array<ArrayBuffer> } | null = null;
    if (spec.quote) {
      const fragment = doc.getXmlFragment(spec.section);
      const from = flattenFragment(fragment).text.indexOf(spec.quote);
      const range = from >= 0 ? rangeFromOffsets(fragment, from, from + spec.quote.length) : null;
      if (range)
        anchor = {
          start: new Uint8Array(Y.encodeRelativePosition(range.start)),
          end: new Uint8Array(Y.encodeRelativePosition(range.end)),
        };
    }
    const author = who(spec.comments[0].email);
    const thread = await tx.thread.create({
      data: {
        paperId,
        sectionKey: spec.section,
        anchorStart: anchor?.start ?? null,
        anchorEnd: anchor?.end ?? null,
        quote: anchor ? spec.quote! : "",
        authorId: author.userId,
        createdAt: openedAt,
        ...(spec.resolvedBy
          ? {
              status: "RESOLVED" as const,
              resolvedById: who(spec.resolvedBy.email).userId,
              resolvedAt: new Date(openedAt.getTime() + spec.resolvedBy.after),
            }
          : {}),
      },
    });
    for (const [index, spec2] of spec.comments.entries()) {
      const writer = who(spec2.email);
      const at = new Date(openedAt.getTime() + spec2.after);
      const comment = await tx.comment.create({
        data: { threadId: thread.id, authorId: writer.userId, body: spec2.body, createdAt: at },
      });
      const mentioned = parseMentions(spec2.body, members).filter((id) => id !== writer.userId);
      if (mentioned.length)
        await tx.mention.createMany({ data: mentioned.map((userId) => ({ commentId: comment.id, userId })) });
      // Someone who wrote later in the thread has read what came before: their notices are read.
      const readLater = (userId: string) => {
        const later = spec.comments.slice(index + 1).find((c) => who(c.email).userId === userId);
        return later ? new Date(openedAt.getTime() + later.after) : null;
      };
      const common = { groupId, paperId, threadId: thread.id, commentId: comment.id, actorId: writer.userId };
      const rows: Prisma.NotificationCreateManyInput[] = mentioned.map((userId) => ({
        ...common,
        userId,
        kind: "MENTION",
        createdAt: at,
        readAt: readLater(userId),
      }));
      if (index > 0 && author.userId !== writer.userId && !mentioned.includes(author.userId))
        rows.push({
          ...common,
          userId: author.userId,
          kind: "REPLY",
          createdAt: at,
          readAt: readLater(author.userId),
        });
      if (rows.length) await tx.notification.createMany({ data: rows });
    }
  }
}
