import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";

// A thread's range is a pair of Yjs relative positions, so it follows its words while others type.
// The start points at the range's first character (assoc 0) and the end at its last character
// (assoc -1): text typed right before or right after the range stays outside it, and the range only
// shrinks when its own characters are deleted. Nothing here knows ProseMirror: the editor converts its
// positions with y-tiptap and passes them through `tightenRange`; the server orders threads and tells
// "text removed" with `resolveRange`.

export interface EncodedRange {
  start: string;
  end: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** An encoded relative position is a few dozen bytes; anything much longer is not one. */
export const MAX_ENCODED_POSITION = 400;

export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** Null for anything that is not an encoded relative position. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_POSITION || !BASE64.test(encoded)) return null;
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

export function positionToBytes(encoded: string): Uint8Array<ArrayBuffer> | null {
  const position = decodePosition(encoded);
  return position ? new Uint8Array(Y.encodeRelativePosition(position)) : null;
}

/**
 * Makes a range stick to its own characters. `start` and `end` are any relative positions of the
 * range's edges in `doc` (y-tiptap's are left-associated: they point at the character before).
 */
export function tightenRange(
  doc: Y.Doc,
  start: Y.RelativePosition,
  end: Y.RelativePosition,
): { start: Y.RelativePosition; end: Y.RelativePosition } {
  const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
  const tightStart =
    from && from.type instanceof Y.XmlText && from.index < from.type.length
      ? Y.createRelativePositionFromTypeIndex(from.type, from.index, 0)
      : start;
  const tightEnd =
    to && to.type instanceof Y.XmlText && to.index > 0
      ? Y.createRelativePositionFromTypeIndex(to.type, to.index, -1)
      : end;
  return { start: tightStart, end: tightEnd };
}

/** A range given by character offsets in the fragment's flat text (see `flattenFragment`). */
export function rangeFromOffsets(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  if (to <= from) return null;
  const flat = flattenFragment(fragment);
  const first = flat.texts.find((t) => from >= t.offset && from < t.offset + t.length);
  const last = flat.texts.find((t) => to > t.offset && to <= t.offset + t.length);
  if (!first || !last) return null;
  return {
    start: Y.createRelativePositionFromTypeIndex(first.node, from - first.offset, 0),
    end: Y.createRelativePositionFromTypeIndex(last.node, to - last.offset, -1),
  };
}

interface FlatText {
  node: Y.XmlText;
  offset: number;
  length: number;
}

export interface FlatFragment {
  /** The fragment's text, one line per text node (block). */
  text: string;
  texts: FlatText[];
  /** For every element (and the fragment), the flat offset before each child and after the last. */
  boundaries: Map<Y.AbstractType<unknown>, number[]>;
}

function textOf(node: Y.XmlText): string {
  return (node.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === "string" ? op.insert : "\uFFFC"))
    .join("");
}

/** The fragment's text in document order, with where each text node and each child boundary starts. */
export function flattenFragment(fragment: Y.XmlFragment): FlatFragment {
  const texts: FlatText[] = [];
  const boundaries = new Map<Y.AbstractType<unknown>, number[]>();
  const parts: string[] = [];
  let offset = 0;
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    const marks: number[] = [];
    for (const child of parent.toArray()) {
      marks.push(offset);
      if (child instanceof Y.XmlText) {
        // One separator between text nodes, so a quote across two paragraphs reads as two lines.
        if (texts.length > 0) {
          offset += 1;
          parts.push("\n");
          marks[marks.length - 1] = offset;
        }
        const text = textOf(child);
        texts.push({ node: child, offset, length: text.length });
        parts.push(text);
        offset += text.length;
      } else if (child instanceof Y.XmlElement) {
        walk(child);
      }
    }
    marks.push(offset);
    boundaries.set(parent as Y.AbstractType<unknown>, marks);
  };
  walk(fragment);
  return { text: parts.join(""), texts, boundaries };
}

function isLiveInside(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
  let current: Y.AbstractType<unknown> | null = type;
  while (current && current !== (fragment as Y.AbstractType<unknown>)) {
    const item: Y.Item | null = current._item;
    if (!item || item.deleted) return false;
    current = item.parent as Y.AbstractType<unknown> | null;
  }
  return current === (fragment as Y.AbstractType<unknown>);
}

function flatOffset(flat: FlatFragment, position: Y.AbsolutePosition): number | null {
  if (position.type instanceof Y.XmlText) {
    const text = flat.texts.find((t) => t.node === position.type);
    return text ? text.offset + Math.min(position.index, text.length) : null;
  }
  const marks = flat.boundaries.get(position.type as Y.AbstractType<unknown>);
  return marks ? marks[Math.min(position.index, marks.length - 1)] : null;
}

export type ResolvedRange = { removed: true } | { removed: false; from: number; to: number; text: string };

/**
 * Where a range is now, in flat offsets of its section's text, or "removed" when its characters (or
 * the paragraph holding them) were deleted, or the positions are unknown to this document.
 */
export function resolveRange(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  start: Y.RelativePosition,
  end: Y.RelativePosition,
  flat: FlatFragment = flattenFragment(fragment),
): ResolvedRange {
  const a = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const b = Y.createAbsolutePositionFromRelativePosition(end, doc);
  if (!a || !b) return { removed: true };
  if (
    !isLiveInside(a.type as Y.AbstractType<unknown>, fragment) ||
    !isLiveInside(b.type as Y.AbstractType<unknown>, fragment)
  )
    return { removed: true };
  const from = flatOffset(flat, a);
  const to = flatOffset(flat, b);
  if (from === null || to === null || to <= from) return { removed: true };
  return { removed: false, from, to, text: flat.text.slice(from, to) };
}

/** Same as `resolveRange`, from the encoded form stored with a thread. */
export function resolveEncodedRange(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  range: EncodedRange,
  flat?: FlatFragment,
): ResolvedRange {
  const start = decodePosition(range.start);
  const end = decodePosition(range.end);
  if (!start || !end) return { removed: true };
  return resolveRange(doc, fragment, start, end, flat);
}
