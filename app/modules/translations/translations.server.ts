import { createHash } from "node:crypto";
import * as Y from "yjs";
import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { whyRefused, type Actor } from "~/modules/policy/policy";
import { canonicalFragmentText } from "../documents/canonical-section";
import { deriveFromDoc } from "../documents/doc-derived";
import { fragmentToJson, type PMNode } from "../documents/prosemirror-json";
import { sha256Hex } from "../documents/canonical-text";
import { publishPaperEvent } from "../papers/paper-events";
import {
  isPaperLanguage,
  otherLanguage,
  outOfDateKeys,
  translationFragmentName,
  translationState,
  type PaperLanguage,
  type TranslationState,
} from "./translation";
import { paperDocReader, type PaperDocReader } from "../papers/versions.server";
import { storedStateKeySql } from "../documents/stored-doc-cache.server";

/** What the server stores about a section's translation when it is marked up to date. */
export interface TranslationMark {
  key: string;
  translationSourceHash: string | null;
  translationSourceText: string | null;
}

export interface SectionTranslationState {
  key: string;
  state: TranslationState;
}

/** The paper's original language as stored (anything unexpected reads as English). */
export function paperLanguage(stored: string): PaperLanguage {
  return isPaperLanguage(stored) ? stored : "en";
}

/**
 * The canonical body of a fragment, without creating the fragment when the document never had it; kept
 * with the document until it changes (every paper page asks it of every section, in both languages).
 */
function fragmentBody(doc: Y.Doc, name: string): string {
  return deriveFromDoc(doc, `canonical:${name}`, () =>
    doc.share.has(name) ? canonicalFragmentText(doc.getXmlFragment(name)) : "",
  );
}

/**
 * Each section's translation state, from canonical section bodies (original under the section key,
 * translation under "<key>:<lang>"): the hash of the original now against the hash stored at marking.
 */
export function translationStates(
  marks: TranslationMark[],
  bodies: Record<string, string>,
  translation: PaperLanguage,
): SectionTranslationState[] {
  return marks.map((mark) => ({
    key: mark.key,
    state: translationState({
      translated: (bodies[translationFragmentName(mark.key, translation)] ?? "") !== "",
      marked: mark.translationSourceHash,
      current: sha256Hex(bodies[mark.key] ?? ""),
    }),
  }));
}

/** Canonical bodies of every section in both languages, read from a document. */
export function sectionBodies(
  doc: Y.Doc,
  keys: string[],
  translation: PaperLanguage,
): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const key of keys) {
    bodies[key] = fragmentBody(doc, key);
    const name = translationFragmentName(key, translation);
    bodies[name] = fragmentBody(doc, name);
  }
  return bodies;
}

interface MarkRow extends TranslationMark {
  originalLanguage: string;
  translationMarkedAt: number | null;
  markedBy: string | null;
}

/**
 * The translation side of the paper page: per section, its state now, and what the original said when
 * the translation was last marked up to date (the page diffs that against the live original).
 */
export async function getPaperTranslations(paperId: string, readDoc?: PaperDocReader) {
  // Plain SQL (app/sql.server.ts): every paper page asks it. One row per section (one with a null key
  // for a paper without sections), none for an unknown paper.
  const rows = await sqlRows<Omit<MarkRow, "key"> & { key: string | null }>(
    `SELECT p."originalLanguage", s.key, s."translationSourceHash", s."translationSourceText",
            ${epochMs('s."translationMarkedAt"')} AS "translationMarkedAt", u.name AS "markedBy"
       FROM "Paper" p
       LEFT JOIN "PaperSection" s ON s."paperId" = p.id
       LEFT JOIN "User" u ON u.id = s."translationMarkedById"
      WHERE p.id = $1
      ORDER BY s.position ASC`,
    [paperId],
  );
  if (rows.length === 0) throw new UserError("errors.notFound", 404);
  const paper = {
    originalLanguage: rows[0].originalLanguage,
    sections: rows.filter((row): row is MarkRow => row.key !== null),
  };
  const original = paperLanguage(paper.originalLanguage);
  const translation = otherLanguage(original);
  const own = readDoc ? null : paperDocReader(paperId);
  const bodies = await (readDoc ?? own!.read)((doc) =>
    sectionBodies(
      doc,
      paper.sections.map((s) => s.key),
      translation,
    ),
  ).finally(() => own?.release());
  const states = new Map(translationStates(paper.sections, bodies, translation).map((s) => [s.key, s.state]));
  return {
    original,
    translation,
    sections: paper.sections.map((s) => ({
      key: s.key,
      state: states.get(s.key)!,
      markedAt: s.translationMarkedAt === null ? null : new Date(s.translationMarkedAt),
      markedBy: s.markedBy,
      markedSource: s.translationSourceText,
      // The original now, so the page can show what changed before the live document arrives.
      current: bodies[s.key] ?? "",
    })),
    outOfDate: outOfDateKeys(paper.sections.map((s) => ({ key: s.key, state: states.get(s.key)! }))),
  };
}

/**
 * Marks a section's translation up to date: stores the hash and the canonical text of the original
 * section as it is now (the live document, with edits not yet written), who, and when.
 */
export async function markTranslationUpToDate(
  actor: Actor,
  groupId: string,
  paperId: string,
  sectionKey: string,
  now = new Date(),
) {
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId },
    select: {
      status: true,
      originalLanguage: true,
      sections: { where: { key: sectionKey }, select: { id: true, title: true } },
    },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  const why = whyRefused(actor, "translation.mark", { kind: "paper", status: paper.status });
  if (why) throw new UserError(why === "status" ? "translation.paperFrozen" : "errors.forbidden", 403);
  const section = paper.sections[0];
  if (!section) throw new UserError("translation.sectionUnknown", 400);
  const translation = otherLanguage(paperLanguage(paper.originalLanguage));
  const doc = paperDocReader(paperId);
  const { original, translated } = await doc
    .read((d) => ({
      original: fragmentBody(d, sectionKey),
      translated: fragmentBody(d, translationFragmentName(sectionKey, translation)),
    }))
    .finally(doc.release);
  if (translated === "") throw new UserError("translation.nothingToMark", 409, { section: section.title });
  const hash = sha256Hex(original);
  await db().$transaction(async (tx) => {
    await tx.paperSection.update({
      where: { id: section.id },
      data: {
        translationSourceHash: hash,
        translationSourceText: original,
        translationMarkedAt: now,
        translationMarkedById: actor.userId,
      },
    });
    await appendAudit(
      {
        groupId,
        type: "translation.marked",
        actorId: actor.userId,
        subjectType: "paper",
        subjectId: paperId,
        data: { sectionKey, language: translation, originalHash: hash },
      },
      tx,
    );
  });
  publishPaperEvent({ type: "translation", paperId, sectionKey });
  return { sectionKey, hash };
}

/**
 * The sections whose translation is out of date, in paper order, judged on the given canonical bodies
 * (a prepared version's) or, without them, on the paper as it is now.
 */
export async function outOfDateSections(paperId: string, bodies?: Record<string, string>): Promise<string[]> {
  const paper = await db().paper.findUnique({
    where: { id: paperId },
    select: {
      originalLanguage: true,
      sections: {
        orderBy: { position: "asc" },
        select: { key: true, translationSourceHash: true, translationSourceText: true },
      },
    },
  });
  if (!paper?.sections.some((s) => s.translationSourceHash !== null)) return [];
  const translation = otherLanguage(paperLanguage(paper.originalLanguage));
  if (!bodies) {
    const doc = paperDocReader(paperId);
    bodies = await doc
      .read((d) =>
        sectionBodies(
          d,
          paper.sections.map((s) => s.key),
          translation,
        ),
      )
      .finally(doc.release);
  }
  return outOfDateKeys(translationStates(paper.sections, bodies, translation));
}

/** How many sections of each paper have an out-of-date translation (papers without any mark: 0). */
export async function countOutOfDateTranslations(paperIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(paperIds.map((id) => [id, 0]));
  if (paperIds.length === 0) return counts;
  // Only papers with a marked section can be out of date; the others' documents are not read.
  // Plain SQL (app/sql.server.ts): the group page asks it on every visit.
  // With each marked paper's stored-state key (computed once per paper: MATERIALIZED), so unchanged
  // documents come from the cache without another round trip.
  const rows = await sqlRows<TranslationMark & { id: string; originalLanguage: string; stateKey: string }>(
    `WITH marked AS MATERIALIZED (
       SELECT p.id, p."originalLanguage", ${storedStateKeySql("p.id")} AS "stateKey"
         FROM "Paper" p
        WHERE p.id = ANY($1::text[])
          AND EXISTS (SELECT 1 FROM "PaperSection" x WHERE x."paperId" = p.id AND x."translationSourceHash" IS NOT NULL))
     SELECT m.id, m."originalLanguage", m."stateKey", s.key, s."translationSourceHash", s."translationSourceText"
       FROM marked m JOIN "PaperSection" s ON s."paperId" = m.id`,
    [paperIds],
  );
  const byPaper = new Map<
    string,
    { id: string; originalLanguage: string; stateKey: string; sections: TranslationMark[] }
  >();
  for (const { id, originalLanguage, stateKey, ...section } of rows) {
    const paper = byPaper.get(id) ?? { id, originalLanguage, stateKey, sections: [] };
    paper.sections.push(section);
    byPaper.set(id, paper);
  }
  await Promise.all(
    [...byPaper.values()].map(async (paper) => {
      const translation = otherLanguage(paperLanguage(paper.originalLanguage));
      const doc = paperDocReader(paper.id, paper.stateKey);
      const bodies = await doc
        .read((d) =>
          sectionBodies(
            d,
            paper.sections.map((s) => s.key),
            translation,
          ),
        )
        .finally(doc.release);
      counts.set(paper.id, outOfDateKeys(translationStates(paper.sections, bodies, translation)).length);
    }),
  );
  return counts;
}

/**
 * The sections of a frozen state (a version, the text under vote) in both languages, for reading: the
 * translation of each section when the state carries one (null for a section left untranslated).
 */
export function frozenSections(
  state: Uint8Array,
  sections: { key: string; title: string }[],
  originalLanguage: string,
) {
  const translation = otherLanguage(paperLanguage(originalLanguage));
  const read = readFrozen(
    state,
    sections.map((s) => s.key),
    translation,
  );
  const result = sections.map((s) => ({ key: s.key, title: s.title, ...read.sections.get(s.key)! }));
  return {
    original: paperLanguage(originalLanguage),
    language: translation,
    carried: read.carried,
    sections: result,
  };
}

interface FrozenRead {
  carried: boolean;
  sections: Map<string, { doc: PMNode; translation: PMNode | null }>;
}

/**
 * A frozen state never changes: what a version or the text under vote holds is read once and kept by
 * its content's hash (the vote page rebuilt the document on every visit). The few most recent are kept;
 * their JSON is shared, read only.
 */
const frozenReads = new Map<string, FrozenRead>();
const FROZEN_READS_KEPT = 64;

function readFrozen(state: Uint8Array, keys: string[], translation: PaperLanguage): FrozenRead {
  const id = createHash("sha256")
    .update(state)
    .update(`\0${translation}\0${keys.join("\0")}`)
    .digest("hex");
  const kept = frozenReads.get(id);
  if (kept) return kept;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const bodies = sectionBodies(doc, keys, translation);
  const carried = keys.some((key) => bodies[translationFragmentName(key, translation)] !== "");
  const read: FrozenRead = {
    carried,
    sections: new Map(
      keys.map((key) => {
        const name = translationFragmentName(key, translation);
        return [
          key,
          {
            doc: fragmentToJson(doc.getXmlFragment(key)),
            translation: carried && bodies[name] !== "" ? fragmentToJson(doc.getXmlFragment(name)) : null,
          },
        ];
      }),
    ),
  };
  doc.destroy();
  frozenReads.set(id, read);
  if (frozenReads.size > FROZEN_READS_KEPT) frozenReads.delete(frozenReads.keys().next().value!);
  return read;
}
