import type * as Y from "yjs";
import { editorSchema } from "~/modules/documents/editor-schema";
import { fragmentToJson } from "~/modules/documents/prosemirror-json";
import { staticMarkup, type Markup } from "~/modules/documents/static-markup";
import { deriveFromDoc } from "~/modules/documents/doc-derived";

/**
 * Each named fragment's text as the editor draws it (suggestions marked), for the page to show before
 * its editor has loaded. A fragment the document never had reads as empty (and is not created).
 */
export function sectionTexts(doc: Y.Doc, names: readonly string[]): Record<string, Markup[]> {
  const schema = editorSchema();
  return Object.fromEntries(
    names.map((name) => [
      name,
      // Kept with the document until it changes: every visit of the paper page draws every section.
      deriveFromDoc(doc, `markup:${name}`, () =>
        staticMarkup(
          schema,
          doc.share.has(name) ? fragmentToJson(doc.getXmlFragment(name), "keep") : { type: "doc" },
        ),
      ),
    ]),
  );
}
