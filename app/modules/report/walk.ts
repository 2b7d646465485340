// The ONE walk over a section's ProseMirror JSON for every report format (page, HTML, Markdown, DOCX,
// PDF). It sanitises first (prosemirror-json.ts: schema nodes, marks and attributes only; an unknown node
// keeps its text only; unsafe links lose their mark) and turns the result into a small block/inline model
// that each renderer formats. No renderer looks at ProseMirror JSON itself.
import { isSafeHref } from "~/modules/documents/editor-schema";
import {
  headingLevel,
  listStart,
  sanitizeDoc,
  type PMMark,
  type PMNode,
  type SuggestionReading,
} from "~/modules/documents/prosemirror-json";
import {
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  PARAGRAPH_SUGGESTION,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
  type SuggestionAttrs,
} from "~/modules/suggestions/suggestion-marks";

/** A pending suggestion on a piece of text, as a download names it. */
export interface RunSuggestion {
  /** The suggestion's id: pieces sharing it are one change. */
  id: string;
  /** "Gabriela Núñez (MX)"; the name alone for the secretariat. */
  author: string;
  /** When it was suggested: ISO 8601 in UTC, to the second ("2026-03-10T14:05:00Z"). */
  date: string;
}

/**
 * Pending suggestions on a piece of text, only when the walk keeps them (walkDoc(doc, "keep")): text
 * suggested for insertion, for deletion, or both (one person's insertion another suggests deleting).
 */
export interface Suggested {
  inserted?: RunSuggestion;
  deleted?: RunSuggestion;
  /** A pending format suggestion, with the formatting the text had before it (what rejecting restores). */
  formatted?: FormatSuggestion;
}

export interface FormatSuggestion extends RunSuggestion {
  before: { bold: boolean; italic: boolean };
}

export interface TextRun extends Suggested {
  kind: "text";
  text: string;
  bold: boolean;
  italic: boolean;
  /** Only http, https or mailto. */
  href?: string;
}

export interface LineBreak extends Suggested {
  kind: "break";
}

export type Inline = TextRun | LineBreak;

export type Block =
  /** `inserted`: a suggested paragraph break made this paragraph (kept only when suggestions are). */
  | { kind: "paragraph"; inlines: Inline[]; inserted?: RunSuggestion }
  /** Level inside the section: 1 for the editor's H2, 2 for H3, 3 for H4. Renderers place it under the section title. */
  | { kind: "heading"; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: "list"; ordered: boolean; start: number; items: Block[][] }
  | { kind: "quote"; blocks: Block[] };

// Characters no export format can carry (XML refuses C0 controls and lone surrogates; a PDF has no glyph
// for them): dropped from every piece of text that reaches a report.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are dropped
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text as every format can carry it: NFC, without control characters or lone surrogates. */
export function cleanText(text: string): string {
  return text.replace(UNPRINTABLE, "").normalize("NFC");
}

function runSuggestion(marks: PMMark[], type: string): RunSuggestion | undefined {
  const attrs = readSuggestionAttrs(marks.find((mark) => mark.type === type)?.attrs);
  return attrs ? suggestionOf(attrs) : undefined;
}

function formatSuggestion(marks: PMMark[]): FormatSuggestion | undefined {
  const attrs = readFormatAttrs(marks.find((mark) => mark.type === SUGGESTION_FORMAT)?.attrs);
  if (!attrs) return undefined;
  const had = (name: "bold" | "italic") =>
    attrs.add.includes(name)
      ? false
      : attrs.remove.includes(name)
        ? true
        : marks.some((m) => m.type === name);
  return { ...suggestionOf(attrs), before: { bold: had("bold"), italic: had("italic") } };
}

function suggestionOf(attrs: SuggestionAttrs): RunSuggestion {
  const name = cleanText(attrs.authorName);
  return {
    id: attrs.id,
    author: attrs.delegation ? `${name} (${cleanText(attrs.delegation)})` : name,
    date: new Date(attrs.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

function suggestedOf(marks: PMMark[]): Suggested {
  const inserted = runSuggestion(marks, SUGGESTION_INSERT);
  const deleted = runSuggestion(marks, SUGGESTION_DELETE);
  const formatted = formatSuggestion(marks);
  return {
    ...(inserted ? { inserted } : {}),
    ...(deleted ? { deleted } : {}),
    ...(formatted ? { formatted } : {}),
  };
}

function inlinesOf(nodes: PMNode[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      out.push({ kind: "break" });
      continue;
    }
    if (node.type !== "text" || !node.text) continue;
    const marks = node.marks ?? [];
    const link = marks.find((mark) => mark.type === "link");
    const href = link && isSafeHref(link.attrs?.href) ? link.attrs.href : undefined;
    // Present only when the document was read with its suggestions kept.
    const suggested = suggestedOf(marks);
    // Line breaks typed inside a text run (pasted text) are line breaks in every format.
    cleanText(node.text)
      .split(/\r\n|\r|\n/)
      .forEach((piece, index) => {
        if (index > 0) out.push({ kind: "break", ...suggested });
        if (piece)
          out.push({
            kind: "text",
            text: piece,
            bold: marks.some((m) => m.type === "bold"),
            italic: marks.some((m) => m.type === "italic"),
            ...(href ? { href } : {}),
            ...suggested,
          });
      });
  }
  return out;
}

function blocksOf(nodes: PMNode[] | undefined): Block[] {
  const out: Block[] = [];
  for (const node of nodes ?? []) {
    switch (node.type) {
      case "paragraph": {
        const suggestion = readParagraphSuggestion(node.attrs?.[PARAGRAPH_SUGGESTION]);
        out.push({
          kind: "paragraph",
          inlines: inlinesOf(node.content),
          ...(suggestion ? { inserted: suggestionOf(suggestion) } : {}),
        });
        break;
      }
      case "heading":
        out.push({
          kind: "heading",
          level: (headingLevel(node.attrs) - 1) as 1 | 2 | 3,
          inlines: inlinesOf(node.content),
        });
        break;
      case "bulletList":
      case "orderedList":
        out.push({
          kind: "list",
          ordered: node.type === "orderedList",
          start: listStart(node.attrs),
          items: (node.content ?? []).map((item) => blocksOf(item.content)),
        });
        break;
      case "blockquote":
        out.push({ kind: "quote", blocks: blocksOf(node.content) });
        break;
      default:
        // sanitizeDoc leaves nothing else at block level.
        break;
    }
  }
  return out;
}

/**
 * A section document (any JSON) as blocks; leading and trailing empty paragraphs are dropped. Read
 * "original" (the default) it is the text without pending suggestions, as every format prints it; read
 * "keep", its runs carry them (`inserted`, `deleted`) for the formats that mark them (DOCX, HTML).
 */
export function walkDoc(raw: unknown, suggestions: SuggestionReading = "original"): Block[] {
  const blocks = blocksOf(sanitizeDoc(raw, suggestions).content);
  const empty = (block: Block | undefined) => block?.kind === "paragraph" && block.inlines.length === 0;
  while (empty(blocks[0])) blocks.shift();
  while (empty(blocks[blocks.length - 1])) blocks.pop();
  return blocks;
}

/** Plain text from blocks (one line per block), for plain-text uses such as a PDF outline or a test. */
export function plainText(blocks: Block[]): string {
  const line = (inlines: Inline[]) => inlines.map((i) => (i.kind === "text" ? i.text : "\n")).join("");
  return blocks
    .map((block) => {
      if (block.kind === "list") return block.items.map((item) => plainText(item)).join("\n");
      if (block.kind === "quote") return plainText(block.blocks);
      return line(block.inlines);
    })
    .join("\n");
}

/** Every text run made bold: the finding section as the bold lead of a finding. */
export function emboldened(blocks: Block[]): Block[] {
  const bold = (inlines: Inline[]): Inline[] =>
    inlines.map((i) => (i.kind === "text" ? { ...i, bold: true } : i));
  return blocks.map((block): Block => {
    switch (block.kind) {
      case "list":
        return { ...block, items: block.items.map(emboldened) };
      case "quote":
        return { ...block, blocks: emboldened(block.blocks) };
      default:
        return { ...block, inlines: bold(block.inlines) };
    }
  });
}

/** Plain statements (vote statements, names) as paragraphs: newlines become line breaks, nothing is markup. */
export function textBlocks(text: string): Block[] {
  return cleanText(text)
    .split(/\n{2,}|\r\n\r\n/)
    .filter((part) => part.trim() !== "")
    .map((part) => ({
      kind: "paragraph" as const,
      inlines: inlinesOf([{ type: "text", text: part.trim() }]),
    }));
}
