// What a suggestion mark or a suggested paragraph carries, and how to read it back: no editor code, so the
// browser can list and describe suggestions before (or without) loading the editor.
export const SUGGESTION_INSERT = "suggestionInsert";
export const SUGGESTION_DELETE = "suggestionDelete";
export const SUGGESTION_FORMAT = "suggestionFormat";
export const SUGGESTION_MARKS = [SUGGESTION_INSERT, SUGGESTION_DELETE, SUGGESTION_FORMAT] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

/**
 * The formatting a suggestion may add or remove: the editor schema's marks that carry no attributes
 * (bold, italic). A link is not formatting (it has a target), and suggestion marks are not either.
 * Kept as a list here (not derived from the schema) so the browser and the server agree without
 * building the schema; a unit test checks it against the schema's attribute-free marks.
 */
export const FORMAT_MARKS = ["bold", "italic"] as const;
export type FormatMarkName = (typeof FORMAT_MARKS)[number];

export function isFormatMark(name: unknown): name is FormatMarkName {
  return (FORMAT_MARKS as readonly unknown[]).includes(name);
}

/** A list of formatting mark names, each known and at most once (the `add`/`remove` of a format suggestion). */
export function isFormatList(value: unknown): value is FormatMarkName[] {
  return (
    Array.isArray(value) &&
    value.length <= FORMAT_MARKS.length &&
    value.every(isFormatMark) &&
    new Set(value).size === value.length
  );
}

/** What a format suggestion carries besides the usual attributes: which formatting it adds and removes. */
export interface FormatSuggestionAttrs extends SuggestionAttrs {
  add: FormatMarkName[];
  remove: FormatMarkName[];
}

/** What every suggestion mark carries. */
export interface SuggestionAttrs {
  /** Shared by the contiguous run one person typed (or struck) in one go: one card. */
  id: string;
  authorId: string;
  authorName: string;
  /** The delegation's code ("MX"), null for the secretariat. */
  delegation: string | null;
  /** ISO 8601, when the suggestion was started. */
  createdAt: string;
}

export const SUGGESTION_ATTRIBUTE_NAMES = [
  "id",
  "authorId",
  "authorName",
  "delegation",
  "createdAt",
] as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The value rule of each attribute (document-schema.ts checks every stored mark against them). */
export const SUGGESTION_ATTRIBUTE_RULES: Record<
  (typeof SUGGESTION_ATTRIBUTE_NAMES)[number],
  (v: unknown) => boolean
> = {
  id: (v) => typeof v === "string" && ID_PATTERN.test(v),
  authorId: (v) => typeof v === "string" && v.length > 0 && v.length <= 64,
  authorName: (v) => typeof v === "string" && v.length > 0 && v.length <= 200,
  delegation: (v) => v === null || (typeof v === "string" && v.length > 0 && v.length <= 16),
  createdAt: (v) => typeof v === "string" && ISO_PATTERN.test(v) && !Number.isNaN(Date.parse(v)),
};

/** The value rules of a format suggestion's own attributes (document-schema.ts checks them too). */
export const FORMAT_ATTRIBUTE_RULES: Record<"add" | "remove", (v: unknown) => boolean> = {
  add: isFormatList,
  remove: isFormatList,
};

/**
 * The attributes of a format suggestion as stored, or null when any is out of range, or when it changes
 * nothing or adds and removes the same formatting.
 */
export function readFormatAttrs(raw: unknown): FormatSuggestionAttrs | null {
  const base = readSuggestionAttrs(raw);
  if (!base) return null;
  const record = raw as Record<string, unknown>;
  const add = record.add ?? [];
  const remove = record.remove ?? [];
  if (!isFormatList(add) || !isFormatList(remove)) return null;
  if (!add.length && !remove.length) return null;
  if (add.some((name) => remove.includes(name))) return null;
  return { ...base, add: sortFormats(add), remove: sortFormats(remove) };
}

/** Formatting names in the one order everything writes them (FORMAT_MARKS order). */
export function sortFormats(names: Iterable<FormatMarkName>): FormatMarkName[] {
  const set = new Set(names);
  return FORMAT_MARKS.filter((name) => set.has(name));
}

/** The attributes of a suggestion mark as stored, or null when any is missing or out of range. */
export function readSuggestionAttrs(raw: unknown): SuggestionAttrs | null {
  if (typeof raw !== "object" || raw === null) return null;
  const record = raw as Record<string, unknown>;
  for (const name of SUGGESTION_ATTRIBUTE_NAMES) {
    if (!SUGGESTION_ATTRIBUTE_RULES[name](record[name] ?? null)) return null;
  }
  return {
    id: record.id as string,
    authorId: record.authorId as string,
    authorName: record.authorName as string,
    delegation: (record.delegation as string | null | undefined) ?? null,
    createdAt: record.createdAt as string,
  };
}

/**
 * A suggested paragraph break: the new paragraph carries this attribute (the usual suggestion attributes)
 * until the suggestion is decided. Enter in Suggesting mode makes one (suggest-transaction.ts).
 */
export const PARAGRAPH_SUGGESTION = "suggestion";

/**
 * The attribute's value: the suggestion's attributes as a JSON string (a string, so the Yjs binding
 * compares it by value and never rewrites it), or null.
 */
export function encodeParagraphSuggestion(attrs: SuggestionAttrs): string {
  return JSON.stringify(Object.fromEntries(SUGGESTION_ATTRIBUTE_NAMES.map((name) => [name, attrs[name]])));
}

/** The suggestion a paragraph's attribute holds, or null (none, or not valid). */
export function readParagraphSuggestion(value: unknown): SuggestionAttrs | null {
  if (typeof value !== "string" || value.length > 1000) return null;
  try {
    return readSuggestionAttrs(JSON.parse(value));
  } catch {
    return null;
  }
}

/** The attribute's value rule (document-schema.ts): none, or valid suggestion attributes. */
export function isParagraphSuggestion(value: unknown): boolean {
  return value === null || readParagraphSuggestion(value) !== null;
}
