// Word imports: a preview (convert, map onto the sections, keep the result as a short-lived draft) and its
// confirmation (a new paper whose sections hold the text, or a translation filled into an existing paper).
// The uploaded file is never stored: the draft holds the converted, schema-checked sections and the
// file's SHA-256, which the audit log records on the confirmation.
import { createHash } from "node:crypto";
import * as Y from "yjs";
import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { UserError } from "~/modules/errors";
import { appendAudit } from "~/modules/audit/audit.server";
import { appendUpdates, toBytes } from "~/modules/documents/doc-store.server";
import { getLiveDocuments } from "~/modules/documents/live-docs";
import { createPaper } from "~/modules/papers/papers.server";
import { publishPaperEvent } from "~/modules/papers/paper-events";
import { jsonToFragment, type PMNode } from "~/modules/documents/prosemirror-json";
import {
  otherLanguage,
  translationFragmentName,
  type PaperLanguage,
} from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";
import { currentPaperDoc } from "~/modules/papers/versions.server";
import { can, type Actor, type PaperStatus } from "~/modules/policy/policy";
import { isDocxRefused, sniffDocx } from "./docx-container";
import type { DroppedContent } from "./docx-convert";
import { getDocxConverter } from "./docx-converter";
import type { ImportPreview } from "./import-preview";
import { DRAFT_TTL_MS } from "./import-limits";
import { gateSectionDoc } from "./section-gate";
import { mapOntoTemplate, previewOf, sectionTitles } from "./template-mapping";

export interface NewPaperInput {
  templateId: string;
  title: string;
  leadDelegationId: string | null;
  originalLanguage: PaperLanguage;
}

interface DraftSection {
  key: string;
  title: string;
  heading: string | null;
  doc: PMNode;
  /** Translation imports: the section already has translated text, which is kept. */
  kept?: boolean;
}

interface DraftPayload {
  kind: "paper" | "translation";
  input?: NewPaperInput;
  language: PaperLanguage;
  sections: DraftSection[];
  dropped: DroppedContent;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A file name as shown and audited: its last path part, printable, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "document.docx";
}

async function convert(file: UploadedFile) {
  try {
    sniffDocx(file.bytes);
    return await getDocxConverter()(file.bytes);
  } catch (error) {
    if (isDocxRefused(error)) {
      const status = error.reason === "tooLarge" ? 413 : error.reason === "busy" ? 503 : 400;
      throw new UserError(`word.refused.${error.reason}`, status, error.params);
    }
    throw error;
  }
}

async function storeDraft(
  actor: Actor,
  groupId: string,
  paperId: string | null,
  file: UploadedFile,
  payload: DraftPayload,
  now: Date,
): Promise<string> {
  // Expired drafts go whenever a new one comes: nothing else needs to sweep them.
  await db().wordImportDraft.deleteMany({ where: { expiresAt: { lt: now } } });
  const draft = await db().wordImportDraft.create({
    data: {
      groupId,
      userId: actor.userId,
      paperId,
      sha256: fileSha256(file.bytes),
      fileName: cleanFileName(file.name),
      payload: payload as unknown as Prisma.InputJsonValue,
      expiresAt: new Date(now.getTime() + DRAFT_TTL_MS),
    },
    select: { id: true },
  });
  return draft.id;
}

/** The SHA-256 of the file's bytes, as hex. */
export function fileSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function refuseEmpty(sections: DraftSection[]): void {
  if (sections.every((s) => !s.doc.content?.length)) throw new UserError("word.refused.nothingToImport", 400);
}

/** Converts a .docx for a new paper and keeps the result for its "Create"; returns the draft's id. */
export async function previewPaperImport(
  actor: Actor,
  groupId: string,
  input: NewPaperInput,
  file: UploadedFile,
  now = new Date(),
): Promise<string> {
  if (!can(actor, "paper.create")) throw new UserError("errors.forbidden", 403);
  const template = await db().template.findFirst({
    where: { id: input.templateId, groupId, archivedAt: null },
    select: { sections: { orderBy: { position: "asc" }, select: { key: true, title: true } } },
  });
  if (!template) throw new UserError("papers.templateUnknown");
  const converted = await convert(file);
  const mapped = mapOntoTemplate(
    converted.blocks,
    template.sections.map((s) => ({ key: s.key, titles: sectionTitles(s) })),
  );
  const sections = mapped.map((m, index) => ({ ...m, title: template.sections[index].title }));
  refuseEmpty(sections);
  return storeDraft(
    actor,
    groupId,
    null,
    file,
    { kind: "paper", input, language: input.originalLanguage, sections, dropped: converted.dropped },
    now,
  );
}

async function findDraft(actor: Actor, groupId: string, draftId: string, paperId: string | null, now: Date) {
  const draft = await db().wordImportDraft.findFirst({
    where: { id: draftId, groupId, userId: actor.userId, paperId, expiresAt: { gt: now } },
  });
  if (!draft) throw new UserError("word.draftGone", 404);
  return { ...draft, payload: draft.payload as unknown as DraftPayload };
}

/** What the preview page shows; only the person who uploaded the file sees it. */
export async function getImportPreview(
  actor: Actor,
  groupId: string,
  draftId: string,
  paperId: string | null = null,
  now = new Date(),
): Promise<ImportPreview> {
  const draft = await findDraft(actor, groupId, draftId, paperId, now);
  const { payload } = draft;
  return {
    draftId: draft.id,
    kind: payload.kind,
    fileName: draft.fileName,
    sha256: draft.sha256,
    language: payload.language,
    title: payload.input?.title ?? null,
    expiresAt: draft.expiresAt.toISOString(),
    sections: payload.sections.map((s) => ({
      ...previewOf({ key: s.key, heading: s.heading, doc: s.doc }),
      title: s.title,
      kept: Boolean(s.kept),
    })),
    dropped: payload.dropped,
  };
}

function auditData(draft: { sha256: string; fileName: string }, payload: DraftPayload, written: string[]) {
  return {
    sha256: draft.sha256,
    fileName: draft.fileName,
    language: payload.language,
    sections: written,
    dropped: { ...payload.dropped },
  };
}

/** Creates the paper a preview showed: its sections hold the imported text. Deletes the draft. */
export async function createPaperFromImport(
  actor: Actor,
  groupId: string,
  draftId: string,
  now = new Date(),
): Promise<{ id: string }> {
  if (!can(actor, "paper.create")) throw new UserError("errors.forbidden", 403);
  const draft = await findDraft(actor, groupId, draftId, null, now);
  const { payload } = draft;
  if (payload.kind !== "paper" || !payload.input) throw new UserError("word.draftGone", 404);
  const doc = new Y.Doc();
  const written: string[] = [];
  for (const section of payload.sections) {
    if (!section.doc.content?.length) continue;
    // Checked again: the draft row is ours, but the gate is cheap and the schema may have moved on.
    jsonToFragment(gateSectionDoc(section.doc), doc.getXmlFragment(section.key));
    written.push(section.key);
  }
  const state = toBytes(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return createPaper(actor, groupId, payload.input, {
    state,
    before: async (tx) => {
      // Once: a second click (or a second tab) finds the draft gone and creates nothing.
      const taken = await tx.wordImportDraft.deleteMany({ where: { id: draft.id } });
      if (taken.count !== 1) throw new UserError("word.draftGone", 404);
    },
    audit: { type: "paper.imported", data: auditData(draft, payload, written) },
  });
}

// ─── A translation into an existing paper ───────────────────────────────────

async function paperForTranslation(actor: Actor, groupId: string, paperId: string) {
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId },
    select: {
      id: true,
      status: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true, title: true } },
    },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  const status: PaperStatus = paper.status;
  if (!can(actor, "paper.edit", { kind: "paper", status })) throw new UserError("errors.forbidden", 403);
  // In review text changes only through suggestions; an import would bypass them.
  if (status !== "DRAFT") throw new UserError("word.translationNotDraft", 409);
  const language = otherLanguage(paperLanguage(paper.originalLanguage));
  return { ...paper, language };
}

function hasText(doc: Y.Doc, name: string): boolean {
  return doc.share.has(name) && doc.getXmlFragment(name).length > 0;
}

/** Converts a .docx in the paper's other language and keeps the result for its confirmation. */
export async function previewTranslationImport(
  actor: Actor,
  groupId: string,
  paperId: string,
  file: UploadedFile,
  now = new Date(),
): Promise<string> {
  const paper = await paperForTranslation(actor, groupId, paperId);
  const converted = await convert(file);
  const mapped = mapOntoTemplate(
    converted.blocks,
    paper.sections.map((s) => ({ key: s.key, titles: sectionTitles(s) })),
  );
  const current = await currentPaperDoc(paperId);
  const sections = mapped.map((m, index) => ({
    ...m,
    title: paper.sections[index].title,
    kept: hasText(current, translationFragmentName(m.key, paper.language)),
  }));
  current.destroy();
  refuseEmpty(sections);
  return storeDraft(
    actor,
    groupId,
    paperId,
    file,
    { kind: "translation", language: paper.language, sections, dropped: converted.dropped },
    now,
  );
}

/**
 * Writes the previewed translation into the paper's empty translation sections (a section someone
 * translated meanwhile keeps its text), live for everyone who has the paper open. Deletes the draft.
 */
export async function applyTranslationImport(
  actor: Actor,
  groupId: string,
  paperId: string,
  draftId: string,
  now = new Date(),
): Promise<{ sections: string[] }> {
  const paper = await paperForTranslation(actor, groupId, paperId);
  const draft = await findDraft(actor, groupId, draftId, paperId, now);
  const { payload } = draft;
  if (payload.kind !== "translation") throw new UserError("word.draftGone", 404);
  const taken = await db().wordImportDraft.deleteMany({ where: { id: draft.id } });
  if (taken.count !== 1) throw new UserError("word.draftGone", 404);
  const doc = await currentPaperDoc(paperId);
  const before = Y.encodeStateVector(doc);
  const written: string[] = [];
  doc.transact(() => {
    for (const section of payload.sections) {
      const name = translationFragmentName(section.key, paper.language);
      if (!section.doc.content?.length || hasText(doc, name)) continue;
      jsonToFragment(gateSectionDoc(section.doc), doc.getXmlFragment(name));
      written.push(section.key);
    }
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  if (written.length) {
    const live = getLiveDocuments();
    if (live) await live.applyServerUpdate(paperId, update);
    else await appendUpdates(paperId, [update]);
  }
  await db().$transaction((tx) =>
    appendAudit(
      {
        groupId,
        type: "translation.imported",
        actorId: actor.userId,
        subjectType: "paper",
        subjectId: paperId,
        data: auditData(draft, payload, written),
      },
      tx,
    ),
  );
  for (const key of written) publishPaperEvent({ type: "translation", paperId, sectionKey: key });
  return { sections: written };
}
