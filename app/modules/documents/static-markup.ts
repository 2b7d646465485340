// A section's text as the editor would draw it, without the editor: the schema's own toDOM specs walked
// into plain data on the server, which the page renders while the editor's code is on its way (and
// hydrates from its loader data). Same tags, classes and attributes as ProseMirror's view, so swapping
// in the editor moves nothing on the page.
import type { DOMOutputSpec, Mark, Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import type { PMNode } from "./prosemirror-json";

/** Text, or an element with string attributes and children. */
export type Markup = string | { tag: string; attrs?: Record<string, string>; children: Markup[] };

// The spec of a node or mark: [tag, attrs?, ...children], where 0 marks the hole for the content.
function fromSpec(spec: DOMOutputSpec, hole: () => Markup[]): Markup[] {
  if (typeof spec === "string") return [spec];
  if (!Array.isArray(spec)) return hole(); // a DOM node or {dom, contentDOM}: not in our schema
  const [tag, ...rest] = spec as readonly [string, ...unknown[]];
  let children = rest;
  const attrs: Record<string, string> = {};
  const first = rest[0];
  if (first !== null && typeof first === "object" && !Array.isArray(first)) {
    children = rest.slice(1);
    for (const [name, value] of Object.entries(first as Record<string, unknown>)) {
      // toDOM attributes are strings, numbers (an ordered list's start) or absent.
      if (typeof value === "string" || typeof value === "number") attrs[name] = String(value);
    }
  }
  return [
    {
      tag,
      ...(Object.keys(attrs).length ? { attrs } : {}),
      children: children.flatMap((child) => (child === 0 ? hole() : fromSpec(child as DOMOutputSpec, hole))),
    },
  ];
}

function markSpec(mark: Mark): DOMOutputSpec | null {
  return mark.type.spec.toDOM?.(mark, true) ?? null;
}

function nodeMarkup(node: ProseMirrorNode): Markup[] {
  if (node.isText) {
    let out: Markup[] = [node.text ?? ""];
    // Marks are kept in rank order, outermost first: wrap from the innermost out.
    for (const mark of [...node.marks].reverse()) {
      const spec = markSpec(mark);
      if (spec) {
        const inner = out;
        out = fromSpec(spec, () => inner);
      }
    }
    return out;
  }
  const toDOM = node.type.spec.toDOM;
  const content = () => {
    const children: Markup[] = [];
    node.forEach((child) => children.push(...nodeMarkup(child)));
    // ProseMirror keeps an empty paragraph one line high with a break: so does the page.
    if (node.isTextblock && node.childCount === 0)
      children.push({ tag: "br", attrs: { class: "ProseMirror-trailingBreak" }, children: [] });
    return children;
  };
  return toDOM ? fromSpec(toDOM(node), content) : content();
}

/** The markup of a section's sanitised document (an empty one is one empty paragraph, as in the editor). */
export function staticMarkup(schema: Schema, doc: PMNode): Markup[] {
  const content = doc.content?.length ? doc : { ...doc, content: [{ type: "paragraph" }] };
  return nodeMarkup(schema.nodeFromJSON(content));
}
