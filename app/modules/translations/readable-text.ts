// What a translator reads when the original changed under a translation: the words of the section, not
// its canonical text (canonical-text.ts: Markdown-like markers, marks and backslash escapes). Pure and
// browser-safe: the paper page diffs the live original against the text the translation was marked on.
import { diffWords, type WordDiffPart } from "~/modules/papers/word-diff";

// Block markers at the start of a canonical line, in any nesting: a blockquote "> " (or a bare ">" on an
// empty quoted line), an indent, a bullet "- ", an ordered "12. ", a heading "## ".
const LINE_MARKER = /^(?:> ?|[ ]+|- |\d+\. |#{1,6} )/;

/** One canonical line without its block markers and inline syntax, and whether it ended in a hard break. */
function readLine(line: string): string {
  let rest = line;
  for (let match = LINE_MARKER.exec(rest); match && match[0].length > 0; match = LINE_MARKER.exec(rest))
    rest = rest.slice(match[0].length);
  let out = "";
  let inHref = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (inHref) {
      // An href's "\", "(" and ")" are escaped; its unescaped ")" ends it. Its characters are not read.
      if (c === "\\") i++;
      else if (c === ")") inHref = false;
      continue;
    }
    if (c === "\\") {
      // A backslash escapes the next character; at the end of a line it is a hard break (dropped).
      if (i + 1 < rest.length) out += rest[++i];
      continue;
    }
    if (c === "*" && rest[i + 1] === "*") {
      i++;
      continue;
    }
    if (c === "_" || c === "[") continue;
    if (c === "]" && rest[i + 1] === "(") {
      inHref = true;
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * The words of a section's canonical text: one line per block (and per hard break), markers, bold,
 * italic and link syntax removed, escapes undone, a link's text kept without its address. Empty
 * paragraphs are dropped, so blocks are separated by exactly one line break.
 */
export function readableText(canonical: string): string {
  return canonical
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(readLine)
    .filter((line) => line.trim() !== "")
    .join("\n");
}

export interface ReadingDiffPart extends WordDiffPart {
  /**
   * An addition that directly follows a removal with no space between them ("authorities" struck,
   * "labour" added): shown after a space, so the two words never read as one.
   */
  spaced?: boolean;
}

/** What changed in the original, word by word, on the readable text of both canonical texts. */
export function readingDiff(beforeCanonical: string, afterCanonical: string): ReadingDiffPart[] {
  const parts: ReadingDiffPart[] = diffWords(readableText(beforeCanonical), readableText(afterCanonical));
  return parts.map((part, index) => {
    const previous = parts[index - 1];
    return part.kind === "added" &&
      previous?.kind === "removed" &&
      !/\s$/.test(previous.text) &&
      !/^\s/.test(part.text)
      ? { ...part, spaced: true }
      : part;
  });
}
