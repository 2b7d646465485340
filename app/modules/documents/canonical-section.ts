// The canonical form of one section's text (specified at the top of canonical-text.ts). Kept apart from
// the hashing so the browser can compute it too: the paper page compares a section's live text with the
// text its translation was last checked against, as the keys are typed.
import type * as Y from "yjs";
import {
  fragmentToJson,
  headingLevel,
  listStart,
  sanitizeDoc,
  type PMMark,
  type PMNode,
} from "./prosemirror-json";

interface Run {
  text: string;
  marks: PMMark[];
}

const escapeText = (text: string) => text.replace(/[\\*_[\]]/g, "\\$&");

function escapeHref(href: string): string {
  return href.replace(/[\\()\t\r\n]/g, (c) =>
    c === "\t" ? "\\t" : c === "\r" ? "\\r" : c === "\n" ? "\\n" : `\\${c}`,
  );
}

function escapeLineStart(line: string): string {
  if (/^[ \t#>\-§]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)\./, "$1\\.");
}

function renderRun({ text, marks }: Run): string {
  let out = escapeText(text.normalize("NFC"));
  const has = (type: string) => marks.find((mark) => mark.type === type);
  const link = has("link");
  if (link) out = `[${out}](${escapeHref(typeof link.attrs?.href === "string" ? link.attrs.href : "")})`;
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
  return lines.map(
    (runs, index) => escapeLineStart(runs.map(renderRun).join("")) + (index < lines.length - 1 ? "\\" : ""),
  );
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

/** Paper text from section bodies already in canonical form: "§ key" headers, one empty line apart. */
export function paperText(sections: { key: string; body: string }[]): string {
  const blocks = sections.map(({ key, body }) => (body ? `§ ${key}\n${body}` : `§ ${key}`));
  return `${blocks.join("\n\n")}\n`.normalize("NFC");
}

/** The canonical body of a section as it stands in a Yjs fragment. */
export function canonicalFragmentText(fragment: Y.XmlFragment): string {
  return canonicalSectionText(fragmentToJson(fragment));
}
