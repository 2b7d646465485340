// The report's data: which papers are adopted and in what order, the foreword and executive summary, and
// the audit chain head. The text of each finding is read from the version its adopting vote was bound
// to, never from the live document.
import * as Y from "yjs";
import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { canonicalSectionText, sha256Hex } from "~/modules/documents/canonical-text";
import { toBytes } from "~/modules/documents/doc-store.server";
import {
  fragmentToJson,
  jsonToFragment,
  sanitizeDoc,
  type PMNode,
} from "~/modules/documents/prosemirror-json";
import { otherLanguage, translationFragmentName } from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";
import { rolesAllowedTo, type Actor } from "~/modules/policy/policy";
import { storedCountsSchema, storedPerDelegationSchema } from "./adoption";
import type { ReportSource, SourcePaper } from "./report";
import { FRONT_MATTER_PARTS, type FrontMatterPart, type ReportOrderInput } from "./report.schema";
import { requirePermission } from "~/modules/policy/require";

type Tx = Prisma.TransactionClient;

const adoptingVote = {
  // A vote on the paper, not a silence procedure on one of its suggestions.
  where: { status: "CLOSED" as const, suggestionId: null, outcome: { result: "ADOPTED" as const } },
  orderBy: { closedAt: "desc" as const },
  take: 1,
};

/**
 * The group's adopted papers in report order: the secretariat's order first, then papers it has not
 * placed yet, in the order they were adopted. A paper counts once its adopting vote's outcome is stored.
 */
async function adoptedPapers(groupId: string, client: Tx | ReturnType<typeof db> = db()) {
  const papers = await client.paper.findMany({
    where: { groupId, status: "ADOPTED", votes: { some: adoptingVote.where } },
    select: {
      id: true,
      title: true,
      reportEntry: { select: { position: true } },
      votes: { ...adoptingVote, select: { id: true, closedAt: true } },
    },
  });
  const adoptedAt = (p: (typeof papers)[number]) => p.votes[0]?.closedAt?.getTime() ?? 0;
  return papers.sort((a, b) => {
    const pa = a.reportEntry?.position ?? Number.MAX_SAFE_INTEGER;
    const pb = b.reportEntry?.position ?? Number.MAX_SAFE_INTEGER;
    return pa - pb || adoptedAt(a) - adoptedAt(b) || a.id.localeCompare(b.id);
  });
}

/** Adopted papers in report order, for the secretariat's arranging page. */
export async function getReportOrder(groupId: string): Promise<{ id: string; title: string }[]> {
  return (await adoptedPapers(groupId)).map((p) => ({ id: p.id, title: p.title }));
}

async function lockReport(tx: Tx, groupId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"report:" + groupId}))`;
}

async function writeOrder(tx: Tx, actor: Actor, groupId: string, ids: string[]): Promise<void> {
  await tx.reportEntry.deleteMany({ where: { groupId } });
  await tx.reportEntry.createMany({ data: ids.map((paperId, position) => ({ groupId, paperId, position })) });
  await appendAudit(
    {
      groupId,
      type: "report.ordered",
      actorId: actor.userId,
      subjectType: "group",
      subjectId: groupId,
      data: { order: ids },
    },
    tx,
  );
}

/**
 * Moves one finding up or down, or sets the whole order (drag and drop). A whole order must list exactly
 * the adopted papers of now: a page loaded before another adoption is refused, nothing changed.
 * Returns the paper's new finding number for a move.
 */
export async function arrangeReport(
  actor: Actor,
  groupId: string,
  input: ReportOrderInput,
): Promise<{ paperId: string; number: number } | null> {
  requirePermission(actor, "report.arrange");
  return db().$transaction(async (tx) => {
    await lockReport(tx, groupId);
    const current = (await adoptedPapers(groupId, tx)).map((p) => p.id);
    if (input.intent === "move") {
      const from = current.indexOf(input.paperId);
      if (from < 0) throw new UserError("report.order.unknownPaper", 404);
      const to = input.direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= current.length) return { paperId: input.paperId, number: from + 1 };
      const next = [...current];
      [next[from], next[to]] = [next[to], next[from]];
      await writeOrder(tx, actor, groupId, next);
      return { paperId: input.paperId, number: to + 1 };
    }
    const same =
      input.order.length === current.length && [...input.order].sort().join() === [...current].sort().join();
    if (!same) throw new UserError("report.order.stale", 409);
    await writeOrder(tx, actor, groupId, input.order);
    return null;
  });
}

// ─── Foreword and executive summary ─────────────────────────────────────────

export interface FrontMatter {
  foreword: PMNode;
  summary: PMNode;
  forewordEs: PMNode;
  summaryEs: PMNode;
  /** Changes whenever someone saves; a save based on an older revision is refused. */
  revision: string;
}

function readFrontMatter(state: Uint8Array | null): Record<FrontMatterPart, PMNode> {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  // Each part is a fragment of its own name ("forewordEs" too).
  const parts = Object.fromEntries(
    FRONT_MATTER_PARTS.map((part) => [part, fragmentToJson(doc.getXmlFragment(part))]),
  ) as Record<FrontMatterPart, PMNode>;
  doc.destroy();
  return parts;
}

export async function getFrontMatter(groupId: string): Promise<FrontMatter> {
  const row = await db().reportFrontMatter.findUnique({
    where: { groupId },
    select: { state: true, updatedAt: true },
  });
  return { ...readFrontMatter(row?.state ?? null), revision: row ? row.updatedAt.toISOString() : "" };
}

/**
 * Saves the foreword and the executive summary (ProseMirror JSON from the editor, sanitised here) as one
 * Yjs state, each part a fragment like a paper section. Refused if someone saved since `revision`.
 */
export async function saveFrontMatter(
  actor: Actor,
  groupId: string,
  input: Partial<Record<FrontMatterPart, unknown>> & { revision: string },
): Promise<void> {
  requirePermission(actor, "report.edit");
  const doc = new Y.Doc();
  const hashes: Record<string, string> = {};
  try {
    for (const part of FRONT_MATTER_PARTS) {
      const clean = sanitizeDoc(input[part] ?? { type: "doc", content: [] });
      jsonToFragment(clean, doc.getXmlFragment(part));
      hashes[part] = sha256Hex(canonicalSectionText(clean));
    }
  } catch {
    throw new UserError("report.frontMatter.invalid", 400);
  }
  const state = toBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  await db().$transaction(async (tx) => {
    await lockReport(tx, groupId);
    const row = await tx.reportFrontMatter.findUnique({ where: { groupId }, select: { updatedAt: true } });
    if ((row ? row.updatedAt.toISOString() : "") !== input.revision)
      throw new UserError("report.frontMatter.stale", 409);
    await tx.reportFrontMatter.upsert({ where: { groupId }, create: { groupId, state }, update: { state } });
    await appendAudit(
      {
        groupId,
        type: "report.edited",
        actorId: actor.userId,
        subjectType: "group",
        subjectId: groupId,
        data: hashes,
      },
      tx,
    );
  });
}

// ─── The whole report ────────────────────────────────────────────────────────

/** The latest audit event of the group: exported reports carry it, so later deletions can be seen. */
export async function auditHead(groupId: string): Promise<{ count: number; head: string | null }> {
  const [count, last] = await Promise.all([
    db().auditEvent.count({ where: { groupId } }),
    db().auditEvent.findFirst({ where: { groupId }, orderBy: { seq: "desc" }, select: { hash: true } }),
  ]);
  return { count, head: last?.hash ?? null };
}

async function loadPaper(paperId: string): Promise<SourcePaper | null> {
  const paper = await db().paper.findUnique({
    where: { id: paperId },
    select: {
      id: true,
      title: true,
      titleTranslation: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true, title: true, titleEs: true } },
      votes: {
        ...adoptingVote,
        select: {
          kind: true,
          onePerDelegation: true,
          closedAt: true,
          version: { select: { number: true, textHash: true, state: true } },
          outcome: { select: { counts: true, perDelegation: true, statements: true, computedAt: true } },
        },
      },
    },
  });
  const vote = paper?.votes[0];
  if (!paper || !vote?.outcome || !vote.version) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, vote.version.state);
  // Both languages of a bilingual paper, as adopted: the translation is "<key>:<lang>" in the same state.
  const originalLanguage = paperLanguage(paper.originalLanguage);
  const translation = otherLanguage(originalLanguage);
  const sections = paper.sections.map((s) => {
    const name = translationFragmentName(s.key, translation);
    return {
      key: s.key,
      title: s.title,
      titleEs: s.titleEs,
      doc: fragmentToJson(doc.getXmlFragment(s.key)),
      translation: doc.share.has(name) ? fragmentToJson(doc.getXmlFragment(name)) : null,
    };
  });
  doc.destroy();
  const statements = Array.isArray(vote.outcome.statements) ? vote.outcome.statements : [];
  return {
    id: paper.id,
    title: paper.title,
    titleTranslation: paper.titleTranslation,
    originalLanguage,
    sections,
    version: { number: vote.version.number, textHash: vote.version.textHash },
    adoption: {
      kind: vote.kind,
      onePerDelegation: vote.onePerDelegation,
      adoptedAt: vote.closedAt ?? vote.outcome.computedAt,
      counts: storedCountsSchema.parse(vote.outcome.counts),
      perDelegation: storedPerDelegationSchema.parse(vote.outcome.perDelegation),
    },
    statements: statements.flatMap((s) =>
      s &&
      typeof s === "object" &&
      !Array.isArray(s) &&
      typeof s.statement === "string" &&
      typeof s.value === "string"
        ? [
            {
              delegation: typeof s.delegation === "string" ? s.delegation : "—",
              value: s.value,
              statement: s.statement,
            },
          ]
        : [],
    ),
  };
}

/** Everything the report shows, read from the database; `buildReport` makes it a document. */
export async function loadReportSource(group: {
  id: string;
  slug: string;
  name: string;
  nameEs?: string;
}): Promise<ReportSource> {
  const [order, delegations, memberships, frontMatter, audit] = await Promise.all([
    adoptedPapers(group.id),
    db().delegation.findMany({
      where: { groupId: group.id },
      orderBy: [{ position: "asc" }, { code: "asc" }],
      select: { id: true, code: true, name: true, nameEs: true },
    }),
    db().membership.findMany({
      where: { groupId: group.id, role: { in: [...rolesAllowedTo("vote.cast")] } },
      select: { role: true, delegationId: true, user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    getFrontMatter(group.id),
    auditHead(group.id),
  ]);
  const papers: SourcePaper[] = [];
  // One at a time: each holds a whole Yjs state in memory while it is read.
  for (const paper of order) {
    const loaded = await loadPaper(paper.id);
    if (loaded) papers.push(loaded);
  }
  const empty = (doc: PMNode) => !doc.content?.length;
  return {
    group: { slug: group.slug, name: group.name, nameEs: group.nameEs ?? "" },
    delegations: delegations.map((d) => ({
      code: d.code,
      name: d.name,
      nameEs: d.nameEs,
      members: memberships
        .filter((m) => m.delegationId === d.id)
        .map((m) => ({ name: m.user.name, role: m.role })),
    })),
    foreword: empty(frontMatter.foreword) ? null : frontMatter.foreword,
    summary: empty(frontMatter.summary) ? null : frontMatter.summary,
    forewordEs: empty(frontMatter.forewordEs) ? null : frontMatter.forewordEs,
    summaryEs: empty(frontMatter.summaryEs) ? null : frontMatter.summaryEs,
    papers,
    audit,
  };
}
