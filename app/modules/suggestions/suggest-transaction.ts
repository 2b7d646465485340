// What typing and deleting do in Suggesting mode, as changes to a ProseMirror transaction (the editor's
// plugin calls these; so do the tests that check the server accepts what the editor sends):
//  - typed text is inserted with the author's insertion mark, continuing their suggestion when the
//    caret sits at its end;
//  - deleting text strikes it with the author's deletion mark, except text that is the author's own
//    pending insertion, which really goes (that is correcting one's own suggestion);
//  - nothing joins or splits blocks (a suggestion lives inside a paragraph).
import type { Mark, Node as ProseNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import type { SuggestionAuthor } from "./suggestion-check";
import {
  SUGGESTION_DELETE,
  SUGGESTION_INSERT,
  readSuggestionAttrs,
  type SuggestionAttrs,
} from "./suggestion-marks";

export interface SuggestionContext {
  author: SuggestionAuthor;
  now: () => Date;
  newId: () => string;
}

/** A fresh suggestion id: 16 characters of a random UUID. */
export function newSuggestionId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}

function ownMark(marks: readonly Mark[], name: string, author: SuggestionAuthor): SuggestionAttrs | null {
  const attrs = readSuggestionAttrs(marks.find((mark) => mark.type.name === name)?.attrs);
  return attrs?.authorId === author.userId ? attrs : null;
}

function freshAttrs(context: SuggestionContext, id = context.newId()): SuggestionAttrs {
  return {
    id,
    authorId: context.author.userId,
    authorName: context.author.name,
    delegation: context.author.delegation,
    createdAt: context
      .now()
      .toISOString()
      .replace(/(\.\d{3})\d*Z$/, "$1Z"),
  };
}

/** The marks of the character just before `pos` in its textblock (none at the block's start). */
function marksBefore(doc: ProseNode, pos: number): readonly Mark[] {
  const $pos = doc.resolve(pos);
  if ($pos.parentOffset === 0) return [];
  return $pos.nodeBefore?.marks ?? [];
}

function marksAfter(doc: ProseNode, pos: number): readonly Mark[] {
  const $pos = doc.resolve(pos);
  return $pos.nodeAfter?.marks ?? [];
}

/**
 * Strikes [from, to) as the author's suggested deletion (really removing their own pending insertions
 * in it). Returns the attributes of the deletion mark used (null when nothing was struck).
 */
export function suggestDeletion(
  tr: Transaction,
  from: number,
  to: number,
  context: SuggestionContext,
): SuggestionAttrs | null {
  const schema = tr.doc.type.schema;
  const deletionType = schema.marks[SUGGESTION_DELETE];
  // Extending one's own deletion (Backspace after Backspace) keeps one suggestion.
  const continued =
    ownMark(marksBefore(tr.doc, from), SUGGESTION_DELETE, context.author) ??
    ownMark(marksAfter(tr.doc, to), SUGGESTION_DELETE, context.author);
  let attrs: SuggestionAttrs | null = null;
  const removals: [number, number][] = [];
  const strikes: [number, number][] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (start >= end) return false;
    if (ownMark(node.marks, SUGGESTION_INSERT, context.author)) removals.push([start, end]);
    else if (!node.marks.some((mark) => mark.type === deletionType)) strikes.push([start, end]);
    return false;
  });
  if (strikes.length) {
    attrs = continued ?? freshAttrs(context);
    for (const [start, end] of strikes) tr.addMark(start, end, deletionType.create(attrs));
  }
  for (const [start, end] of removals.reverse()) tr.delete(start, end);
  return attrs;
}

/**
 * Inserts `text` at `pos` as the author's suggestion (after striking [pos, to) when text replaces a
 * selection: one suggestion, "replace … with …"). Returns the position after the inserted text.
 */
export function suggestInsertion(
  tr: Transaction,
  pos: number,
  to: number,
  text: string,
  context: SuggestionContext,
): number {
  const schema = tr.doc.type.schema;
  let deletion: SuggestionAttrs | null = null;
  let at = pos;
  if (to > pos) {
    const before = tr.steps.length;
    deletion = suggestDeletion(tr, pos, to, context);
    at = tr.mapping.slice(before).map(to);
  }
  if (!text) return at;
  tr.insert(at, schema.text(text, insertionMarks(tr.doc, at, tr.storedMarks, context, deletion)));
  return at + text.length;
}

/**
 * The marks text typed at `at` carries in Suggesting mode: the formatting around it (or the stored
 * marks), and the author's insertion mark, continuing their suggestion when the caret is at its end
 * (or the deletion it replaces).
 */
export function insertionMarks(
  doc: ProseNode,
  at: number,
  storedMarks: readonly Mark[] | null,
  context: SuggestionContext,
  replacing: SuggestionAttrs | null = null,
): Mark[] {
  const schema = doc.type.schema;
  const previous = marksBefore(doc, at);
  const attrs =
    ownMark(previous, SUGGESTION_INSERT, context.author) ??
    (replacing ? { ...replacing } : freshAttrs(context));
  const base = (storedMarks ?? previous).filter(
    (mark) => mark.type.name !== SUGGESTION_INSERT && mark.type.name !== SUGGESTION_DELETE,
  );
  return [...base, schema.marks[SUGGESTION_INSERT].create(attrs)];
}

/**
 * The range Backspace (dir -1) or Delete (dir 1) strikes from an empty caret at `pos`: one character,
 * skipping characters already struck; null at the edge of the block (suggestions never join blocks).
 */
export function deletionTarget(
  doc: ProseNode,
  pos: number,
  dir: -1 | 1,
): { from: number; to: number } | null {
  const deletionType = doc.type.schema.marks[SUGGESTION_DELETE];
  let at = pos;
  for (;;) {
    const $at = doc.resolve(at);
    const node = dir < 0 ? $at.nodeBefore : $at.nodeAfter;
    if (!node || !$at.parent.isTextblock) return null;
    if (!node.isText) return null;
    const struck = node.marks.some((mark) => mark.type === deletionType);
    if (!struck) return dir < 0 ? { from: at - 1, to: at } : { from: at, to: at + 1 };
    // Jump over the struck run (nodeBefore/nodeAfter are already cut at the caret).
    at += dir * node.nodeSize;
  }
}
