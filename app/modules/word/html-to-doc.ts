// mammoth's semantic HTML to the editor's ProseMirror JSON. Only what the editor has survives: paragraphs,
// headings (H2-H4), bullet and numbered lists, bold, italic, line breaks and http/https/mailto links.
// Tables keep their text (a paragraph per row, cells separated by " | "); images, unsafe links and
// everything else are counted as dropped. Nesting deeper than MAX_NESTING keeps its text only, and the
// walk is iterative where it can be deep, so no file can overflow the stack.
import type { HTMLElement, Node, NodeType as NodeTypes } from "node-html-parser";
import { isSafeHref } from "~/modules/documents/editor-schema";
import type { PMMark, PMNode } from "~/modules/documents/prosemirror-json";
import { MAX_NESTING } from "./import-limits";

export interface DroppedCounts {
  images: number;
  tables: number;
  unsafeLinks: number;
}

/** node-html-parser's node types (the DOM's numbers); its own enum would load the library with this module. */
const NodeType = { ELEMENT_NODE: 1 as NodeTypes.ELEMENT_NODE, TEXT_NODE: 3 as NodeTypes.TEXT_NODE };

interface Marks {
  bold: boolean;
  italic: boolean;
  href?: string;
}

function tagOf(node: Node): string {
  return node.nodeType === NodeType.ELEMENT_NODE
    ? ((node as HTMLElement).rawTagName?.toLowerCase() ?? "")
    : "";
}

function markList(marks: Marks): PMMark[] | undefined {
  const list: PMMark[] = [];
  if (marks.href) list.push({ type: "link", attrs: { href: marks.href } });
  if (marks.bold) list.push({ type: "bold" });
  if (marks.italic) list.push({ type: "italic" });
  return list.length ? list : undefined;
}

// Text of a subtree without recursion (for content past the nesting limit and for table cells).
function flatText(node: Node): string {
  let text = "";
  const stack: Node[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.nodeType === NodeType.TEXT_NODE) text += current.text;
    else for (let i = current.childNodes.length - 1; i >= 0; i -= 1) stack.push(current.childNodes[i]);
  }
  return text;
}

const HEADING_LEVEL: Record<string, 2 | 3 | 4> = { h1: 2, h2: 3, h3: 4, h4: 4, h5: 4, h6: 4 };
const BLOCK_TAGS = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "table",
  "blockquote",
  "div",
]);

export class HtmlToDoc {
  readonly dropped: DroppedCounts = { images: 0, tables: 0, unsafeLinks: 0 };

  private inline(nodes: Node[], marks: Marks, depth: number, out: PMNode[]): void {
    for (const node of nodes) {
      if (node.nodeType === NodeType.TEXT_NODE) {
        // mammoth writes no formatting whitespace, so every character of a text node is text.
        const text = node.text;
        if (text) out.push({ type: "text", text, ...(markList(marks) ? { marks: markList(marks) } : {}) });
        continue;
      }
      if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
      const element = node as HTMLElement;
      const tag = tagOf(element);
      if (depth > MAX_NESTING) {
        const text = flatText(element);
        if (text) out.push({ type: "text", text });
        continue;
      }
      switch (tag) {
        case "br":
          out.push({ type: "hardBreak" });
          break;
        case "img":
          this.dropped.images += 1;
          break;
        case "strong":
        case "b":
          this.inline(element.childNodes, { ...marks, bold: true }, depth + 1, out);
          break;
        case "em":
        case "i":
          this.inline(element.childNodes, { ...marks, italic: true }, depth + 1, out);
          break;
        case "a": {
          const href: string = element.getAttribute("href") ?? "";
          const safe = isSafeHref(href);
          // Links inside the document (footnotes, bookmarks) are not links the editor keeps; they keep text.
          if (href !== "" && !safe && !String(href).startsWith("#")) this.dropped.unsafeLinks += 1;
          this.inline(element.childNodes, safe ? { ...marks, href } : marks, depth + 1, out);
          break;
        }
        default:
          // sup, sub, s, u, span and the like: their text, without their formatting.
          this.inline(element.childNodes, marks, depth + 1, out);
      }
    }
  }

  private paragraph(nodes: Node[], depth: number): PMNode {
    const content: PMNode[] = [];
    this.inline(nodes, { bold: false, italic: false }, depth + 1, content);
    return content.length ? { type: "paragraph", content } : { type: "paragraph" };
  }

  private listItem(element: HTMLElement, depth: number): PMNode {
    const content: PMNode[] = [];
    let loose: Node[] = [];
    const flush = () => {
      if (loose.some((n) => n.nodeType === NodeType.ELEMENT_NODE || n.text.trim() !== ""))
        content.push(this.paragraph(loose, depth));
      loose = [];
    };
    for (const child of element.childNodes) {
      if (BLOCK_TAGS.has(tagOf(child))) {
        flush();
        content.push(...this.blocks([child], depth + 1));
      } else loose.push(child);
    }
    flush();
    if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
    return { type: "listItem", content };
  }

  private table(element: HTMLElement): PMNode[] {
    this.dropped.tables += 1;
    const rows = element.querySelectorAll("tr");
    const out: PMNode[] = [];
    for (const row of rows) {
      const cells = row.childNodes
        .filter((cell) => tagOf(cell) === "td" || tagOf(cell) === "th")
        .map((cell) => flatText(cell).trim())
        .filter((text) => text !== "");
      if (cells.length) out.push({ type: "paragraph", content: [{ type: "text", text: cells.join(" | ") }] });
    }
    return out;
  }

  blocks(nodes: Node[], depth: number): PMNode[] {
    const out: PMNode[] = [];
    let loose: Node[] = [];
    const flush = () => {
      if (loose.some((n) => n.nodeType === NodeType.ELEMENT_NODE || n.text.trim() !== ""))
        out.push(this.paragraph(loose, depth));
      loose = [];
    };
    for (const node of nodes) {
      const tag = tagOf(node);
      if (!BLOCK_TAGS.has(tag) && tag !== "li") {
        loose.push(node);
        continue;
      }
      flush();
      const element = node as HTMLElement;
      if (depth > MAX_NESTING) {
        const text = flatText(element);
        if (text) out.push({ type: "paragraph", content: [{ type: "text", text }] });
        continue;
      }
      switch (tag) {
        case "p":
          out.push(this.paragraph(element.childNodes, depth));
          break;
        case "h1":
        case "h2":
        case "h3":
        case "h4":
        case "h5":
        case "h6": {
          const heading = this.paragraph(element.childNodes, depth);
          out.push({ type: "heading", attrs: { level: HEADING_LEVEL[tag] }, content: heading.content });
          break;
        }
        case "ul":
        case "ol": {
          const items = element.childNodes
            .filter((child) => tagOf(child) === "li")
            .map((child) => this.listItem(child as HTMLElement, depth + 1));
          if (!items.length) break;
          out.push(
            tag === "ul"
              ? { type: "bulletList", content: items }
              : { type: "orderedList", attrs: { start: 1 }, content: items },
          );
          break;
        }
        case "li":
          out.push({ type: "bulletList", content: [this.listItem(element, depth + 1)] });
          break;
        case "table":
          out.push(...this.table(element));
          break;
        default:
          // blockquote, div: their blocks, in place.
          out.push(...this.blocks(element.childNodes, depth + 1));
      }
    }
    flush();
    return out;
  }
}

/**
 * mammoth's HTML as top-level editor blocks, and what was dropped on the way. The parser loads on the first
 * import, not at start: this module is part of the Remix build every process loads (issue 19, memory).
 */
export async function htmlToBlocks(html: string): Promise<{ blocks: PMNode[]; dropped: DroppedCounts }> {
  const { parse } = await import("node-html-parser");
  const root = parse(html, { comment: false, blockTextElements: {} });
  const converter = new HtmlToDoc();
  const blocks = converter.blocks(root.childNodes, 0);
  return { blocks, dropped: converter.dropped };
}
