// Suggested insertions and deletions are marks on the text (DESIGN.md, "Suggestions and amendments"):
// stored in the Yjs document like bold or a link, so they sync, persist and survive restarts with no
// storage of their own. Each carries who suggested it, so the server can check that someone who may only
// suggest sends nothing else (suggestion-check.ts), and so a card can say "Ana Pérez (MX), 10:42".
import { Mark, mergeAttributes } from "@tiptap/core";

export const SUGGESTION_INSERT = "suggestionInsert";
export const SUGGESTION_DELETE = "suggestionDelete";
export const SUGGESTION_MARKS = [SUGGESTION_INSERT, SUGGESTION_DELETE] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

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
    SUGGESTION_ATTRIBUTE_NAMES.map((name) => [
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
