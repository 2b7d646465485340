// Presence (awareness) with a schema: what the server passes on of a client's cursor. A cursor is a
// pair of Yjs relative positions (y-prosemirror's `cursor` field); the server keeps it only when both
// are well formed and point into a fragment of this paper, and drops it (not the person) otherwise.
import * as Y from "yjs";

export interface PresenceCursor {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

interface IdJson {
  client: number;
  clock: number;
}

export interface RelativePositionJson {
  type?: IdJson;
  tname?: string;
  item?: IdJson;
  assoc?: number;
}

const MAX_CLIMB = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): IdJson | null {
  if (!isRecord(value) || Object.keys(value).length !== 2) return null;
  const { client, clock } = value;
  if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock)) return null;
  if ((client as number) < 0 || (clock as number) < 0 || (client as number) > 0xffffffff) return null;
  return { client: client as number, clock: clock as number };
}

/** The fragment a type lives in (its root's name), or null. */
function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  let current = type;
  for (let steps = 0; current._item !== null; steps += 1) {
    if (steps > MAX_CLIMB) return null;
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  for (const [name, root] of doc.share) if (root === current) return name;
  return null;
}

/** A well-formed relative position into one of `fragments` of `doc`, rebuilt from known fields only. */
export function relativePositionInto(
  raw: unknown,
  doc: Y.Doc,
  fragments: ReadonlySet<string>,
): RelativePositionJson | null {
  if (!isRecord(raw)) return null;
  const allowed = new Set(["type", "tname", "item", "assoc"]);
  if (Object.keys(raw).some((key) => !allowed.has(key))) return null;
  const out: RelativePositionJson = {};
  if (raw.assoc !== undefined) {
    if (!Number.isInteger(raw.assoc) || Math.abs(raw.assoc as number) > 1) return null;
    out.assoc = raw.assoc as number;
  }
  for (const key of ["type", "item"] as const) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const id = idOf(raw[key]);
    if (!id) return null;
    out[key] = id;
  }
  if (raw.tname !== undefined && raw.tname !== null) {
    if (typeof raw.tname !== "string" || !fragments.has(raw.tname)) return null;
    out.tname = raw.tname;
  }
  if (!out.item && !out.type && out.tname === undefined) return null;
  // Only names already in the document: resolving an unknown name would create a root type.
  if (!out.item && !out.type && !doc.share.has(out.tname!)) return out;
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(out), doc);
    if (absolute === null || !(absolute.type instanceof Y.AbstractType)) return null;
    const inside =
      absolute.type instanceof Y.XmlText ||
      absolute.type instanceof Y.XmlElement ||
      absolute.type._item === null;
    const root = rootName(doc, absolute.type);
    return inside && root !== null && fragments.has(root) ? out : null;
  } catch {
    return null;
  }
}

/** The cursor of a presence state as the server passes it on, or undefined (absent or malformed). */
export function presenceCursor(
  raw: unknown,
  doc: Y.Doc,
  fragments: ReadonlySet<string>,
): PresenceCursor | undefined {
  if (!isRecord(raw) || Object.keys(raw).length !== 2) return undefined;
  const anchor = relativePositionInto(raw.anchor, doc, fragments);
  const head = anchor && relativePositionInto(raw.head, doc, fragments);
  return anchor && head ? { anchor, head } : undefined;
}
