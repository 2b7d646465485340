// What typing and deleting do in Suggesting mode, as changes to a ProseMirror transaction (the editor's
// plugin calls these; so do the tests that check the server accepts what the editor sends):
//  - typed text is inserted with the author's insertion mark, continuing their suggestion when the
//    caret sits at its end;
//  - deleting text strikes it with the author's deletion mark, except text that is the author's own
//    pending insertion, which really goes (that is correcting one's own suggestion);
//  - changing the formatting (bold, italic) of text records the change in the author's format
//    suggestion mark on exactly that text (what it adds and removes against the formatting the text had
//    before any pending format suggestion), except on the author's own pending insertion, which they
//    format directly;
//  - Enter suggests a paragraph break: the text after the caret stays where it is, struck as the
//    author's deletion, and a new paragraph after it carries the author's paragraph suggestion and the
//    same text as their insertion (one suggestion id for all three). Rejecting it removes the new
//    paragraph and the strike: the text is as it was; accepting keeps the split. Text typed in the new
//    paragraph continues that suggestion;
//  - nothing joins blocks, and nothing else splits them.
import type { Mark, Node as ProseNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import type { SuggestionAuthor } from "./suggestion-check";
import {
  FORMAT_MARKS,
  PARAGRAPH_SUGGESTION,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  SUGGESTION_MARKS,
  encodeParagraphSuggestion,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
  type FormatMarkName,
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
    (replacing ? { ...replacing } : null) ??
    ownParagraph(doc, at, context.author) ??
    freshAttrs(context);
  const base = (storedMarks ?? previous).filter(
    (mark) => !(SUGGESTION_MARKS as readonly string[]).includes(mark.type.name),
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

// ─── Formatting ─────────────────────────────────────────────────────────────

function formatNames(marks: readonly Mark[]): Set<FormatMarkName> {
  return new Set(FORMAT_MARKS.filter((name) => marks.some((mark) => mark.type.name === name)));
}

/** The pieces of [from, to) over which neither document's text changes its marks. */
function pieces(before: ProseNode, after: ProseNode, from: number, to: number) {
  const out: { from: number; to: number; was: readonly Mark[]; is: readonly Mark[] }[] = [];
  after.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    before.nodesBetween(start, end, (old, oldPos) => {
      if (!old.isText) return true;
      const a = Math.max(start, oldPos);
      const b = Math.min(end, oldPos + old.nodeSize);
      if (a < b) out.push({ from: a, to: b, was: old.marks, is: node.marks });
      return false;
    });
    return false;
  });
  return out;
}

/**
 * Records, as the author's format suggestion, the formatting changes the transaction made to [from, to)
 * (its steps so far only changed marks: positions are those of `before`). On each piece of text the
 * suggestion says what differs from the formatting before any pending format suggestion; where nothing
 * differs any more, the author's format suggestion goes. Someone else's format suggestion is left as it
 * is (the editor holds such a change back; the server would refuse it).
 * Returns the number of pieces whose format suggestion it set or removed.
 */
export function recordFormatChanges(
  tr: Transaction,
  before: ProseNode,
  from: number,
  to: number,
  context: SuggestionContext,
): number {
  const formatType = tr.doc.type.schema.marks[SUGGESTION_FORMAT];
  let fresh: SuggestionAttrs | null = null;
  let changed = 0;
  for (const piece of pieces(before, tr.doc, from, to)) {
    if (ownMark(piece.is, SUGGESTION_INSERT, context.author)) continue;
    const current = piece.is.find((mark) => mark.type === formatType);
    const earlier = readFormatAttrs(current?.attrs);
    if (current && earlier?.authorId !== context.author.userId) continue;
    const was = formatNames(piece.was);
    const original = new Set(
      FORMAT_MARKS.filter((name) =>
        earlier?.add.includes(name) ? false : earlier?.remove.includes(name) ? true : was.has(name),
      ),
    );
    const is = formatNames(piece.is);
    const add = FORMAT_MARKS.filter((name) => is.has(name) && !original.has(name));
    const remove = FORMAT_MARKS.filter((name) => !is.has(name) && original.has(name));
    if (!add.length && !remove.length) {
      if (current) {
        tr.removeMark(piece.from, piece.to, formatType);
        changed += 1;
      }
      continue;
    }
    let base: SuggestionAttrs;
    if (earlier) {
      const { add: _add, remove: _remove, ...rest } = earlier;
      base = rest;
    } else base = fresh ??= freshAttrs(context);
    tr.addMark(piece.from, piece.to, formatType.create({ ...base, add, remove }));
    changed += 1;
  }
  return changed;
}

/**
 * Turns formatting `name` on or off over [from, to) as the author's suggestion: the text takes the
 * formatting, and the change is recorded (recordFormatChanges). What the editor's toolbar does in
 * Suggesting mode; the tests build the same transactions with it.
 */
export function suggestFormat(
  tr: Transaction,
  from: number,
  to: number,
  name: FormatMarkName,
  on: boolean,
  context: SuggestionContext,
): number {
  const before = tr.doc;
  const type = tr.doc.type.schema.marks[name];
  if (on) tr.addMark(from, to, type.create());
  else tr.removeMark(from, to, type);
  return recordFormatChanges(tr, before, from, to, context);
}

/** Whether [from, to) holds someone else's format suggestion (formatting it would change theirs). */
export function touchesOthersFormat(
  doc: ProseNode,
  from: number,
  to: number,
  author: SuggestionAuthor,
): boolean {
  let found = false;
  doc.nodesBetween(from, to, (node) => {
    if (found) return false;
    const attrs = readFormatAttrs(node.marks.find((mark) => mark.type.name === SUGGESTION_FORMAT)?.attrs);
    if (attrs && attrs.authorId !== author.userId) found = true;
    return !node.isText;
  });
  return found;
}

// ─── Paragraph breaks ───────────────────────────────────────────────────────

/** The author's own paragraph suggestion on the paragraph around `pos`, when the caret is at its start. */
function ownParagraph(doc: ProseNode, pos: number, author: SuggestionAuthor): SuggestionAttrs | null {
  const $pos = doc.resolve(pos);
  if ($pos.parentOffset !== 0) return null;
  const attrs = readParagraphSuggestion($pos.parent.attrs[PARAGRAPH_SUGGESTION]);
  return attrs?.authorId === author.userId ? attrs : null;
}

/**
 * Suggests a paragraph break at `pos` (see the top of this file). Returns the caret's new position (the
 * start of the new paragraph), or null when the break cannot be a suggestion: outside a paragraph or
 * heading, where no paragraph may follow, or when the text after the caret holds a line break or any
 * pending suggestion (carrying those over would change them).
 */
export function suggestParagraph(tr: Transaction, pos: number, context: SuggestionContext): number | null {
  const schema = tr.doc.type.schema;
  const paragraphType = schema.nodes.paragraph;
  const $pos = tr.doc.resolve(pos);
  if (!$pos.parent.isTextblock || $pos.depth < 1) return null;
  const container = $pos.node(-1);
  const index = $pos.index(-1);
  if (!container.canReplaceWith(index + 1, index + 1, paragraphType)) return null;
  const tail = $pos.parent.content.cut($pos.parentOffset);
  let plain = true;
  tail.forEach((node) => {
    if (
      !node.isText ||
      node.marks.some((mark) => (SUGGESTION_MARKS as readonly string[]).includes(mark.type.name))
    )
      plain = false;
  });
  if (!plain) return null;
  const attrs = freshAttrs(context);
  const insertion = schema.marks[SUGGESTION_INSERT].create(attrs);
  const copied: ProseNode[] = [];
  tail.forEach((node) => copied.push(node.mark(insertion.addToSet(node.marks))));
  const after = $pos.after();
  const end = $pos.end();
  if (end > pos) tr.addMark(pos, end, schema.marks[SUGGESTION_DELETE].create(attrs));
  tr.insert(
    after,
    paragraphType.create({ [PARAGRAPH_SUGGESTION]: encodeParagraphSuggestion(attrs) }, copied),
  );
  return after + 1;
}
