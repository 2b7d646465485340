// One paper's text for a download: the current text (the live document, with edits not yet written) or
// a saved version (its frozen Yjs state and the hash stored with it), in both languages, with its pending
// suggestions.
import * as Y from "yjs";
import { db } from "~/db.server";
import { sqlRows } from "~/sql.server";
import { UserError } from "~/modules/errors";
import { canonicalFromYDoc } from "~/modules/documents/canonical-text";
import { fragmentToJson } from "~/modules/documents/prosemirror-json";
import { otherLanguage, translationFragmentName } from "~/modules/translations/translation";
import { paperLanguage } from "~/modules/translations/translations.server";
import { currentPaperDoc } from "~/modules/papers/versions.server";
import type { PaperExportSource } from "./paper-document";

/** The paper's saved versions, newest first, for the download form. */
export async function listDownloadableVersions(
  paperId: string,
): Promise<{ number: number; label: string; textHash: string }[]> {
  // Plain SQL (app/sql.server.ts): every paper page asks it.
  return sqlRows(
    `SELECT number, label, "textHash" FROM "Version" WHERE "paperId" = $1 ORDER BY number DESC LIMIT 200`,
    [paperId],
  );
}

export async function loadPaperExport(
  group: { id: string; slug: string; name: string; nameEs?: string },
  paperId: string,
  versionNumber: number | null,
): Promise<PaperExportSource> {
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId: group.id },
    select: {
      id: true,
      title: true,
      titleTranslation: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true, title: true, titleEs: true } },
    },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  let doc: Y.Doc;
  let version: PaperExportSource["version"] = null;
  let storedHash: string | null = null;
  if (versionNumber === null) doc = await currentPaperDoc(paperId);
  else {
    const row = await db().version.findUnique({
      where: { paperId_number: { paperId, number: versionNumber } },
      select: { number: true, label: true, state: true, textHash: true },
    });
    if (!row) throw new UserError("word.download.badVersion", 404);
    doc = new Y.Doc();
    Y.applyUpdate(doc, row.state);
    version = { number: row.number, label: row.label };
    storedHash = row.textHash;
  }
  const original = paperLanguage(paper.originalLanguage);
  const translation = otherLanguage(original);
  const keys = paper.sections.map((s) => s.key);
  const sections = paper.sections.map((s) => {
    const name = translationFragmentName(s.key, translation);
    return {
      key: s.key,
      title: s.title,
      titleEs: s.titleEs,
      // Pending suggestions kept: the download prints the text without them, DOCX and HTML mark them.
      doc: fragmentToJson(doc.getXmlFragment(s.key), "keep"),
      translation: doc.share.has(name) ? fragmentToJson(doc.getXmlFragment(name), "keep") : null,
    };
  });
  // A version prints the hash stored with it (the one its vote was bound to); the current text its own.
  const textHash = storedHash ?? canonicalFromYDoc(doc, keys, translation).hash;
  doc.destroy();
  return {
    group: { slug: group.slug, name: group.name, nameEs: group.nameEs ?? "" },
    paper: {
      id: paper.id,
      title: paper.title,
      titleTranslation: paper.titleTranslation,
      originalLanguage: original,
    },
    sections,
    version,
    textHash,
  };
}
