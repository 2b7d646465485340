// One demo paper adopted through a real vote record (version, eligible voters, stances, stored outcome,
// audit events), so the report is not empty on first start. Written through the same rows and triggers
// as a vote in the app: the stances go in while the vote is open and before its deadline.
import * as Y from "yjs";
import type { PaperStatus, Prisma, PrismaClient, StanceValue } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { writeInitialState, toBytes } from "../app/modules/documents/doc-store.server";
import { canonicalFromYDoc } from "../app/modules/documents/canonical-text";
import { appendAudit } from "../app/modules/audit/audit.server";
import { currentStances, tally } from "../app/modules/votes/tally";
import { ADOPTED_PAPER, RECOMMENDATION_TEMPLATE } from "./demo-papers";
import { demoTranslationLanguage, markDemoTranslation, writeDemoTranslation } from "./seed-translation";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Stances by email; everyone else eligible takes none. */
const STANCES: Record<string, { value: StanceValue; statement?: string }> = {
  "cochair.us@example.org": { value: "SUPPORT" },
  "cochair.mx@example.org": { value: "SUPPORT" },
  "cochair.gt@example.org": { value: "SUPPORT" },
  "member.us@example.org": { value: "SUPPORT" },
  "member.mx@example.org": { value: "SUPPORT" },
  "member.sv@example.org": { value: "SUPPORT" },
  "member.gt@example.org": { value: "SUPPORT" },
  "member.hn@example.org": {
    value: "SUPPORT_WITH_RESERVATIONS",
    statement:
      "Honduras asks that assessment centres also open outside the capital, where most returnees live.",
  },
  "member2.us@example.org": { value: "ABSTAIN" },
  "member2.mx@example.org": { value: "SUPPORT" },
  "member2.sv@example.org": { value: "SUPPORT" },
  "member2.hn@example.org": { value: "SUPPORT" },
};

export async function seedAdoptedPaper(
  prisma: PrismaClient,
  groupId: string,
  templateId: string,
  authorId: string,
  now = new Date(),
): Promise<number> {
  const delegations = new Map(
    (await prisma.delegation.findMany({ where: { groupId } })).map((d) => [d.code, d.id]),
  );
  const members = await prisma.membership.findMany({
    where: { groupId, role: { in: ["COCHAIR", "MEMBER"] } },
    select: {
      userId: true,
      role: true,
      delegationId: true,
      user: { select: { name: true, email: true } },
      delegation: { select: { code: true } },
    },
  });
  const opener = members.find((m) => m.user.email === "cochair.mx@example.org") ?? members[0];
  // A timeline that agrees with itself: opened twelve days ago for two weeks, stances over the next
  // day and a half, closed early by the opener three days after opening, once every delegation spoke. Every audit event carries the
  // time of the act it records, oldest first.
  const openedAt = new Date(Math.floor((now.getTime() - 12 * DAY) / HOUR) * HOUR + 15 * 60_000);
  const closedAt = new Date(openedAt.getTime() + 3 * DAY + 2 * HOUR);

  const paper = await prisma.paper.create({
    data: {
      groupId,
      templateId,
      title: ADOPTED_PAPER.title,
      titleTranslation: ADOPTED_PAPER.titleTranslation ?? "",
      titleTranslationSource: ADOPTED_PAPER.titleTranslation
        ? (ADOPTED_PAPER.titleTranslationSource ?? ADOPTED_PAPER.title)
        : null,
      status: "REVIEW",
      leadDelegationId: delegations.get(ADOPTED_PAPER.lead) ?? null,
      originalLanguage: ADOPTED_PAPER.originalLanguage ?? "en",
      createdById: authorId,
      createdAt: new Date(openedAt.getTime() - 14 * 24 * HOUR),
      sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
    },
  });
  const doc = new Y.Doc();
  for (const section of RECOMMENDATION_TEMPLATE.sections) {
    const content = ADOPTED_PAPER.sections[section.key];
    if (content) prosemirrorJSONToYXmlFragment(editorSchema(), content, doc.getXmlFragment(section.key));
  }
  const keys = RECOMMENDATION_TEMPLATE.sections.map((s) => s.key);
  // Adopted in both languages: the version's hash covers the translation too.
  writeDemoTranslation(doc, ADOPTED_PAPER, keys);
  const state = Y.encodeStateAsUpdate(doc);
  const canonical = canonicalFromYDoc(doc, keys, demoTranslationLanguage(ADOPTED_PAPER));
  await markDemoTranslation(
    prisma,
    paper.id,
    doc,
    ADOPTED_PAPER,
    authorId,
    new Date(openedAt.getTime() - HOUR),
  );
  doc.destroy();
  await writeInitialState(paper.id, state, prisma);

  await prisma.$transaction(
    async (tx: Prisma.TransactionClient) => {
      await setStatus(tx, groupId, paper.id, "REVIEW", "VOTING", openedAt);
      const version = await tx.version.create({
        data: {
          paperId: paper.id,
          number: 1,
          label: `Vote opened ${openedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
          reason: "VOTE_OPENED",
          state: toBytes(state),
          canonicalText: canonical.text,
          textHash: canonical.hash,
          createdById: opener.userId,
          createdAt: openedAt,
        },
      });
      await appendAudit(
        {
          groupId,
          type: "version.saved",
          actorId: opener.userId,
          subjectType: "paper",
          subjectId: paper.id,
          data: { number: 1, label: version.label, textHash: canonical.hash, reason: "VOTE_OPENED" },
          at: openedAt,
        },
        tx,
      );
      const rules = {
        quorumShare: 0.5,
        quorumAllDelegations: true,
        minSupportShare: 0,
        onePerDelegation: false,
      };
      const vote = await tx.vote.create({
        data: {
          paperId: paper.id,
          versionId: version.id,
          textHash: canonical.hash,
          kind: "CONSENSUS",
          // A two-week vote (the record refuses stances after the deadline, so it is still ahead at seed time).
          deadline: new Date(openedAt.getTime() + 14 * DAY),
          ...rules,
          openedById: opener.userId,
          openedAt,
          eligibleVoters: {
            create: members.map((m) => ({
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
            versionNumber: 1,
            eligible: members.length,
          },
          at: openedAt,
        },
        tx,
      );
      let minutes = 40;
      for (const member of members) {
        const stance = STANCES[member.user.email];
        if (!stance) continue;
        const row = await tx.stance.create({
          data: {
            voteId: vote.id,
            userId: member.userId,
            value: stance.value,
            statement: stance.statement ?? "",
            createdAt: new Date(openedAt.getTime() + minutes * 60_000),
          },
        });
        const castAt = new Date(openedAt.getTime() + minutes * 60_000);
        // Spread over the next day and a half, as delegates get to it.
        minutes += 95 + ((minutes * 7) % 130);
        await appendAudit(
          {
            groupId,
            type: "stance.cast",
            actorId: member.userId,
            subjectType: "vote",
            subjectId: vote.id,
            data: { stanceId: row.id.toString(), value: stance.value, statement: stance.statement ?? "" },
            at: castAt,
          },
          tx,
        );
      }
      // Closed early by the co-chair who opened it, as the vote page's "Close now" does.
      await tx.vote.update({
        where: { id: vote.id },
        data: { status: "CLOSED", closedAt, closedById: opener.userId },
      });
      const stances = await tx.stance.findMany({
        where: { voteId: vote.id },
        select: { id: true, userId: true, value: true, statement: true },
      });
      const outcome = tally(
        "CONSENSUS",
        rules,
        members.map((m) => ({ userId: m.userId, delegation: m.delegation?.code ?? "—" })),
        currentStances(stances).map((s) => ({ userId: s.userId, value: s.value, statement: s.statement })),
      );
      await tx.voteOutcome.create({
        data: {
          voteId: vote.id,
          result: outcome.result,
          reason: outcome.reason,
          quorumMet: outcome.quorumMet,
          counts: outcome.counts,
          perDelegation: outcome.perDelegation as unknown as Prisma.InputJsonObject,
          statements: outcome.statements,
          eligibleCount: outcome.eligibleCount,
          takingPart: outcome.takingPart,
          computedAt: closedAt,
        },
      });
      await setStatus(
        tx,
        groupId,
        paper.id,
        "VOTING",
        outcome.result === "ADOPTED" ? "ADOPTED" : "DRAFT",
        closedAt,
      );
      await appendAudit(
        {
          groupId,
          type: "vote.closed",
          actorId: opener.userId,
          subjectType: "vote",
          subjectId: vote.id,
          data: {
            result: outcome.result,
            reason: outcome.reason,
            counts: outcome.counts,
            takingPart: outcome.takingPart,
            eligible: outcome.eligibleCount,
            early: true,
          },
          at: closedAt,
        },
        tx,
      );
    },
    { timeout: 30_000 },
  );
  return 1;
}

/** A status change at a past time, with its audit event then (the app's own path stamps "now"). */
export async function setStatus(
  tx: Prisma.TransactionClient,
  groupId: string,
  paperId: string,
  from: PaperStatus,
  to: PaperStatus,
  at: Date,
): Promise<void> {
  await tx.paper.update({ where: { id: paperId }, data: { status: to, updatedAt: at } });
  await appendAudit(
    {
      groupId,
      type: "paper.status_changed",
      actorId: null,
      subjectType: "paper",
      subjectId: paperId,
      data: { from, to, cause: "vote" },
      at,
    },
    tx,
  );
}
