// One demo paper adopted through a real vote record (version, eligible voters, stances, stored outcome,
// audit events), so the report is not empty on first start. Written through the same rows and triggers
// as a vote in the app: the stances go in while the vote is open and before its deadline.
import * as Y from "yjs";
import type { Prisma, PrismaClient, StanceValue } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { writeInitialState, toBytes } from "../app/modules/documents/doc-store.server";
import { canonicalFromYDoc } from "../app/modules/documents/canonical-text";
import { changePaperStatus } from "../app/modules/papers/papers.server";
import { appendAudit } from "../app/modules/audit/audit.server";
import { currentStances, tally } from "../app/modules/votes/tally";
import { ADOPTED_PAPER, RECOMMENDATION_TEMPLATE } from "./demo-papers";
import { demoTranslationLanguage, markDemoTranslation, writeDemoTranslation } from "./seed-translation";

const HOUR = 3600_000;

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
  const openedAt = new Date(now.getTime() - 72 * HOUR);

  const paper = await prisma.paper.create({
    data: {
      groupId,
      templateId,
      title: ADOPTED_PAPER.title,
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
      await changePaperStatus(null, paper.id, "VOTING", "vote", tx);
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
          deadline: new Date(now.getTime() + 96 * HOUR),
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
        },
        tx,
      );
      let hour = 2;
      for (const member of members) {
        const stance = STANCES[member.user.email];
        if (!stance) continue;
        const row = await tx.stance.create({
          data: {
            voteId: vote.id,
            userId: member.userId,
            value: stance.value,
            statement: stance.statement ?? "",
            createdAt: new Date(openedAt.getTime() + hour++ * HOUR),
          },
        });
        await appendAudit(
          {
            groupId,
            type: "stance.cast",
            actorId: member.userId,
            subjectType: "vote",
            subjectId: vote.id,
            data: { stanceId: row.id.toString(), value: stance.value, statement: stance.statement ?? "" },
          },
          tx,
        );
      }
      // Closed early by the co-chair who opened it, as the vote page's "Close now" does.
      await tx.vote.update({
        where: { id: vote.id },
        data: { status: "CLOSED", closedAt: now, closedById: opener.userId },
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
          computedAt: now,
        },
      });
      await changePaperStatus(null, paper.id, outcome.result === "ADOPTED" ? "ADOPTED" : "DRAFT", "vote", tx);
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
        },
        tx,
      );
    },
    { timeout: 30_000 },
  );
  return 1;
}
