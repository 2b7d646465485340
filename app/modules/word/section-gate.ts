// The gate every imported section passes before it is written into a paper: the editor's own schema.
// sanitizeDoc keeps only the schema's nodes, marks and attributes; nodeFromJSON(...).check() then
// refuses anything whose structure the schema's content expressions do not allow; and the depth is
// bounded. Last, the server's own document-schema check (the one every typed update passes) has the
// final word: one gate for typed and imported text.
import { normalizeSectionJson } from "~/modules/documents/document-schema";
import { sanitizeDoc, type PMNode } from "~/modules/documents/prosemirror-json";
import { MAX_NESTING } from "./import-limits";

function depthOf(node: PMNode): number {
  let deepest = 0;
  const stack: [PMNode, number][] = [[node, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of current.content ?? []) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A section document as the editor schema accepts it; throws when it cannot be made to fit. */
export function gateSectionDoc(raw: unknown): PMNode {
  const doc = sanitizeDoc(raw);
  // Lists in lists: each level is a list and an item, plus the doc and the text.
  if (depthOf(doc) > MAX_NESTING * 2 + 4) throw new Error("section nests too deeply");
  return normalizeSectionJson(doc);
}
