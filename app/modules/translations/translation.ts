// Bilingual papers: a paper is drafted in its original language and may carry the other one. The
// original text of a section lives in the Yjs fragment named by the section key, the other language in
// the fragment "<key>:<lang>" of the same document. Pure and browser-safe: the paper page uses it live.
export const PAPER_LANGUAGES = ["en", "es"] as const;
export type PaperLanguage = (typeof PAPER_LANGUAGES)[number];

export function isPaperLanguage(value: unknown): value is PaperLanguage {
  return typeof value === "string" && (PAPER_LANGUAGES as readonly string[]).includes(value);
}

/** The language a paper carries besides its original (there are two working languages). */
export function otherLanguage(language: PaperLanguage): PaperLanguage {
  return language === "en" ? "es" : "en";
}

/** The Yjs fragment holding a section's text in the paper's other language, e.g. "finding:es". */
export function translationFragmentName(sectionKey: string, language: PaperLanguage): string {
  return `${sectionKey}:${language}`;
}

/**
 * Where a section's translation stands:
 * - "missing": the translation is empty;
 * - "unchecked": there is a translation, but nobody has marked it up to date yet;
 * - "upToDate": the original is as it was when the translation was last marked up to date;
 * - "outOfDate": the original changed since.
 */
export type TranslationState = "missing" | "unchecked" | "upToDate" | "outOfDate";

/**
 * Staleness from fingerprints of the original section: `marked` was taken when the translation was last
 * marked up to date (null: never), `current` is taken now. The server passes SHA-256 hashes of the
 * canonical text; the browser, which has no synchronous SHA-256, passes the canonical texts themselves
 * (equal texts have equal hashes, so both answer alike).
 */
export function translationState(input: {
  translated: boolean;
  marked: string | null;
  current: string;
}): TranslationState {
  if (!input.translated) return "missing";
  if (input.marked === null) return "unchecked";
  return input.marked === input.current ? "upToDate" : "outOfDate";
}

/** The keys of the sections whose translation is out of date, in the order given. */
export function outOfDateKeys(states: { key: string; state: TranslationState }[]): string[] {
  return states.filter((s) => s.state === "outOfDate").map((s) => s.key);
}

/** What the paper page shows: the original, the translation, or both side by side. */
export const TEXT_VIEWS = ["original", "translation", "both"] as const;
export type TextView = (typeof TEXT_VIEWS)[number];
