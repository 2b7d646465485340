// Deciding suggestions, as pure functions of a section's content: on ProseMirror JSON (the "original" and
// "final text" views, every export) and on the live Y.XmlFragment (accept/reject, applied by the server
// as one Yjs update, so people typing meanwhile keep what they typed).
//
// One text run can carry an insertion and a deletion at once (B suggests deleting what A suggested to
// insert). Each mark is decided on its own:
//   accept insertion → the mark goes, the text stays     reject insertion → the text goes
//   accept deletion  → the text goes                      reject deletion  → the mark goes, the text stays
//   accept formatting → the mark goes, the formatting stays
//   reject formatting → the mark goes, and what it recorded is undone (its `add` removed, its `remove` restored)
// A suggested paragraph break is a paragraph with the suggestion as an attribute, plus the text after
// the break struck in the paragraph before and inserted in the new one, all under one id:
//   accept → the attribute goes (and the marks, as above: the struck copy goes, the new one stays)
//   reject → the new paragraph goes (and the strike, as above: the text is where it was)
import * as Y from "yjs";
import type { PMMark, PMNode } from "../documents/prosemirror-json";
import {
  FORMAT_MARKS,
  PARAGRAPH_SUGGESTION,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
  type FormatMarkName,
  type SuggestionAttrs,
  type SuggestionMarkName,
} from "./suggestion-marks";

export type Decision = "accept" | "reject";

/** What a suggestion is made of: a mark on text, or a suggested paragraph. */
export type SuggestionKind = SuggestionMarkName | "paragraph";

/** One suggestion mark on one run (or one suggested paragraph), as a selector sees it. */
export interface SuggestionMarkRef extends SuggestionAttrs {
  kind: SuggestionKind;
}

/** What deciding the selected suggestions does to a paragraph carrying `value` as its suggestion. */
export function decideBlock(
  value: unknown,
  select: SuggestionSelector,
  decision: Decision,
): "keep" | "remove" | "clear" {
  if (value === undefined || value === null) return "keep";
  const attrs = readParagraphSuggestion(value);
  // A malformed attribute (never written by the editor) is not a suggestion: it goes.
  if (!attrs) return "clear";
  if (!select({ ...attrs, kind: "paragraph" })) return "keep";
  return decision === "reject" ? "remove" : "clear";
}

export type SuggestionSelector = (mark: SuggestionMarkRef) => boolean;

export const allSuggestions: SuggestionSelector = () => true;
export const suggestionById =
  (id: string): SuggestionSelector =>
  (mark) =>
    mark.id === id;
export const suggestionsByAuthor =
  (authorId: string): SuggestionSelector =>
  (mark) =>
    mark.authorId === authorId;

type Outcome =
  | { remove: true }
  | {
      remove: false;
      dropMarks: SuggestionMarkName[];
      /** Formatting a rejected format suggestion takes off again, and formatting it restores. */
      unformat: FormatMarkName[];
      reformat: FormatMarkName[];
    };

/** What deciding the selected marks does to a run that carries `marks` (name → stored attributes). */
export function decideRun(
  marks: ReadonlyMap<string, unknown>,
  select: SuggestionSelector,
  decision: Decision,
): Outcome {
  const dropMarks: SuggestionMarkName[] = [];
  const unformat: FormatMarkName[] = [];
  const reformat: FormatMarkName[] = [];
  if (marks.has(SUGGESTION_FORMAT)) {
    const attrs = readFormatAttrs(marks.get(SUGGESTION_FORMAT));
    if (!attrs) dropMarks.push(SUGGESTION_FORMAT);
    else if (select({ ...attrs, kind: SUGGESTION_FORMAT })) {
      dropMarks.push(SUGGESTION_FORMAT);
      if (decision === "reject") {
        unformat.push(...attrs.add);
        reformat.push(...attrs.remove);
      }
    }
  }
  for (const kind of [SUGGESTION_INSERT, SUGGESTION_DELETE] as const) {
    if (!marks.has(kind)) continue;
    const attrs = readSuggestionAttrs(marks.get(kind));
    // A malformed suggestion mark (never written by the editor) is not a suggestion: it goes.
    if (!attrs) {
      dropMarks.push(kind);
      continue;
    }
    if (!select({ ...attrs, kind })) continue;
    const removesText = (kind === SUGGESTION_INSERT) === (decision === "reject");
    if (removesText) return { remove: true };
    dropMarks.push(kind);
  }
  return { remove: false, dropMarks, unformat, reformat };
}

/** Marks in the schema's rank order: link, then bold and italic, then the rest as they were. */
function rankMarks(marks: PMMark[]): PMMark[] {
  const rank = (mark: PMMark) => {
    if (mark.type === "link") return 0;
    const format = (FORMAT_MARKS as readonly string[]).indexOf(mark.type);
    return format >= 0 ? 1 + format : 1 + FORMAT_MARKS.length;
  };
  return marks
    .map((mark, index) => ({ mark, index }))
    .sort((a, b) => rank(a.mark) - rank(b.mark) || a.index - b.index)
    .map(({ mark }) => mark);
}

function sameMarks(a: PMMark[] | undefined, b: PMMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function decideInline(content: PMNode[], select: SuggestionSelector, decision: Decision): PMNode[] {
  const out: PMNode[] = [];
  for (const node of content) {
    if (node.type !== "text") {
      out.push(node.content ? decideNode(node, select, decision) : node);
      continue;
    }
    const marks = new Map((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? null]));
    const outcome = decideRun(marks, select, decision);
    if (outcome.remove) continue;
    const gone = new Set<string>([...outcome.dropMarks, ...outcome.unformat, ...outcome.reformat]);
    const kept = rankMarks([
      ...(node.marks ?? []).filter((mark) => !gone.has(mark.type)),
      ...outcome.reformat.map((type) => ({ type })),
    ]);
    const last = out[out.length - 1];
    if (last?.type === "text" && sameMarks(last.marks, kept.length ? kept : undefined))
      last.text = (last.text ?? "") + (node.text ?? "");
    else out.push(kept.length ? { ...node, marks: kept } : { type: "text", text: node.text ?? "" });
  }
  return out;
}

function decideNode(node: PMNode, select: SuggestionSelector, decision: Decision): PMNode {
  const block = decideBlock(node.attrs?.[PARAGRAPH_SUGGESTION], select, decision);
  if (block === "clear") {
    const { [PARAGRAPH_SUGGESTION]: _gone, ...rest } = node.attrs!;
    node = { ...node, attrs: rest };
    if (!Object.keys(rest).length) delete node.attrs;
  }
  if (!node.content) return node;
  const inline = node.content.some((child) => child.type === "text" || child.type === "hardBreak");
  const content = inline
    ? decideInline(node.content, select, decision)
    : node.content
        .filter((child) => decideBlock(child.attrs?.[PARAGRAPH_SUGGESTION], select, decision) !== "remove")
        .map((child) => decideNode(child, select, decision));
  const result: PMNode = { ...node };
  // A section keeps its (possibly empty) list of blocks; an emptied paragraph has no content, as
  // ProseMirror writes it.
  if (content.length || node.type === "doc") result.content = content;
  else delete result.content;
  return result;
}

/** The section with the selected suggestions accepted or rejected (the input is not changed). */
export function decideSuggestions(doc: PMNode, select: SuggestionSelector, decision: Decision): PMNode {
  return decideNode(doc, select, decision);
}

/** The text as if every pending suggestion were rejected: what the group has adopted so far. */
export function originalView(doc: PMNode): PMNode {
  return decideSuggestions(doc, allSuggestions, "reject");
}

/** The text as if every pending suggestion were accepted. */
export function finalView(doc: PMNode): PMNode {
  return decideSuggestions(doc, allSuggestions, "accept");
}

// ─── On the live document ───────────────────────────────────────────────────

function textsOf(fragment: Y.XmlFragment): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const stack: unknown[] = fragment.toArray().reverse();
  while (stack.length) {
    const item = stack.pop();
    if (item instanceof Y.XmlText) texts.push(item);
    else if (item instanceof Y.XmlElement) stack.push(...item.toArray().reverse());
  }
  return texts;
}

interface Delta {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

/**
 * Accepts or rejects the selected suggestions in a section of a Yjs document, in one transaction.
 * Returns how many runs it changed (0: nothing matched).
 */
export function decideInFragment(
  fragment: Y.XmlFragment,
  select: SuggestionSelector,
  decision: Decision,
): number {
  let changed = 0;
  const apply = () => {
    for (const text of textsOf(fragment)) {
      const ops: { index: number; length: number; outcome: Outcome }[] = [];
      let index = 0;
      for (const delta of text.toDelta() as Delta[]) {
        const length = typeof delta.insert === "string" ? delta.insert.length : 1;
        const outcome = decideRun(new Map(Object.entries(delta.attributes ?? {})), select, decision);
        if (outcome.remove || outcome.dropMarks.length || outcome.unformat.length || outcome.reformat.length)
          ops.push({ index, length, outcome });
        index += length;
      }
      // From the end, so earlier offsets stay valid.
      for (const op of ops.reverse()) {
        if (op.outcome.remove) text.delete(op.index, op.length);
        else
          text.format(op.index, op.length, {
            ...Object.fromEntries(op.outcome.dropMarks.map((name) => [name, null])),
            ...Object.fromEntries(op.outcome.unformat.map((name) => [name, null])),
            // As y-prosemirror stores a mark without attributes.
            ...Object.fromEntries(op.outcome.reformat.map((name) => [name, {}])),
          });
        changed += 1;
      }
    }
  };
  const blocks = () => {
    const stack: Y.XmlElement[] = fragment.toArray().filter((item) => item instanceof Y.XmlElement);
    while (stack.length) {
      const element = stack.pop()!;
      const outcome = decideBlock(element.getAttribute(PARAGRAPH_SUGGESTION), select, decision);
      if (outcome === "remove") {
        const parent = element.parent as Y.XmlElement | Y.XmlFragment;
        parent.delete(parent.toArray().indexOf(element), 1);
        changed += 1;
        continue;
      }
      if (outcome === "clear") {
        element.removeAttribute(PARAGRAPH_SUGGESTION);
        changed += 1;
      }
      stack.push(...element.toArray().filter((item) => item instanceof Y.XmlElement));
    }
  };
  const all = () => {
    apply();
    blocks();
  };
  if (fragment.doc) fragment.doc.transact(all);
  else all();
  return changed;
}
