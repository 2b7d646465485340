import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";
import { appendAudit, type AuditType } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import type { Actor, DraftingMode, PaperStatus } from "~/modules/policy/policy";
import { getLiveDocuments } from "../documents/live-docs";
import { publishPaperEvent } from "./paper-events";
import { canTransition, type TransitionCause } from "./status";
import type { PaperLanguage } from "../translations/translation";
import { requirePermission } from "~/modules/policy/require";
import { EDITABLE_STATUSES } from "~/modules/policy/policy";
import { nextTitleTranslationSource } from "../translations/bilingual-text";
import type { PaperTitlesInput } from "./papers.schema";

export async function createPaper(
  actor: Actor,
  groupId: string,
  input: {
    templateId: string;
    title: string;
    leadDelegationId: string | null;
    originalLanguage?: PaperLanguage;
    titleTranslation?: string;
  },
  /** A paper that starts with text (a Word import): its first Yjs state, a check and an audit row of its own. */
  initial?: {
    state: Uint8Array<ArrayBuffer>;
    before: (tx: Prisma.TransactionClient) => Promise<void>;
    audit: { type: AuditType; data: Prisma.InputJsonObject };
  },
): Promise<{ id: string }> {
  requirePermission(actor, "paper.create");
  const template = await db().template.findFirst({
    where: { id: input.templateId, groupId, archivedAt: null },
    select: { id: true, sections: { orderBy: { position: "asc" } } },
  });
  if (!template) throw new UserError("papers.templateUnknown");
  if (input.leadDelegationId) {
    const delegation = await db().delegation.findFirst({
      where: { id: input.leadDelegationId, groupId },
      select: { id: true },
    });
    if (!delegation) throw new UserError("errors.delegationUnknown");
  }
  return db().$transaction(async (tx) => {
    await initial?.before(tx);
    const paper = await tx.paper.create({
      data: {
        groupId,
        templateId: template.id,
        title: input.title,
        titleTranslation: input.titleTranslation ?? "",
        titleTranslationSource: input.titleTranslation ? input.title : null,
        leadDelegationId: input.leadDelegationId,
        originalLanguage: input.originalLanguage ?? "en",
        createdById: actor.userId,
        // The paper keeps its own copy of the sections: later template edits never reshape it.
        sections: {
          create: template.sections.map((s, position) => ({
            key: s.key,
            title: s.title,
            titleEs: s.titleEs,
            guidance: s.guidance,
            guidanceEs: s.guidanceEs,
            required: s.required,
            position,
          })),
        },
      },
      select: { id: true },
    });
    await appendAudit(
      {
        groupId,
        type: "paper.created",
        actorId: actor.userId,
        subjectType: "paper",
        subjectId: paper.id,
        data: {
          title: input.title,
          templateId: template.id,
          originalLanguage: input.originalLanguage ?? "en",
        },
      },
      tx,
    );
    if (initial) {
      await tx.paperSnapshot.create({
        data: { paperId: paper.id, state: initial.state, throughUpdateId: 0n },
      });
      await appendAudit(
        {
          groupId,
          type: initial.audit.type,
          actorId: actor.userId,
          subjectType: "paper",
          subjectId: paper.id,
          data: initial.audit.data,
        },
        tx,
      );
    }
    return paper;
  });
}

/** The lead delegation's columns of a paper row (LEFT JOIN "Delegation"), as the pages want them. */
interface LeadColumns {
  leadCode: string | null;
  leadName: string;
  leadNameEs: string;
  leadColour: string;
}

function leadDelegationOf(row: LeadColumns): PaperListRow["leadDelegation"] {
  return row.leadCode === null
    ? null
    : { code: row.leadCode, name: row.leadName, nameEs: row.leadNameEs, colour: row.leadColour };
}

export interface PaperListRow {
  id: string;
  title: string;
  titleTranslation: string;
  originalLanguage: string;
  status: PaperStatus;
  updatedAt: Date;
  leadDelegation: { code: string; name: string; nameEs: string; colour: string } | null;
  template: { name: string } | null;
}

/** The group page lists this many papers at a time. */
export const PAPERS_PER_PAGE = 50;

/** Which papers the list holds: the group's ($1), by status ($2) and lead delegation's code ($3) when given. */
const LISTED_PAPERS = `WHERE p."groupId" = $1
        AND ($2::text IS NULL OR p.status::text = $2)
        AND ($3::text IS NULL OR d.code = $3)`;

/**
 * One page of the group's papers, most recently changed first, optionally by status and lead
 * delegation's code, with how many match in all. A page past the last is empty (the total says so).
 */
export async function listPapers(
  groupId: string,
  filter: { status?: PaperStatus; lead?: string; page?: number },
): Promise<{ papers: PaperListRow[]; total: number }> {
  const page = filter.page ?? 1;
  // Plain SQL (app/sql.server.ts): the group page asks it on every visit. The total comes with the rows
  // (a window count), or from a second statement when the page is past the last.
  const rows = await sqlRows<
    Omit<PaperListRow, "updatedAt" | "leadDelegation" | "template"> &
      LeadColumns & { updatedAt: number; templateName: string | null; total: number }
  >(
    `SELECT p.id, p.title, p."titleTranslation", p."originalLanguage", p.status::text AS status,
            ${epochMs('p."updatedAt"')} AS "updatedAt",
            d.code AS "leadCode", d.name AS "leadName", d."nameEs" AS "leadNameEs", d.colour AS "leadColour",
            t.name AS "templateName", count(*) OVER ()::int AS total
       FROM "Paper" p
       LEFT JOIN "Delegation" d ON d.id = p."leadDelegationId"
       LEFT JOIN "Template" t ON t.id = p."templateId"
      ${LISTED_PAPERS}
      ORDER BY p."updatedAt" DESC, p.id ASC
      LIMIT $4 OFFSET $5`,
    [groupId, filter.status ?? null, filter.lead ?? null, PAPERS_PER_PAGE, (page - 1) * PAPERS_PER_PAGE],
  );
  const total =
    rows[0]?.total ??
    (page === 1
      ? 0
      : (
          await sqlRows<{ total: number }>(
            `SELECT count(*)::int AS total FROM "Paper" p
               LEFT JOIN "Delegation" d ON d.id = p."leadDelegationId"
              ${LISTED_PAPERS}`,
            [groupId, filter.status ?? null, filter.lead ?? null],
          )
        )[0].total);
  const papers = rows.map(
    ({ updatedAt, leadCode, leadName, leadNameEs, leadColour, templateName, total: _total, ...paper }) => ({
      ...paper,
      updatedAt: new Date(updatedAt),
      leadDelegation: leadDelegationOf({ leadCode, leadName, leadNameEs, leadColour }),
      template: templateName === null ? null : { name: templateName },
    }),
  );
  return { papers, total };
}

export interface PaperPageRow {
  id: string;
  title: string;
  titleTranslation: string;
  titleTranslationSource: string | null;
  status: PaperStatus;
  draftingMode: DraftingMode;
  leadDelegationId: string | null;
  originalLanguage: string;
  updatedAt: Date;
  leadDelegation: { code: string; name: string; nameEs: string; colour: string } | null;
  sections: {
    key: string;
    title: string;
    titleEs: string;
    guidance: string;
    guidanceEs: string;
    required: boolean;
  }[];
}

/**
 * A paper of the group with its sections in order, or null. Every paper page reads it: plain SQL, two
 * statements at once (app/sql.server.ts).
 */
export function getPaper(groupId: string, paperId: string): Promise<PaperPageRow | null> {
  return readPaper(`p."groupId" = $2`, paperId, groupId);
}

/**
 * `getPaper` by the group's slug, for a page that reads the paper beside the session and the membership
 * (app/http/access.server.ts: requirePaperAccess), before it knows the group's id. It says nothing about
 * who may see the paper: the caller answers only once the membership is confirmed.
 */
export function getPaperByGroupSlug(slug: string, paperId: string): Promise<PaperPageRow | null> {
  return readPaper(`p."groupId" = (SELECT g.id FROM "Group" g WHERE g.slug = $2)`, paperId, slug);
}

/** The paper `$1` and its sections, where `inGroup` (SQL over the paper `p`, with `$2`) holds. */
async function readPaper(inGroup: string, paperId: string, group: string): Promise<PaperPageRow | null> {
  const [papers, sections] = await Promise.all([
    sqlRows<
      Omit<PaperPageRow, "updatedAt" | "leadDelegation" | "sections"> & LeadColumns & { updatedAt: number }
    >(
      `SELECT p.id, p.title, p."titleTranslation", p."titleTranslationSource", p.status::text AS status,
              p."draftingMode"::text AS "draftingMode", p."leadDelegationId", p."originalLanguage",
              ${epochMs('p."updatedAt"')} AS "updatedAt",
              d.code AS "leadCode", d.name AS "leadName", d."nameEs" AS "leadNameEs", d.colour AS "leadColour"
         FROM "Paper" p LEFT JOIN "Delegation" d ON d.id = p."leadDelegationId"
        WHERE p.id = $1 AND ${inGroup}`,
      [paperId, group],
    ),
    sqlRows<PaperPageRow["sections"][number]>(
      `SELECT s.key, s.title, s."titleEs", s.guidance, s."guidanceEs", s.required
         FROM "PaperSection" s JOIN "Paper" p ON p.id = s."paperId" AND ${inGroup}
        WHERE s."paperId" = $1 ORDER BY s.position ASC`,
      [paperId, group],
    ),
  ]);
  const row = papers[0];
  if (!row) return null;
  const { leadCode, leadName, leadNameEs, leadColour, updatedAt, ...paper } = row;
  return {
    ...paper,
    updatedAt: new Date(updatedAt),
    leadDelegation: leadDelegationOf({ leadCode, leadName, leadNameEs, leadColour }),
    sections,
  };
}

/**
 * Moves a paper to another status if the lifecycle allows it for this cause. The update is conditional
 * on the status it was read in, so two people clicking at once move it once. Open editors are told
 * within the second (connections become read-only or writable; pages get an event). With `tx`, the
 * caller calls `announceStatus` once its transaction has committed.
 */
export async function changePaperStatus(
  actor: Actor | null,
  paperId: string,
  to: PaperStatus,
  cause: TransitionCause,
  tx?: Prisma.TransactionClient,
): Promise<PaperStatus> {
  // A vote moves the paper under the vote's own permission (vote.manage), checked by the vote command.
  if (actor && cause === "user") requirePermission(actor, "paper.changeStatus");
  const run = async (client: Prisma.TransactionClient) => {
    const paper = await client.paper.findUnique({
      where: { id: paperId },
      select: { status: true, groupId: true },
    });
    if (!paper) throw new UserError("errors.notFound", 404);
    const from = paper.status;
    if (!canTransition(from, to, cause)) throw new UserError("papers.transitionRefused", 409, { from, to });
    const moved = await client.paper.updateMany({
      where: { id: paperId, status: from },
      data: { status: to },
    });
    if (moved.count !== 1) throw new UserError("papers.statusChangedMeanwhile", 409);
    await appendAudit(
      {
        groupId: paper.groupId,
        type: "paper.status_changed",
        actorId: actor?.userId ?? null,
        subjectType: "paper",
        subjectId: paperId,
        data: { from, to, cause },
      },
      client,
    );
    return from;
  };
  // Inside a caller's transaction the caller announces after its commit.
  if (tx) return run(tx);
  const from = await db().$transaction(run);
  announceStatus(paperId, to);
  return from;
}

/** Tells live connections and open pages about a status the database now holds. */
export function announceStatus(paperId: string, status: PaperStatus): void {
  getLiveDocuments()?.statusChanged(paperId, status);
  publishPaperEvent({ type: "status", paperId, status });
}

/** Templates a new paper can be made from. */
export async function listTemplateChoices(groupId: string) {
  return db().template.findMany({
    where: { groupId, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, nameEs: true },
  });
}

/**
 * Sets a paper's title and its translation (conveners, who name papers when they create them). The
 * original title is part of the text people vote on, so it changes only while the text may; the
 * translation can be written at any time (an adopted paper still needs its title in the report's other
 * language). A changed original leaves an unchanged translation out of date unless `confirmed`.
 */
export async function setPaperTitles(
  actor: Actor,
  groupId: string,
  paperId: string,
  input: PaperTitlesInput,
): Promise<void> {
  requirePermission(actor, "paper.create");
  await db().$transaction(async (tx) => {
    const before = await tx.paper.findFirst({
      where: { id: paperId, groupId },
      select: { status: true, title: true, titleTranslation: true, titleTranslationSource: true },
    });
    if (!before) throw new UserError("errors.notFound", 404);
    if (input.title !== before.title && !EDITABLE_STATUSES.includes(before.status))
      throw new UserError("papers.titleFrozen", 409);
    const source = nextTitleTranslationSource(before, input, input.confirmed);
    const moved = await tx.paper.updateMany({
      where: { id: paperId, title: before.title, titleTranslation: before.titleTranslation },
      data: { title: input.title, titleTranslation: input.titleTranslation, titleTranslationSource: source },
    });
    if (moved.count !== 1) throw new UserError("papers.statusChangedMeanwhile", 409);
    await appendAudit(
      {
        groupId,
        type: "paper.titled",
        actorId: actor.userId,
        subjectType: "paper",
        subjectId: paperId,
        data: {
          from: { title: before.title, translation: before.titleTranslation },
          to: { title: input.title, translation: input.titleTranslation },
        },
      },
      tx,
    );
  });
}
