// Short content people write for the whole group in both working languages: the group's name and
// description, template section titles and guidance, paper titles. Pure and browser-safe.
import { isPaperLanguage, otherLanguage, type PaperLanguage } from "./translation";

/** A text in each working language; "" (or only spaces) means not written yet. */
export type BilingualText = Record<PaperLanguage, string>;

export interface ShownText {
  text: string;
  /** Set when the viewer's language has no text and the other language's is shown instead. */
  fallback: PaperLanguage | null;
}

/**
 * The text to show a viewer: theirs when written, else the other language's, marked as such. Both empty
 * gives "" with no mark.
 */
export function shownText(texts: BilingualText, locale: PaperLanguage): ShownText {
  const own = texts[locale].trim();
  if (own) return { text: own, fallback: null };
  const other = otherLanguage(locale);
  const theirs = texts[other].trim();
  return theirs ? { text: theirs, fallback: other } : { text: "", fallback: null };
}

/** Group-owned content (group, template and section fields): the plain column English, `…Es` Spanish. */
export function groupText(en: string, es: string): BilingualText {
  return { en, es };
}

/** A paper's title: `title` is in the paper's original language, `titleTranslation` in the other. */
export function paperTitleTexts(paper: {
  title: string;
  titleTranslation: string;
  originalLanguage: PaperLanguage;
}): BilingualText {
  const other = otherLanguage(paper.originalLanguage);
  return { [paper.originalLanguage]: paper.title, [other]: paper.titleTranslation } as BilingualText;
}

/** The plain-text title in the viewer's language (for lists, mail subjects, file names): no mark. */
export function paperTitleIn(
  paper: { title: string; titleTranslation: string; originalLanguage: PaperLanguage },
  locale: PaperLanguage,
): string {
  return shownText(paperTitleTexts(paper), locale).text || paper.title;
}

/**
 * Whether a paper title's translation is out of date: it was written for an original title that has
 * changed since (like a section's translation, whose original changed after it was marked).
 */
export function titleTranslationStale(paper: {
  title: string;
  titleTranslation: string;
  titleTranslationSource: string | null;
}): boolean {
  if (paper.titleTranslation.trim() === "") return false;
  return paper.titleTranslationSource !== paper.title;
}

/**
 * The original title the translation counts as written for after a save: the new title when the
 * translation itself was changed or the editor confirms it still fits; otherwise what it was, so a
 * changed original leaves the translation out of date. No translation: nothing.
 */
export function nextTitleTranslationSource(
  before: { title: string; titleTranslation: string; titleTranslationSource: string | null },
  after: { title: string; titleTranslation: string },
  confirmed: boolean,
): string | null {
  if (after.titleTranslation.trim() === "") return null;
  if (confirmed || after.titleTranslation !== before.titleTranslation) return after.title;
  return before.titleTranslationSource;
}

/**
 * A section's title and guidance (English in `title`/`guidance`, Spanish in the `Es` fields) in the
 * viewer's language, as plain strings for headings and labels, with the language of a fallback.
 */
export function localizeSection<
  S extends { title: string; titleEs: string; guidance: string; guidanceEs: string },
>(section: S, locale: PaperLanguage) {
  const title = shownText(groupText(section.title, section.titleEs), locale);
  const guidance = shownText(groupText(section.guidance, section.guidanceEs), locale);
  const { titleEs: _titleEs, guidanceEs: _guidanceEs, ...rest } = section;
  return {
    ...rest,
    title: title.text || section.title,
    titleFallback: title.fallback,
    guidance: guidance.text,
    guidanceFallback: guidance.fallback,
  };
}

/** A paper's title as the reader reads it: in their language when written, else the original. */
export function readerTitle(
  paper: { title: string; titleTranslation: string; originalLanguage: string },
  locale: PaperLanguage,
): string {
  const originalLanguage = isPaperLanguage(paper.originalLanguage) ? paper.originalLanguage : "en";
  return paperTitleIn({ ...paper, originalLanguage }, locale);
}

/** A group as the reader reads it: its name in their language when written, else the English one. */
export function readerGroup(
  group: { slug: string; name: string; nameEs: string },
  locale: PaperLanguage,
): { slug: string; name: string } {
  return {
    slug: group.slug,
    name: shownText(groupText(group.name, group.nameEs), locale).text || group.name,
  };
}
