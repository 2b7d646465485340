import type * as Y from "yjs";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";

/** A section with its suggestions kept, as plain text with runs tagged [+inserted] and [-deleted]. */
export function marked(doc: Y.Doc, key: string): string {
  const parts: string[] = [];
  const walk = (node: PMNode) => {
    if (node.type === "text") {
      const kinds = (node.marks ?? []).map((mark) => mark.type);
      const tag = kinds.includes("suggestionDelete") ? "-" : kinds.includes("suggestionInsert") ? "+" : "";
      parts.push(tag ? `[${tag}${node.text}]` : (node.text ?? ""));
    } else (node.content ?? []).forEach(walk);
  };
  walk(fragmentToJson(doc.getXmlFragment(key), "keep"));
  return parts.join("");
}
