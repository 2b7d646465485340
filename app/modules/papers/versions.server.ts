import * as Y from "yjs";
import type { Prisma, VersionReason } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { canonicalFromYDoc } from "../documents/canonical-text";
import { toBytes } from "../documents/doc-store.server";
import { readStoredDoc } from "../documents/stored-doc-cache.server";
import { getLiveDocuments } from "../documents/live-docs";
import { publishPaperEvent } from "./paper-events";
import { isPaperLanguage, otherLanguage, type PaperLanguage } from "../translations/translation";
import { diffSections } from "./word-diff";
import type { Actor } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";

/** Reads the paper's document for one request; `read` is synchronous and leaves the document as it is. */
export type PaperDocReader = <T>(read: (doc: Y.Doc) => T) => Promise<T>;

/**
 * One request's access to the paper's document, shared by every part of its page: the live document is
 * read in place (no copy); when nobody has it open, the stored one is read once, on first use, from the
 * cache of stored documents when its state is unchanged (stored-doc-cache.server.ts). `knownKey`: the
 * stored state's key when the caller read it already. `release` is kept for callers: a stored document
 * belongs to the cache and is left to the garbage collector.
 */
export function paperDocReader(
  paperId: string,
  knownKey?: string,
): { read: PaperDocReader; release: () => void } {
  let stored: Promise<Y.Doc> | null = null;
  const read: PaperDocReader = async (reader) => {
    const live = await getLiveDocuments()?.readDoc(paperId, reader);
    if (live) return live.value;
    stored ??= readStoredDoc(paperId, knownKey);
    return reader(await stored);
  };
  const release = () => {
    stored = null;
  };
  return { read, release };
}

/**
 * An owned copy of the paper's current document, for callers that keep it beyond one synchronous read
 * (single-paper exports, Word translation import). The caller destroys it.
 */
export async function currentPaperDoc(paperId: string): Promise<Y.Doc> {
  const { read, release } = paperDocReader(paperId);
  try {
    return await read((doc) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    });
  } finally {
    release();
  }
}

export interface SaveVersionInput {
  paperId: string;
  label: string;
  reason?: VersionReason;
}

export interface PreparedVersion {
  paperId: string;
  groupId: string;
  state: Uint8Array<ArrayBuffer>;
  text: string;
  hash: string;
  /** Canonical body of each section, and of each "<key>:<lang>" translation when the paper carries one. */
  sections: Record<string, string>;
}

/**
 * Reads the paper as it is now and computes its canonical text and hash. Done outside any transaction:
 * the embedded database has one connection, and reading the document inside a transaction would wait
 * for that transaction to end.
 */
export async function prepareVersion(paperId: string): Promise<PreparedVersion> {
  const paper = await db().paper.findUnique({
    where: { id: paperId },
    select: {
      groupId: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true } },
    },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  const doc = paperDocReader(paperId);
  const { canonical, state } = await doc
    .read((d) => ({
      // Both languages: a vote on a bilingual paper covers the translation too.
      canonical: canonicalFromYDoc(
        d,
        paper.sections.map((s) => s.key),
        translationLanguageOf(paper.originalLanguage),
      ),
      state: toBytes(Y.encodeStateAsUpdate(d)),
    }))
    .finally(doc.release);
  return {
    paperId,
    groupId: paper.groupId,
    state,
    text: canonical.text,
    hash: canonical.hash,
    sections: canonical.sections,
  };
}

/** Stores a prepared version with the next number; the caller's transaction when a vote opens. */
export async function insertVersion(
  prepared: PreparedVersion,
  label: string,
  userId: string,
  reason: VersionReason,
  client: Prisma.TransactionClient,
) {
  await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"versions:" + prepared.paperId}))`;
  const last = await client.version.findFirst({
    where: { paperId: prepared.paperId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const version = await client.version.create({
    data: {
      paperId: prepared.paperId,
      number: (last?.number ?? 0) + 1,
      label,
      reason,
      state: prepared.state,
      canonicalText: prepared.text,
      textHash: prepared.hash,
      createdById: userId,
    },
    select: { id: true, number: true, label: true, textHash: true, createdAt: true },
  });
  await appendAudit(
    {
      groupId: prepared.groupId,
      type: "version.saved",
      actorId: userId,
      subjectType: "paper",
      subjectId: prepared.paperId,
      data: { number: version.number, label, textHash: prepared.hash, reason },
    },
    client,
  );
  return version;
}

/** Freezes the paper as it is now, by hand: Yjs state, canonical text of every section and its SHA-256. */
export async function createVersion(actor: Actor, input: SaveVersionInput) {
  requirePermission(actor, "version.save");
  const prepared = await prepareVersion(input.paperId);
  const version = await db().$transaction((tx) =>
    insertVersion(prepared, input.label, actor.userId, input.reason ?? "MANUAL", tx),
  );
  publishPaperEvent({
    type: "version",
    paperId: input.paperId,
    number: version.number,
    label: version.label,
  });
  return version;
}

export async function listVersions(paperId: string) {
  return db().version.findMany({
    where: { paperId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      label: true,
      reason: true,
      textHash: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
}

export async function getVersion(paperId: string, number: number) {
  return db().version.findUnique({
    where: { paperId_number: { paperId, number } },
    select: {
      number: true,
      label: true,
      reason: true,
      textHash: true,
      canonicalText: true,
      state: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
}

/** The other language of a paper whose original language is stored as `original`. */
export function translationLanguageOf(original: string): PaperLanguage {
  return otherLanguage(isPaperLanguage(original) ? original : "en");
}

/**
 * Canonical text per section of a stored version, recomputed from its frozen Yjs state; with
 * `translation`, the "<key>:<lang>" sections too when the version carries a translation.
 */
export function versionSections(
  state: Uint8Array,
  order: string[],
  translation?: PaperLanguage,
): Record<string, string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const { sections } = canonicalFromYDoc(doc, order, translation);
  doc.destroy();
  return sections;
}

/** Section-by-section word diff of two versions; translated sections follow the originals when either version carries them. */
export async function compareVersions(
  paperId: string,
  a: number,
  b: number,
  order: string[],
  translation?: PaperLanguage,
) {
  const [before, after] = await Promise.all([getVersion(paperId, a), getVersion(paperId, b)]);
  if (!before || !after) return null;
  return {
    before: { number: before.number, label: before.label, textHash: before.textHash },
    after: { number: after.number, label: after.label, textHash: after.textHash },
    sections: diffSections(
      versionSections(before.state, order, translation),
      versionSections(after.state, order, translation),
      order,
    ),
  };
}
