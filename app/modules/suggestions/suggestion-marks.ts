// Suggested insertions and deletions are marks on the text (DESIGN.md, "Suggestions and amendments"):
// stored in the Yjs document like bold or a link, so they sync, persist and survive restarts with no
// storage of their own. Each carries who suggested it, so the server can check that someone who may only
// suggest sends nothing else (suggestion-check.ts), and so a card can say "Ana Pérez (MX), 10:42".
import { Extension, Mark, mergeAttributes } from "@tiptap/core";

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

function suggestionAttributes() {
  return Object.fromEntries(
    SUGGESTION_ATTRIBUTE_NAMES.map((name): [string, unknown] => [
      name,
      {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute(`data-suggestion-${name.toLowerCase()}`),
        renderHTML: (attrs: Record<string, unknown>) => {
          const value = attrs[name];
          return typeof value === "string" ? { [`data-suggestion-${name.toLowerCase()}`]: value } : {};
        },
      },
    ]),
  );
}

function suggestionMark(name: SuggestionMarkName, tag: "ins" | "del") {
  return Mark.create({
    name,
    // Typing at the edge of someone's suggestion must not join it: the plugin decides what new text carries.
    inclusive: false,
    // Below links, bold and italic, so a suggestion wraps the formatted text it covers.
    priority: 40,
    addAttributes: suggestionAttributes,
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes({ class: `suggestion suggestion-${tag}` }, HTMLAttributes), 0];
    },
  });
}

export const SuggestionInsert = suggestionMark(SUGGESTION_INSERT, "ins");
export const SuggestionDelete = suggestionMark(SUGGESTION_DELETE, "del");

function formatListAttribute(name: "add" | "remove") {
  return {
    default: [],
    parseHTML: (element: HTMLElement) => {
      const names = (element.getAttribute(`data-suggestion-${name}`) ?? "").split(" ").filter(isFormatMark);
      return sortFormats(names);
    },
    renderHTML: (attrs: Record<string, unknown>) => {
      const value = attrs[name];
      return isFormatList(value) && value.length ? { [`data-suggestion-${name}`]: value.join(" ") } : {};
    },
  };
}

/**
 * A suggested formatting change: the text carries the new formatting (bold, italic) and this mark,
 * which records what changed (`add`, `remove`), so rejecting it can restore the formatting it had.
 */
export const SuggestionFormat = Mark.create({
  name: SUGGESTION_FORMAT,
  inclusive: false,
  priority: 40,
  addAttributes() {
    return {
      ...suggestionAttributes(),
      add: formatListAttribute("add"),
      remove: formatListAttribute("remove"),
    };
  },
  parseHTML() {
    return [{ tag: "span[data-suggestion-id].suggestion-format" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "suggestion suggestion-format" }, HTMLAttributes), 0];
  },
});

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

export const SuggestedParagraph = Extension.create({
  name: "suggestedParagraph",
  addGlobalAttributes() {
    return [
      {
        types: ["paragraph"],
        attributes: {
          [PARAGRAPH_SUGGESTION]: {
            default: null,
            // Splitting a suggested paragraph does not make the second half a suggestion too.
            keepOnSplit: false,
            // Only ever set by Suggesting mode, never read from pasted HTML.
            parseHTML: () => null,
            renderHTML: (attrs: Record<string, unknown>) => {
              const value = readParagraphSuggestion(attrs[PARAGRAPH_SUGGESTION]);
              if (!value) return {};
              return {
                class: "suggestion suggestion-paragraph",
                "data-suggestion-id": value.id,
                "data-suggestion-authorname": value.authorName,
                ...(value.delegation ? { "data-suggestion-delegation": value.delegation } : {}),
              };
            },
          },
        },
      },
    ];
  },
});
