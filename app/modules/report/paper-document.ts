// One paper as a download: the report's model with one finding and no front matter, so the same four
// renderers (HTML, Markdown, DOCX, PDF) format it. Every section is printed under its title (none is the
// bold lead), in the requested language (the translation where the paper has one, else the original,
// marked), and the footer names the version and the SHA-256 of the text it prints.
import { t, type Locale } from "~/i18n/messages";
import { formatReportDate } from "./adoption";
import { sectionText, type ReportDocument, type SourcePaper } from "./report";
import { cleanText } from "./walk";

export interface PaperExportSource {
  group: { slug: string; name: string };
  paper: { id: string; title: string; originalLanguage: Locale };
  sections: SourcePaper["sections"];
  /** A saved version, or null for the current text. */
  version: { number: number; label: string } | null;
  /** SHA-256 of the canonical text of what is printed (the version's, or the current text's). */
  textHash: string;
}

export function buildPaperDocument(source: PaperExportSource, locale: Locale, now: Date): ReportDocument {
  const original = source.paper.originalLanguage;
  const languageName = t(locale, `translation.language.${original}`);
  const title = cleanText(source.paper.title);
  const sections = source.sections
    .map((section) => ({ title: cleanText(section.title), ...sectionText(section, original, locale) }))
    .filter((section) => section.blocks.length > 0);
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
    groupName: cleanText(source.group.name),
    title,
    dateLine: `${cleanText(source.group.name)} · ${date}`,
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
                  sections: untranslated.map((s) => s.title).join(", "),
                }),
        leadLanguage: null,
        lead: [],
        sections: sections.map((section) =>
          section.language
            ? {
                ...section,
                title: t(locale, "report.untranslated.section", {
                  title: section.title,
                  language: languageName,
                }),
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
    },
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
