// The server's check of an update from someone who may only suggest (DESIGN.md, "Suggestions and
// amendments"): every change must be a suggestion attributed to that person. It compares a section
// before and after the update, character by character and block by block, by Yjs identity (the id of
// each character's struct), so no diff heuristics decide what "changed": a character is new, gone or
// kept, and a kept character's marks are the same or not.
//
// Allowed, and nothing else:
//  - new characters that carry the author's own insertion mark (name and delegation as the server
//    knows them, a suggestion id nobody else uses) and no deletion mark;
//  - removing characters that carry the author's own pending insertion (withdrawing it);
//  - adding the author's deletion mark to kept characters, or removing or restating their own;
//  - a kept pending character passing from one suggestion of a kind to someone else's (see below:
//    Yjs formatting ranges under concurrent typing at the same spot);
//  - changing the formatting (bold, italic) of kept characters when they then carry the author's own
//    format suggestion recording exactly that change: the formatting they had before any pending
//    format suggestion (now − add + remove) stays what it was, so rejecting restores it. The author may
//    also restate, extend or drop their own format suggestion under the same rule, and format their own
//    pending insertion freely (it is their text until someone accepts it);
//  - new or removed text containers (Yjs's XmlText) whose characters pass the rules above.
//  - a new paragraph that carries the author's own paragraph suggestion (a suggested paragraph break;
//    its text is new text, under the rules above), and removing such a paragraph of their own
//    (withdrawing it: its text must be their own pending insertion, too).
// Other blocks (paragraphs, headings, list items) may not be added, removed or changed: no attribute of
// a kept block changes (so nobody clears or takes over someone else's paragraph suggestion).
import * as Y from "yjs";
import { SchemaViolation } from "../documents/document-schema";
import {
  FORMAT_MARKS,
  SUGGESTION_DELETE,
  SUGGESTION_FORMAT,
  SUGGESTION_INSERT,
  PARAGRAPH_SUGGESTION,
  isFormatMark,
  readFormatAttrs,
  readParagraphSuggestion,
  readSuggestionAttrs,
  type SuggestionAttrs,
} from "./suggestion-marks";

/** Who is suggesting, as the server knows them (never as the client claims). */
export interface SuggestionAuthor {
  userId: string;
  name: string;
  delegation: string | null;
}

type Attributes = ReadonlyMap<string, unknown>;

export interface FragmentSnapshot {
  /** Each visible character by its Yjs id ("client:clock") with the marks it carries. */
  chars: Map<string, Attributes>;
  /** Each element by its Yjs id: its node name and attributes, as one comparable string. */
  elements: Map<string, string>;
  /** Each element by its Yjs id: its node name and its paragraph suggestion attribute (or undefined). */
  blocks: Map<string, { name: string; suggestion: unknown }>;
}

const EMPTY: Attributes = new Map();

function idOf(id: Y.ID, offset = 0): string {
  return `${id.client}:${id.clock + offset}`;
}

function stable(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stable(record[key])}`)
    .join(",")}}`;
}

function snapshotText(text: Y.XmlText, chars: Map<string, Attributes>): void {
  let current = new Map<string, unknown>();
  let shared: Attributes = EMPTY;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      current = new Map(current);
      if (content.value === null) current.delete(content.key);
      else current.set(content.key, content.value);
      shared = current;
    } else {
      // Strings count one per UTF-16 unit, embeds one each: both advance the clock by their length.
      for (let offset = 0; offset < item.length; offset += 1) chars.set(idOf(item.id, offset), shared);
    }
  }
}

/** What the check compares: every visible character's marks and every element, of one section. */
export function snapshotFragment(fragment: Y.XmlFragment): FragmentSnapshot {
  const snapshot: FragmentSnapshot = { chars: new Map(), elements: new Map(), blocks: new Map() };
  const stack: Y.AbstractType<unknown>[] = [fragment as Y.AbstractType<unknown>];
  while (stack.length) {
    const type = stack.pop()!;
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const child = item.content.type;
      if (child instanceof Y.XmlText) snapshotText(child, snapshot.chars);
      else if (child instanceof Y.XmlElement) {
        snapshot.elements.set(idOf(item.id), stable([child.nodeName, child.getAttributes()]));
        snapshot.blocks.set(idOf(item.id), {
          name: child.nodeName,
          suggestion: child.getAttribute(PARAGRAPH_SUGGESTION) as unknown,
        });
        stack.push(child as Y.AbstractType<unknown>);
      }
    }
  }
  return snapshot;
}

const signatures = new WeakMap<Attributes, string>();
/** One comparable string per set of marks; runs of characters share the set, so it is computed once. */
function signature(attrs: Attributes): string {
  let known = signatures.get(attrs);
  if (known === undefined) {
    known = stable(Object.fromEntries(attrs));
    signatures.set(attrs, known);
  }
  return known;
}

function refuse(message: string): never {
  throw new SchemaViolation("suggestion", `only suggestions are allowed here: ${message}`);
}

function isAuthor(attrs: SuggestionAttrs | null, author: SuggestionAuthor): boolean {
  return attrs !== null && attrs.authorId === author.userId;
}

/**
 * Throws a SchemaViolation ("suggestion") unless going from `before` to `after` changes the section
 * only by suggestions of `author` (see the rules at the top of this file).
 */
export function checkSuggestionOnly(
  before: FragmentSnapshot,
  after: FragmentSnapshot,
  author: SuggestionAuthor,
): void {
  // Whose each suggestion id is, so nobody adds to (and hides behind) someone else's suggestion.
  const owners = new Map<string, string>();
  for (const attrs of new Set(before.chars.values()))
    for (const name of [SUGGESTION_INSERT, SUGGESTION_DELETE, SUGGESTION_FORMAT]) {
      const mark = readSuggestionAttrs(attrs.get(name));
      if (mark) owners.set(mark.id, mark.authorId);
    }
  // A kept character's formatting and format suggestion (see the rules at the top of this file).
  const checkFormatting = (marks: Attributes, now: Attributes): void => {
    const was = marks.get(SUGGESTION_FORMAT);
    const is = now.get(SUGGESTION_FORMAT);
    const formatSame = FORMAT_MARKS.every((name) => marks.has(name) === now.has(name));
    const suggestionSame = stable(was) === stable(is);
    if (formatSame && suggestionSame) return;
    const earlier = was === undefined ? null : readFormatAttrs(was);
    if (!suggestionSame) {
      if (earlier && earlier.authorId !== author.userId)
        refuse("someone else's formatting suggestion was changed");
      if (is !== undefined) {
        ownMark(is, "a formatting suggestion");
        if (!readFormatAttrs(is)) refuse("a formatting suggestion must name what it adds or removes");
      }
    }
    // The author's own pending insertion is theirs to format (its insertion mark unchanged).
    const inserted = marks.get(SUGGESTION_INSERT);
    if (
      inserted !== undefined &&
      stable(inserted) === stable(now.get(SUGGESTION_INSERT)) &&
      isAuthor(readSuggestionAttrs(inserted), author)
    )
      return;
    const later = is === undefined ? null : readFormatAttrs(is);
    const original = (has: Attributes, change: typeof earlier) =>
      FORMAT_MARKS.filter((name) =>
        change?.add.includes(name) ? false : change?.remove.includes(name) ? true : has.has(name),
      ).join(",");
    if (later && (later.add.some((n) => !now.has(n)) || later.remove.some((n) => now.has(n))))
      refuse("a formatting suggestion does not match the text's formatting");
    if (original(marks, earlier) !== original(now, later))
      refuse("the formatting of existing text was changed without your formatting suggestion recording it");
  };

  for (const block of before.blocks.values()) {
    const mark = readParagraphSuggestion(block.suggestion);
    if (mark) owners.set(mark.id, mark.authorId);
  }
  const ownMark = (value: unknown, what: string, read = readSuggestionAttrs): SuggestionAttrs => {
    const mark = read(value);
    if (!mark) refuse(`${what} without a valid suggestion mark`);
    if (mark.authorId !== author.userId) refuse(`${what} attributed to someone else`);
    if (mark.authorName !== author.name || mark.delegation !== author.delegation)
      refuse(`${what} under another name or delegation`);
    const owner = owners.get(mark.id);
    if (owner !== undefined && owner !== author.userId) refuse(`${what} reuses someone else's suggestion`);
    return mark;
  };

  for (const [id, element] of before.elements) {
    const now = after.elements.get(id);
    if (now === undefined) {
      const block = before.blocks.get(id);
      if (block?.name === "paragraph" && isAuthor(readParagraphSuggestion(block.suggestion), author))
        continue;
      refuse("a block was removed that is not your own suggested paragraph");
    }
    if (now !== element) refuse("a block was changed");
  }
  for (const [id, block] of after.blocks) {
    if (before.blocks.has(id)) continue;
    if (block.name !== "paragraph" || block.suggestion === undefined || block.suggestion === null)
      refuse("a block was added that is not your suggested paragraph");
    ownMark(block.suggestion, "a new paragraph", readParagraphSuggestion);
  }

  for (const [id, marks] of before.chars) {
    const now = after.chars.get(id);
    if (now === undefined) {
      if (!isAuthor(readSuggestionAttrs(marks.get(SUGGESTION_INSERT)), author))
        refuse("text was deleted that is not your own pending insertion (mark it as a deletion instead)");
      continue;
    }
    if (now === marks || signature(now) === signature(marks)) continue;
    checkFormatting(marks, now);
    for (const name of new Set([...marks.keys(), ...now.keys()])) {
      if (isFormatMark(name) || name === SUGGESTION_FORMAT) continue;
      const was = marks.get(name);
      const is = now.get(name);
      if (stable(was) === stable(is)) continue;
      // Yjs stores a mark as a formatting range; two people typing at the same spot at once can leave
      // one's pending text inside the other's range, so a kept character may pass from one pending
      // suggestion of a kind to another. Tolerated: it stays a pending suggestion, the adopted text
      // is untouched, and the decider sees it on its card.
      // Never towards the sender, though: a suggestion taken over could then be withdrawn, which
      // would be rejecting someone else's suggestion in two steps.
      const pending = (value: unknown) => value !== undefined && readSuggestionAttrs(value) !== null;
      if (
        (name === SUGGESTION_INSERT || name === SUGGESTION_DELETE) &&
        pending(was) &&
        pending(is) &&
        !isAuthor(readSuggestionAttrs(is), author)
      )
        continue;
      if (name !== SUGGESTION_DELETE) refuse(`the formatting of existing text was changed ("${name}")`);
      if (was !== undefined && !isAuthor(readSuggestionAttrs(was), author))
        refuse("someone else's suggested deletion was changed");
      if (is !== undefined) ownMark(is, "a deletion");
    }
  }
  for (const [id, marks] of after.chars) {
    if (before.chars.has(id)) continue;
    ownMark(marks.get(SUGGESTION_INSERT), "new text");
    if (marks.has(SUGGESTION_DELETE)) refuse("new text carries a deletion mark");
    if (marks.has(SUGGESTION_FORMAT)) refuse("new text carries a formatting suggestion");
  }
}

/** The names of the top-level fragments a transaction changed. */
export function changedFragments(transaction: Y.Transaction): Set<string> {
  const roots = new Map<unknown, string>();
  for (const [name, type] of transaction.doc.share) roots.set(type, name);
  const names = new Set<string>();
  for (const type of transaction.changed.keys()) {
    let current: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>;
    while (current._item !== null) current = current._item.parent as Y.AbstractType<unknown>;
    const name = roots.get(current);
    if (name !== undefined) names.add(name);
  }
  return names;
}
