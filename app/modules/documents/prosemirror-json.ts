// A paper section as ProseMirror JSON, read from and written to its Y.XmlFragment.
// Reading is a security boundary: any client can write raw Yjs content the editor would never produce
// (a <script> element, an onclick attribute, a javascript: link). Everything read here goes through
// sanitizeDoc, which keeps only the editor schema's nodes, marks and attributes, in a valid structure.
import * as Y from "yjs";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { editorSchema, isSafeHref } from "./editor-schema";
import {
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  PARAGRAPH_SUGGESTION,
  encodeParagraphSuggestion,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
} from "../suggestions/suggestion-marks";
import { originalView } from "../suggestions/resolve";

export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
}

/** Every node type of the editor schema; a test keeps this in step with editorSchema(). */
export const SECTION_NODE_TYPES = [
  "doc",
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "hardBreak",
  "text",
] as const;

/** The editor schema's marks in its rank order, the order ProseMirror keeps on a text node. */
export const SECTION_MARK_TYPES = [
  "link",
  "bold",
  "italic",
  SUGGESTION_INSERT,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
] as const;

// Deeper nesting than this is not something a person typed; its text is kept, its structure is not.
const MAX_DEPTH = 64;
const MAX_START = 999_999;

type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function childrenOf(value: unknown): unknown[] {
  if (!isRecord(value) || !Array.isArray(value.content)) return [];
  // y-tiptap leaves a Y.XmlText at the top of a fragment as a nested array of text nodes.
  return value.content.flat(Infinity);
}

function integerOf(value: unknown): number | undefined {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN;
  return Number.isFinite(number) ? Math.trunc(number) : undefined;
}

/** A heading's level as the editor allows it: 2, 3 or 4. */
export function headingLevel(attrs: Record<string, unknown> | undefined): 2 | 3 | 4 {
  const level = integerOf(attrs?.level) ?? 2;
  return level <= 2 ? 2 : level >= 4 ? 4 : 3;
}

/** An ordered list's first number: a positive integer, 1 unless the list says otherwise. */
export function listStart(attrs: Record<string, unknown> | undefined): number {
  const start = integerOf(attrs?.start);
  return start !== undefined && start >= 1 && start <= MAX_START ? start : 1;
}

function sanitizeMarks(raw: unknown): PMMark[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const byType = new Map<string, PMMark>();
  for (const mark of raw) {
    if (!isRecord(mark) || typeof mark.type !== "string" || byType.has(mark.type)) continue;
    if (mark.type === "bold" || mark.type === "italic") byType.set(mark.type, { type: mark.type });
    else if (mark.type === "link") {
      const href = isRecord(mark.attrs) ? mark.attrs.href : undefined;
      // An unsafe link loses its mark and keeps its text.
      if (isSafeHref(href)) byType.set("link", { type: "link", attrs: { href } });
    } else if (mark.type === SUGGESTION_INSERT || mark.type === SUGGESTION_DELETE) {
      // A suggestion without its author is not one: its text counts as plain text.
      const attrs = readSuggestionAttrs(mark.attrs);
      if (attrs) byType.set(mark.type, { type: mark.type, attrs: { ...attrs } });
    } else if (mark.type === SUGGESTION_FORMAT) {
      // A format suggestion that names no valid change is not one: the text keeps its formatting.
      const attrs = readFormatAttrs(mark.attrs);
      if (attrs) byType.set(mark.type, { type: mark.type, attrs: { ...attrs } });
    }
  }
  const marks = SECTION_MARK_TYPES.flatMap((type) => byType.get(type) ?? []);
  return marks.length ? marks : undefined;
}

function sameMarks(a: PMMark[] | undefined, b: PMMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

// Iterative, so no nesting is too deep to give up its text.
function textOf(value: unknown): string {
  let text = "";
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (!isRecord(node) || seen.has(node)) continue;
    seen.add(node);
    if (node.type === "text") text += typeof node.text === "string" ? node.text : "";
    else {
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
    }
  }
  return text;
}

function withContent(node: PMNode, content: PMNode[]): PMNode {
  return content.length ? { ...node, content } : node;
}

const paragraph = (content: PMNode[] = []): PMNode => withContent({ type: "paragraph" }, content);

function sanitizeInline(items: unknown[], depth: number): PMNode[] {
  const out: PMNode[] = [];
  const visit = (item: unknown, level: number) => {
    if (!isRecord(item)) return;
    if (item.type === "text") {
      if (typeof item.text !== "string" || item.text === "") return;
      const marks = sanitizeMarks(item.marks);
      const last = out[out.length - 1];
      // Adjacent runs with the same marks are one text node, as ProseMirror keeps them.
      if (last?.type === "text" && sameMarks(last.marks, marks)) last.text = (last.text ?? "") + item.text;
      else out.push(marks ? { type: "text", text: item.text, marks } : { type: "text", text: item.text });
    } else if (item.type === "hardBreak") {
      out.push({ type: "hardBreak" });
    } else if (typeof item.type === "string" && isKnownNode(item.type) && level <= MAX_DEPTH) {
      // A block where text belongs (a paragraph inside a heading) contributes its inline content.
      for (const child of childrenOf(item)) visit(child, level + 1);
    }
    // Unknown inline nodes are dropped with their content.
  };
  for (const item of items) visit(item, depth);
  return out;
}

function isKnownNode(type: string): boolean {
  return (SECTION_NODE_TYPES as readonly string[]).includes(type);
}

function sanitizeListItem(item: RawRecord, depth: number): PMNode {
  const content = sanitizeBlocks(childrenOf(item), depth + 1);
  if (content[0]?.type !== "paragraph") content.unshift(paragraph());
  return { type: "listItem", content };
}

function sanitizeListItems(items: unknown[], depth: number): PMNode[] {
  const out: PMNode[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    if (item.type === "listItem") {
      out.push(sanitizeListItem(item, depth));
    } else {
      const blocks = sanitizeBlocks([item], depth);
      if (blocks.length) out.push(sanitizeListItem({ content: blocks }, depth));
    }
  }
  return out;
}

function sanitizeBlock(item: RawRecord, depth: number): PMNode[] {
  const children = childrenOf(item);
  if (depth > MAX_DEPTH) {
    const text = textOf(item);
    return text ? [paragraph([{ type: "text", text }])] : [];
  }
  switch (item.type) {
    case "paragraph": {
      const made = paragraph(sanitizeInline(children, depth + 1));
      // A suggested paragraph break keeps its suggestion (the readings decide it: suggestions.ts).
      const suggestion = isRecord(item.attrs) ? item.attrs[PARAGRAPH_SUGGESTION] : undefined;
      const valid = readParagraphSuggestion(suggestion);
      return [
        valid ? { ...made, attrs: { [PARAGRAPH_SUGGESTION]: encodeParagraphSuggestion(valid) } } : made,
      ];
    }
    case "heading":
      return [
        withContent(
          { type: "heading", attrs: { level: headingLevel(isRecord(item.attrs) ? item.attrs : undefined) } },
          sanitizeInline(children, depth + 1),
        ),
      ];
    case "bulletList":
    case "orderedList": {
      const items = sanitizeListItems(children, depth + 1);
      if (!items.length) return [];
      return item.type === "bulletList"
        ? [{ type: "bulletList", content: items }]
        : [
            {
              type: "orderedList",
              attrs: { start: listStart(isRecord(item.attrs) ? item.attrs : undefined) },
              content: items,
            },
          ];
    }
    case "listItem":
      return [{ type: "bulletList", content: [sanitizeListItem(item, depth + 1)] }];
    case "blockquote": {
      const content = sanitizeBlocks(children, depth + 1);
      return [{ type: "blockquote", content: content.length ? content : [paragraph()] }];
    }
    case "doc":
      return sanitizeBlocks(children, depth + 1);
    default: {
      // An unknown block (a <script>, a <div>) is replaced by its text as a plain paragraph.
      const text = textOf(item);
      return text ? [paragraph([{ type: "text", text }])] : [];
    }
  }
}

function sanitizeBlocks(items: unknown[], depth: number): PMNode[] {
  const out: PMNode[] = [];
  let loose: unknown[] = [];
  // Text directly where blocks belong becomes a paragraph.
  const flush = () => {
    const inline = sanitizeInline(loose, depth);
    if (inline.length) out.push(paragraph(inline));
    loose = [];
  };
  for (const item of items) {
    if (!isRecord(item) || typeof item.type !== "string") continue;
    if (item.type === "text" || item.type === "hardBreak") {
      loose.push(item);
      continue;
    }
    flush();
    out.push(...sanitizeBlock(item, depth));
  }
  flush();
  return out;
}

/**
 * How a reader sees pending suggestions: "original" (the default: every render, export, canonical text
 * and search) shows the text as if all were rejected, i.e. what the group has adopted; "keep" leaves
 * their marks in (suggestion cards, the final-text view, the Word export's tracked changes).
 */
export type SuggestionReading = "original" | "keep";

/**
 * Any JSON value to a section document of the editor schema: known nodes, marks and attributes only
 * (heading level 2-4, ordered list start, safe link href), text runs merged, in a valid structure.
 */
export function sanitizeDoc(raw: unknown, suggestions: SuggestionReading = "original"): PMNode {
  const doc: PMNode = { type: "doc", content: sanitizeBlocks(childrenOf(raw), 0) };
  return suggestions === "original" ? originalView(doc) : doc;
}

const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function readYText(item: Y.XmlText): unknown[] {
  return (item.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]).map((delta) => ({
    type: "text",
    text: delta.insert,
    marks: Object.entries(delta.attributes ?? {}).map(([name, attrs]) => ({
      type: hashedMarkName.exec(name)?.[1] ?? name,
      attrs,
    })),
  }));
}

// All the text below a Y type, in order, without recursion.
function yTextOf(type: Y.XmlElement): string {
  let text = "";
  const stack: unknown[] = [type];
  while (stack.length) {
    const item = stack.pop();
    if (item instanceof Y.XmlText)
      for (const delta of item.toDelta() as { insert?: unknown }[])
        text += typeof delta.insert === "string" ? delta.insert : "";
    else if (item instanceof Y.XmlElement) {
      const children = item.toArray();
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
    }
  }
  return text;
}

// The same reading as y-tiptap's, iterative, for the fragments it cannot read: anything but XmlElement
// and XmlText, or nesting deeper than MAX_DEPTH (below that, a block keeps its text as one paragraph).
function readYItems(fragment: Y.XmlFragment): unknown {
  const root: { content: unknown[] } = { content: [] };
  const stack: { item: unknown; into: unknown[]; depth: number }[] = fragment
    .toArray()
    .reverse()
    .map((item) => ({ item, into: root.content, depth: 0 }));
  while (stack.length) {
    const { item, into, depth } = stack.pop()!;
    if (item instanceof Y.XmlText) into.push(readYText(item));
    else if (item instanceof Y.XmlElement) {
      if (depth >= MAX_DEPTH) {
        const text = yTextOf(item as Y.XmlElement);
        if (text) into.push({ type: "paragraph", content: [{ type: "text", text }] });
        continue;
      }
      const node = { type: item.nodeName, attrs: item.getAttributes(), content: [] as unknown[] };
      into.push(node);
      const children = item.toArray();
      for (let i = children.length - 1; i >= 0; i -= 1)
        stack.push({ item: children[i], into: node.content, depth: depth + 1 });
    }
  }
  return { type: "doc", content: root.content };
}

// How deep elements nest below a fragment, counted up to `limit` + 1 (without recursion).
function nestingBeyond(fragment: Y.XmlFragment, limit: number): boolean {
  const stack: [unknown, number][] = fragment.toArray().map((item) => [item, 1]);
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (!(item instanceof Y.XmlElement)) continue;
    if (depth > limit) return true;
    for (const child of item.toArray()) stack.push([child, depth + 1]);
  }
  return false;
}

function readFragment(fragment: Y.XmlFragment): unknown {
  // y-tiptap's reader recurses: content nested deeper than the schema allows is read without it.
  if (nestingBeyond(fragment, MAX_DEPTH)) return readYItems(fragment);
  try {
    return yXmlFragmentToProsemirrorJSON(fragment);
  } catch {
    return readYItems(fragment);
  }
}

/** A section's content as sanitised ProseMirror JSON: {type: "doc", content: [...]}. */
export function fragmentToJson(fragment: Y.XmlFragment, suggestions: SuggestionReading = "original"): PMNode {
  return sanitizeDoc(readFragment(fragment), suggestions);
}

/**
 * Writes a document into an empty section fragment (seeding demo papers, tests). Throws on JSON the
 * editor schema rejects, so a mistake in a seed fails loudly instead of losing text.
 */
export function jsonToFragment(json: PMNode, fragment: Y.XmlFragment): void {
  if (json.type === "doc" && !json.content?.length) return;
  editorSchema().nodeFromJSON(json).check();
  prosemirrorJSONToYXmlFragment(editorSchema(), json, fragment);
}

/** A document with one paragraph per string; an empty string is an empty paragraph. */
export function textDoc(...paragraphs: string[]): PMNode {
  return {
    type: "doc",
    content: paragraphs.map((text) => (text ? paragraph([{ type: "text", text }]) : paragraph())),
  };
}
