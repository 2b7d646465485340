// One paper as a download: the report's model with one finding and no front matter, so the same four
// renderers (HTML, Markdown, DOCX, PDF) format it. Every section is printed under its title (none is the
// bold lead), in the requested language (the translation where the paper has one, else the original,
// marked), and the footer names the version and the SHA-256 of the text it prints.
//
// Pending suggestions: every format prints the text without them (the text the SHA-256 is of); a section
// that has some also carries them (`tracked`) for DOCX (Word tracked changes) and HTML (<ins>/<del>), and
// the document lists them after the text (HTML, Markdown, PDF; Word has its Review pane).
import { t, type Locale } from "~/i18n/messages";
import { sanitizeDoc } from "~/modules/documents/prosemirror-json";
import { describeChange } from "~/modules/suggestions/describe-change";
import { listSectionSuggestions } from "~/modules/suggestions/list";
import { formatTime } from "~/modules/time/format-time";
import { formatReportDate } from "./adoption";
import {
  plainHeading,
  sectionHeading,
  sectionSource,
  shownIn,
  type PendingSuggestionList,
  type ReportDocument,
  type SourcePaper,
} from "./report";
import { groupText, paperTitleTexts, shownText } from "~/modules/translations/bilingual-text";
import { cleanText, walkDoc } from "./walk";

export interface PaperExportSource {
  group: { slug: string; name: string; nameEs?: string };
  paper: { id: string; title: string; titleTranslation?: string; originalLanguage: Locale };
  /** Each section's documents read with their pending suggestions kept (fragmentToJson(…, "keep")). */
  sections: SourcePaper["sections"];
  /** A saved version, or null for the current text. */
  version: { number: number; label: string } | null;
  /** SHA-256 of the canonical text of what is printed (the version's, or the current text's). */
  textHash: string;
}

export function buildPaperDocument(source: PaperExportSource, locale: Locale, now: Date): ReportDocument {
  const original = source.paper.originalLanguage;
  const languageName = t(locale, `translation.language.${original}`);
  const title = shownIn(
    paperTitleTexts({
      title: source.paper.title,
      titleTranslation: source.paper.titleTranslation ?? "",
      originalLanguage: original,
    }),
    locale,
  );
  const groupName = shownText(
    groupText(cleanText(source.group.name), cleanText(source.group.nameEs ?? "")),
    locale,
  ).text;
  const printed = source.sections.map((section) => {
    const { doc, language } = sectionSource(section, original, locale);
    const kept = sanitizeDoc(doc, "keep");
    const pending = listSectionSuggestions(section.key, kept);
    return {
      title: sectionHeading(section, locale),
      plain: plainHeading(section, locale),
      blocks: walkDoc(doc),
      ...(pending.length ? { tracked: walkDoc(kept, "keep") } : {}),
      language,
      pending,
    };
  });
  // A section whose only text is a suggested insertion is printed (under its heading) and listed.
  const sections = printed
    .filter((section) => section.blocks.length > 0 || section.tracked)
    .map(({ pending: _pending, ...section }) => section);
  const suggestions = pendingList(
    printed.flatMap((section) => section.pending.map((pending) => ({ section: section.plain, pending }))),
    locale,
  );
  const untranslated = sections.filter((section) => section.language !== null);
  const footer = source.version
    ? t(locale, "word.download.footer", {
        title,
        number: source.version.number,
        label: cleanText(source.version.label),
        hash: source.textHash,
      })
    : t(locale, "word.download.footerCurrent", { title, hash: source.textHash });
  const date = formatReportDate(now, locale);
  return {
    locale,
    slug: source.group.slug,
    groupName,
    title,
    dateLine: `${groupName} · ${date}`,
    isoDate: now.toISOString().slice(0, 10),
    labels: {
      cochairs: "",
      members: "",
      foreword: "",
      summary: "",
      findings: "",
      notes: t(locale, "report.notes"),
      colophon: t(locale, "word.download.colophon"),
    },
    cochairs: [],
    delegations: [],
    foreword: [],
    summary: [],
    findings: [
      {
        paperId: source.paper.id,
        number: 1,
        label: title,
        title,
        translationNote:
          untranslated.length === 0
            ? null
            : untranslated.length === sections.length
              ? t(locale, "report.untranslated.all", { language: languageName })
              : t(locale, "report.untranslated.some", {
                  language: languageName,
                  sections: untranslated.map((s) => s.plain).join(", "),
                }),
        leadLanguage: null,
        lead: [],
        sections: sections.map(({ plain, ...section }) =>
          section.language
            ? {
                ...section,
                title: t(locale, "report.untranslated.section", { title: plain, language: languageName }),
              }
            : section,
        ),
        adoption: "",
        notes: [],
      },
    ],
    colophon: [footer, t(locale, "word.download.generated", { date, time: now.toISOString().slice(11, 16) })],
    single: {
      footer,
      pageFooter: source.version
        ? t(locale, "word.download.pageFooter", { number: source.version.number, hash: source.textHash })
        : t(locale, "word.download.pageFooterCurrent", { hash: source.textHash }),
      ...(suggestions ? { suggestions } : {}),
    },
  };
}

/** The pending suggestions in reading order, in words, with who and when (times in UTC, as the footer's). */
function pendingList(
  entries: { section: string; pending: ReturnType<typeof listSectionSuggestions>[number] }[],
  locale: Locale,
): PendingSuggestionList | null {
  if (entries.length === 0) return null;
  return {
    heading: t(locale, "word.download.suggestions", { count: entries.length }),
    marked: t(locale, "word.download.suggestions.marked"),
    tracked: t(locale, "word.download.suggestions.tracked"),
    leftOut: t(locale, "word.download.suggestions.leftOut"),
    items: entries.map(({ section, pending }) => {
      const name = cleanText(pending.authorName);
      return t(locale, "word.download.suggestion", {
        section,
        change: describeChange(
          locale,
          cleanText(pending.inserted),
          cleanText(pending.deleted),
          pending.format ? { ...pending.format, text: cleanText(pending.format.text) } : null,
          pending.kind === "paragraph",
        ),
        author: pending.delegation ? `${name} (${cleanText(pending.delegation)})` : name,
        time: formatTime(pending.createdAt, { locale, timeZone: "UTC" }),
      });
    }),
  };
}

/** "rmsg-consular-protection-v3-es.pdf", "rmsg-consular-protection-current-en.docx". */
export function paperFileName(
  slug: string,
  title: string,
  version: number | null,
  language: Locale,
  extension: string,
): string {
  const stem =
    title
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "paper";
  return `${slug}-${stem}-${version === null ? "current" : `v${version}`}-${language}.${extension}`;
}
