// The pending suggestions of a paper, one per suggestion id, in reading order: what a margin card, the
// open-vote page and the audit log say about each ("Replace “should” with “shall”").
import type { PMNode } from "../documents/prosemirror-json";
import {
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  PARAGRAPH_SUGGESTION,
  isFormatList,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
  sortFormats,
  type FormatMarkName,
  type SuggestionAttrs,
  type SuggestionMarkName,
} from "./suggestion-attrs";

/** How much of a suggestion's text a summary quotes. */
export const QUOTE_LENGTH = 120;

export interface PendingSuggestion extends SuggestionAttrs {
  sectionKey: string;
  /** Text it would add (its insertion runs, joined), and text it would remove. */
  inserted: string;
  deleted: string;
  /** A format suggestion: the text it formats, and the formatting it adds and removes. */
  format?: FormatChange;
  kind: "insert" | "delete" | "replace" | "format" | "paragraph";
}

export interface FormatChange {
  text: string;
  add: FormatMarkName[];
  remove: FormatMarkName[];
}

/** A format change as stored in an audit record or a vote (null when it is something else). */
export function readFormatChange(raw: unknown): FormatChange | null {
  if (typeof raw !== "object" || raw === null) return null;
  const record = raw as Record<string, unknown>;
  if (typeof record.text !== "string" || !isFormatList(record.add) || !isFormatList(record.remove))
    return null;
  return { text: record.text, add: sortFormats(record.add), remove: sortFormats(record.remove) };
}

/** The mark kind a pending suggestion is made of (what a SuggestionSelector sees). */
export function suggestionMarkKind(
  suggestion: Pick<PendingSuggestion, "kind">,
): SuggestionMarkName | "paragraph" {
  if (suggestion.kind === "paragraph") return "paragraph";
  if (suggestion.kind === "format") return SUGGESTION_FORMAT;
  return suggestion.kind === "delete" ? SUGGESTION_DELETE : SUGGESTION_INSERT;
}

function inlineRuns(node: PMNode, visit: (text: PMNode) => void, block: (node: PMNode) => void): void {
  const stack: PMNode[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.attrs?.[PARAGRAPH_SUGGESTION]) block(current);
    if (current.type === "text") visit(current);
    else if (current.content)
      for (let i = current.content.length - 1; i >= 0; i -= 1) stack.push(current.content[i]);
  }
}

/** The suggestions in one section (its JSON read with suggestions kept), in the order they start. */
export function listSectionSuggestions(sectionKey: string, doc: PMNode): PendingSuggestion[] {
  const byId = new Map<string, PendingSuggestion>();
  const paragraphs = new Set<string>();
  const onBlock = (block: PMNode) => {
    const attrs = readParagraphSuggestion(block.attrs?.[PARAGRAPH_SUGGESTION]);
    if (!attrs) return;
    paragraphs.add(attrs.id);
    if (!byId.has(attrs.id))
      byId.set(attrs.id, { ...attrs, sectionKey, inserted: "", deleted: "", kind: "paragraph" });
  };
  inlineRuns(
    doc,
    (run) => {
      for (const mark of run.marks ?? []) {
        if (mark.type === SUGGESTION_FORMAT) {
          const format = readFormatAttrs(mark.attrs);
          if (!format) continue;
          const { add, remove, ...attrs } = format;
          let entry = byId.get(attrs.id);
          if (!entry) {
            entry = { ...attrs, sectionKey, inserted: "", deleted: "", kind: "format" };
            byId.set(attrs.id, entry);
          }
          const known = entry.format ?? { text: "", add: [], remove: [] };
          entry.format = {
            text: known.text + (run.text ?? ""),
            add: sortFormats([...known.add, ...add]),
            remove: sortFormats([...known.remove, ...remove]),
          };
          continue;
        }
        if (mark.type !== SUGGESTION_INSERT && mark.type !== SUGGESTION_DELETE) continue;
        const attrs = readSuggestionAttrs(mark.attrs);
        if (!attrs) continue;
        let entry = byId.get(attrs.id);
        if (!entry) {
          entry = { ...attrs, sectionKey, inserted: "", deleted: "", kind: "insert" };
          byId.set(attrs.id, entry);
        }
        if (mark.type === SUGGESTION_INSERT) entry.inserted += run.text ?? "";
        else entry.deleted += run.text ?? "";
      }
    },
    onBlock,
  );
  for (const entry of byId.values())
    entry.kind = paragraphs.has(entry.id)
      ? "paragraph"
      : entry.inserted && entry.deleted
        ? "replace"
        : entry.deleted
          ? "delete"
          : entry.inserted || !entry.format
            ? "insert"
            : "format";
  return [...byId.values()];
}

/** A suggestion's text cut for a summary, with an ellipsis when cut. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
}
