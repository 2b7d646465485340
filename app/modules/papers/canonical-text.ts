/*
 * CANONICAL TEXT OF A PAPER: the contract a version's SHA-256 is computed over.
 *
 * Changing anything below changes the hash of existing versions: stored hashes would no longer match
 * a recomputation from their frozen Yjs state.
 *
 * Paper
 *   The sections in paper order. Each section is a line "§ <key>" followed by the section's block
 *   lines; sections are separated by one empty line; the whole text ends with "\n". Trailing empty
 *   lines of a section are dropped, so an empty section is just its "§ <key>" line.
 *   The text is Unicode NFC-normalised (text runs and the whole result); line endings are "\n".
 *
 * Section (sanitised first, see prosemirror-json.ts: unknown nodes, marks and attributes never count)
 *   One block after another, each on its own line(s), no blank line between blocks:
 *   - paragraph          its inline text; an empty paragraph is an empty line
 *   - heading level n    "#" repeated n times, a space, the inline text   ("## Findings")
 *   - bullet list item   "- " then the item's content
 *   - ordered list item  "<n>. " then the item's content, n counting from the list's start (default 1)
 *   - list item content  its first line goes on the marker's line; every further line (a second
 *                        paragraph, a nested list) is indented by spaces as wide as the marker, so
 *                        two spaces per level of bullets
 *   - blockquote         every line of its content prefixed "> " (an empty line inside is "> ")
 *   Prefixes and indents are applied to every line as is; no trailing whitespace is trimmed.
 *
 * Inline text
 *   - A hard break (or a "\r\n", "\r" or "\n" inside a text node) ends the line with "\" and continues
 *     on the next line with the same prefix and indent.
 *   - Marks are written around each text run (adjacent runs with the same marks merged), bold outside
 *     italic outside link:  bold "**x**", italic "_x_", link "[x](href)"; bold+italic+link is
 *     "**_[x](href)_**". In an href, "\", "(" and ")" are backslash-escaped and a tab, carriage return
 *     or line feed is written "\t", "\r", "\n".
 *   - In text, every "\", "*", "_", "[" and "]" is backslash-escaped.
 *   - If a line's text starts with a space, a tab, "#", ">", "-" or "§", a backslash is put in front
 *     of it; if it starts with digits followed by ".", a backslash is put before the "." ("1\. x").
 *     So no text can pass for a marker, an indent or a section header.
 *
 * Example: a section "recommendation" holding
 *   heading 2 "Visas", paragraph "Open regional visas" with "regional" in italic, a bullet list of
 *   "A" and "B", and a blockquote of "Quote"
 * gives
 *   § recommendation
 *   ## Visas
 *   Open _regional_ visas
 *   - A
 *   - B
 *   > Quote
 */
import { createHash } from "node:crypto";
import type * as Y from "yjs";
import { fragmentToJson, headingLevel, listStart, sanitizeDoc, type PMMark, type PMNode } from "./prosemirror-json";

interface Run {
  text: string;
  marks: PMMark[];
}

const escapeText = (text: string) => text.replace(/[\\*_[\]]/g, "\\$&");

function escapeHref(href: string): string {
  return href.replace(/[\\()\t\r\n]/g, (c) => (c === "\t" ? "\\t" : c === "\r" ? "\\r" : c === "\n" ? "\\n" : `\\${c}`));
}

function escapeLineStart(line: string): string {
  if (/^[ \t#>\-§]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)\./, "$1\\.");
}

function renderRun({ text, marks }: Run): string {
  let out = escapeText(text.normalize("NFC"));
  const has = (type: string) => marks.find((mark) => mark.type === type);
  const link = has("link");
  if (link) out = `[${out}](${escapeHref(String(link.attrs?.href ?? ""))})`;
  if (has("italic")) out = `_${out}_`;
  if (has("bold")) out = `**${out}**`;
  return out;
}

function inlineLines(content: PMNode[]): string[] {
  const lines: Run[][] = [[]];
  for (const node of content) {
    if (node.type === "hardBreak") lines.push([]);
    else if (node.type === "text" && node.text) {
      node.text.split(/\r\n|\r|\n/).forEach((piece, index) => {
        if (index > 0) lines.push([]);
        if (piece) lines[lines.length - 1].push({ text: piece, marks: node.marks ?? [] });
      });
    }
  }
  return lines.map((runs, index) => escapeLineStart(runs.map(renderRun).join("")) + (index < lines.length - 1 ? "\\" : ""));
}

function prefixed(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, index) => (index === 0 ? first : rest) + line);
}

function blockLines(node: PMNode): string[] {
  const content = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return inlineLines(content);
    case "heading":
      return prefixed(inlineLines(content), `${"#".repeat(headingLevel(node.attrs))} `, "");
    case "bulletList":
    case "orderedList": {
      const start = listStart(node.attrs);
      return content.flatMap((item, index) => {
        const marker = node.type === "bulletList" ? "- " : `${start + index}. `;
        const lines = blocksLines(item.content ?? []);
        return prefixed(lines.length ? lines : [""], marker, " ".repeat(marker.length));
      });
    }
    case "blockquote":
      return prefixed(blocksLines(content), "> ", "> ");
    default:
      return [];
  }
}

function blocksLines(blocks: PMNode[]): string[] {
  return blocks.flatMap(blockLines);
}

/** The body of one section in canonical form: its block lines, no "§" header, no trailing newline. */
export function canonicalSectionText(doc: PMNode): string {
  const lines = blocksLines(sanitizeDoc(doc).content ?? []);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n").normalize("NFC");
}

function paperText(sections: { key: string; body: string }[]): string {
  const blocks = sections.map(({ key, body }) => (body ? `§ ${key}\n${body}` : `§ ${key}`));
  return `${blocks.join("\n\n")}\n`.normalize("NFC");
}

/** The canonical text of a whole paper, sections in the order given. */
export function canonicalPaperText(sections: { key: string; doc: PMNode }[]): string {
  return paperText(sections.map(({ key, doc }) => ({ key, body: canonicalSectionText(doc) })));
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Canonical text, its SHA-256 and each section's body, read from a paper's Yjs document. */
export function canonicalFromYDoc(ydoc: Y.Doc, sectionKeys: string[]): { text: string; hash: string; sections: Record<string, string> } {
  const bodies = sectionKeys.map((key) => ({ key, body: canonicalSectionText(fragmentToJson(ydoc.getXmlFragment(key))) }));
  const text = paperText(bodies);
  return { text, hash: sha256Hex(text), sections: Object.fromEntries(bodies.map(({ key, body }) => [key, body])) };
}
