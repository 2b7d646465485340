// What a person typed into search, made safe for PostgreSQL full-text search, and the snippets it
// returns, made safe for the page. Pure and zod-free: the browser uses it (search-params.schema.ts reads
// the address bar on the server).

export const SEARCH_KINDS = ["paper", "comment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const MAX_QUERY_LENGTH = 200;
export const PAGE_SIZE = 20;

/** ts_headline wraps each match in these two characters; nobody types them, and they are never HTML. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

// Control characters (the highlight markers among them) are dropped from what people type.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Query text as it is searched: NFC, no control characters, single spaces, at most 200 characters. */
export function normalizeQuery(raw: string): string {
  return raw.normalize("NFC").replace(CONTROL, "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
}

export interface ParsedQuery {
  /** For websearch_to_tsquery: quotes, "or" and "-word" keep their meaning; it never fails on any input. */
  text: string;
  /** The word being typed, for a prefix match ("migra" finds "migración"); null when there is none. */
  prefix: string | null;
  /** The query without that last word: with the prefix, it must match too ("registro consu"). */
  rest: string;
  /** Plain words of the query, for the typo fallback (trigram similarity). */
  words: string[];
}

const WORD = /^[\p{L}\p{N}]+$/u;

/**
 * Splits a query for the database. The last word gets a prefix match only when it stands alone (not
 * quoted, not negated) and has at least two letters: a prefix of one letter would match everything.
 */
export function parseSearchQuery(raw: string): ParsedQuery | null {
  const text = normalizeQuery(raw);
  if (!text) return null;
  const quotes = (text.match(/"/g) ?? []).length;
  const tokens = text.split(" ");
  const last = tokens[tokens.length - 1];
  const prefix =
    quotes % 2 === 0 && !text.endsWith('"') && WORD.test(last) && last.length >= 2
      ? last.toLowerCase()
      : null;
  const words = tokens
    .map((token) => token.replace(/^-/, "").replace(/"/g, ""))
    .filter((word) => WORD.test(word) && word.toLowerCase() !== "or" && word.length >= 3)
    .map((word) => word.toLowerCase());
  if (!words.length && !prefix && !/[\p{L}\p{N}]/u.test(text)) return null;
  const rest = prefix ? tokens.slice(0, -1).join(" ") : text;
  return { text, prefix, rest, words };
}

export interface SnippetPart {
  text: string;
  highlighted: boolean;
}

/**
 * A ts_headline result as parts to render as text nodes, each matched word marked. Markers that do not
 * pair up (someone pasted one) only toggle highlighting; nothing here is ever HTML.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlighted = false;
  let current = "";
  const push = () => {
    if (current) parts.push({ text: current, highlighted });
    current = "";
  };
  for (const char of snippet) {
    if (char === MARK_START || char === MARK_END) {
      push();
      highlighted = char === MARK_START;
    } else current += char;
  }
  push();
  return parts;
}

/** Text to index: control characters (and so any stray highlight marker) removed, NFC. */
export function indexableText(text: string): string {
  return text.normalize("NFC").replace(CONTROL, "");
}
