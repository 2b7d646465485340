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
 * Bilingual paper
 *   A paper that carries its other language (any "<key>:<lang>" section with text, see translation.ts)
 *   continues after its original sections with every section again, in the same order, under
 *   "§ <key>:<lang>" headers (an untranslated one is just its header). A paper without translated text
 *   is written exactly as above, so its hash does not depend on whether it could carry a translation.
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
import { canonicalFragmentText, canonicalSectionText, paperText } from "./canonical-section";
import type { PMNode } from "./prosemirror-json";
import { translationFragmentName, type PaperLanguage } from "../translations/translation";

export { canonicalSectionText } from "./canonical-section";

/** The canonical text of a whole paper, sections in the order given. */
export function canonicalPaperText(sections: { key: string; doc: PMNode }[]): string {
  return paperText(sections.map(({ key, doc }) => ({ key, body: canonicalSectionText(doc) })));
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Canonical text, its SHA-256 and each section's body, read from a paper's Yjs document. With
 * `translation` (the paper's other language), a paper that carries any translated text also covers the
 * "<key>:<lang>" sections, and `sections` has their bodies under those names.
 */
export function canonicalFromYDoc(
  ydoc: Y.Doc,
  sectionKeys: string[],
  translation?: PaperLanguage,
): { text: string; hash: string; sections: Record<string, string> } {
  const bodies = sectionKeys.map((key) => ({ key, body: canonicalFragmentText(ydoc.getXmlFragment(key)) }));
  if (translation) {
    const translated = sectionKeys.map((key) => {
      const name = translationFragmentName(key, translation);
      // share.has: reading a fragment that was never written must not create it in the caller's document.
      return {
        key: name,
        body: ydoc.share.has(name) ? canonicalFragmentText(ydoc.getXmlFragment(name)) : "",
      };
    });
    if (translated.some(({ body }) => body !== "")) bodies.push(...translated);
  }
  const text = paperText(bodies);
  return {
    text,
    hash: sha256Hex(text),
    sections: Object.fromEntries(bodies.map(({ key, body }) => [key, body])),
  };
}
