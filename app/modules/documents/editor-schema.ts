// The rich-text schema of every paper section, shared by the browser editor (Tiptap) and the server
// (canonical text, versions, seeding, exports): headings, bold, italic, lists, block quotes, links and
// suggestion marks.
// Anything outside this schema never reaches a render or an export.
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import {
  SuggestedParagraph,
  SuggestionDelete,
  SuggestionFormat,
  SuggestionInsert,
} from "../suggestions/suggestion-marks";
import { LINK_PROTOCOLS, isSafeHref } from "./safe-href";

export { LINK_PROTOCOLS, isSafeHref } from "./safe-href";

/** The heading levels a section may hold (the paper title is the only level 1). */
export const HEADING_LEVELS = [2, 3, 4] as const;

/** Extensions that define the document schema (no collaboration or UI extensions). */
export function schemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo manager, which undoes only one's own edits.
      undoRedo: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    // Suggested insertions, deletions and formatting (suggestion-marks.ts): part of the schema, so the
    // server's check of every update, canonical text and the exports know them.
    SuggestionInsert,
    SuggestionDelete,
    SuggestionFormat,
    // A suggested new paragraph carries its suggestion as an attribute.
    SuggestedParagraph,
  ];
}

let schema: ReturnType<typeof getSchema> | undefined;
export function editorSchema() {
  schema ??= getSchema(schemaExtensions());
  return schema;
}
