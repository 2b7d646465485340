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

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;
/** The heading levels a section may hold (the paper title is the only level 1). */
export const HEADING_LEVELS = [2, 3, 4] as const;

/** True for the only link targets we keep: http, https and mailto. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  try {
    const url = new URL(href);
    return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol.replace(/:$/, ""));
  } catch {
    return false;
  }
}

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
