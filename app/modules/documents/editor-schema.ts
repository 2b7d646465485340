// The rich-text schema of every paper section, shared by the browser editor (Tiptap) and the server
// (canonical text, versions, seeding, exports): headings, bold, italic, lists, block quotes and links.
// Anything outside this schema never reaches a render or an export.
import { getSchema, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

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
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: [...LINK_PROTOCOLS],
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
  ];
}

let schema: ReturnType<typeof getSchema> | undefined;
export function editorSchema() {
  schema ??= getSchema(schemaExtensions());
  return schema;
}
