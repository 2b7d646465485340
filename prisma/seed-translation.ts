// The other-language side of a demo paper: its "<key>:<lang>" fragments, and the marks a translator left
// when checking them (against the original as it is, or as it was: then the translation is out of date).
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { canonicalFragmentText } from "../app/modules/documents/canonical-section";
import { sha256Hex } from "../app/modules/documents/canonical-text";
import {
  otherLanguage,
  translationFragmentName,
  type PaperLanguage,
} from "../app/modules/translations/translation";
import type { PMNode } from "../app/modules/documents/prosemirror-json";
import type { DemoPaper } from "./demo-papers";

/** The language the demo paper's translation is in. */
export function demoTranslationLanguage(demo: DemoPaper): PaperLanguage {
  return otherLanguage(demo.originalLanguage ?? "en");
}

/** Writes the demo paper's translation into its document, section by section. */
export function writeDemoTranslation(doc: Y.Doc, demo: DemoPaper, sectionKeys: string[]): void {
  const language = demoTranslationLanguage(demo);
  for (const key of sectionKeys) {
    const content = demo.translation?.[key];
    if (content)
      prosemirrorJSONToYXmlFragment(
        editorSchema(),
        content,
        doc.getXmlFragment(translationFragmentName(key, language)),
      );
  }
}

/** Stores the translator's marks on the paper's sections (hash and text of the original they checked). */
export async function markDemoTranslation(
  prisma: PrismaClient,
  paperId: string,
  doc: Y.Doc,
  demo: DemoPaper,
  fallbackUserId: string,
  at = new Date(),
): Promise<void> {
  const marks = Object.entries(demo.markedAgainst ?? {});
  if (marks.length === 0) return;
  const translator = demo.translator
    ? await prisma.user.findUnique({ where: { email: demo.translator }, select: { id: true } })
    : null;
  for (const [key, against] of marks) {
    if (!against) continue;
    const source =
      against === "current" ? canonicalFragmentText(doc.getXmlFragment(key)) : canonicalOf(against);
    await prisma.paperSection.update({
      where: { paperId_key: { paperId, key } },
      data: {
        translationSourceHash: sha256Hex(source),
        translationSourceText: source,
        translationMarkedAt: at,
        translationMarkedById: translator?.id ?? fallbackUserId,
      },
    });
  }
}

/** The canonical text a section would have with this content (stored through the editor's schema). */
function canonicalOf(content: PMNode): string {
  const scratch = new Y.Doc();
  const fragment = scratch.getXmlFragment("scratch");
  prosemirrorJSONToYXmlFragment(editorSchema(), content, fragment);
  const text = canonicalFragmentText(fragment);
  scratch.destroy();
  return text;
}
