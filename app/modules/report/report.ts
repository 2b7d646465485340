// The report as one plain, localised model, built by a pure function from what the database holds. The
// page and every download (HTML, Markdown, DOCX, PDF) render this same model, so they cannot disagree on
// numbering, wording or which text was adopted.
import { t, type Locale } from "~/i18n/messages";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import type { Role } from "~/modules/policy/policy";
import { formatTime } from "~/modules/time/format-time";
import { adoptionSentence, formatReportDate, noteKind, type AdoptionRecord } from "./adoption";
import { cleanText, emboldened, textBlocks, walkDoc, type Block } from "./walk";
import {
  groupText,
  paperTitleTexts,
  shownText,
  type BilingualText,
} from "~/modules/translations/bilingual-text";
import { otherLanguage } from "~/modules/translations/translation";

/** The section whose text is the bold lead of a finding (the demo template's first section). */
export const LEAD_SECTION_KEY = "finding";

export interface SourceDelegation {
  code: string;
  name: string;
  nameEs: string;
  members: { name: string; role: Role }[];
}

export interface SourcePaper {
  id: string;
  /** In the paper's original language; `titleTranslation` in the other ("" or absent: not written). */
  title: string;
  titleTranslation?: string;
  /** The language the paper was drafted in (English when absent). */
  originalLanguage?: Locale;
  /**
   * The sections of the version the adopting vote was bound to, in paper order; `translation` is the
   * section's text in the paper's other language ("<key>:<lang>"), null or absent when there is none.
   */
  sections: { key: string; title: string; titleEs?: string; doc: PMNode; translation?: PMNode | null }[];
  version: { number: number; textHash: string };
  adoption: AdoptionRecord;
  statements: { delegation: string; value: string; statement: string }[];
}

export interface ReportSource {
  /** `name` English, `nameEs` Spanish (absent or "": not written). */
  group: { slug: string; name: string; nameEs?: string };
  delegations: SourceDelegation[];
  /** The foreword and executive summary in English; the `Es` ones in Spanish (null: not written). */
  foreword: PMNode | null;
  summary: PMNode | null;
  forewordEs?: PMNode | null;
  summaryEs?: PMNode | null;
  /** Adopted papers in the secretariat's order. */
  papers: SourcePaper[];
  audit: { count: number; head: string | null };
}

export interface ReportNote {
  /** "Reservation of El Salvador" */
  lead: string;
  blocks: Block[];
}

export interface ReportFinding {
  paperId: string;
  number: number;
  /** "Finding 1", for headings read aloud and outlines. */
  label: string;
  title: string;
  /**
   * Set when some of the finding's text has no translation into the report's language and is given in
   * the original: says so, and which sections (renderers print it under the finding's title).
   */
  translationNote: string | null;
  /** The language of the lead's text when it is not the report's (an untranslated original). */
  leadLanguage: Locale | null;
  lead: Block[];
  /**
   * `language`: the language of the section's text when it is not the report's (its title says so too).
   * `blocks` is the text without pending suggestions, what every format prints; `tracked` (one paper's
   * download only, when some are pending) is the same text with them on its runs, for the formats that
   * mark them (DOCX tracked changes, HTML <ins>/<del>).
   */
  sections: { title: string; blocks: Block[]; tracked?: Block[]; language: Locale | null }[];
  adoption: string;
  notes: ReportNote[];
}

/** One paper's pending suggestions, listed after its text (absent when none is pending). */
export interface PendingSuggestionList {
  /** "Pending suggestions (3)" */
  heading: string;
  /** What the list is, for a format that marks them in the text (HTML). */
  marked: string;
  /** The same, for a format that carries them as Word tracked changes (DOCX, which prints no list). */
  tracked: string;
  /** The same, for a format that prints the text without them (Markdown, PDF). */
  leftOut: string;
  /** "Recommendation: Replace “should” with “shall” — Gabriela Núñez (MX), 10 Mar 2026, 14:05 (UTC)" */
  items: string[];
}

export interface ReportDocument {
  locale: Locale;
  slug: string;
  groupName: string;
  title: string;
  /** "The report as it stands on 23 November 2026" */
  dateLine: string;
  /** YYYY-MM-DD (UTC), for file names. */
  isoDate: string;
  labels: {
    cochairs: string;
    members: string;
    foreword: string;
    summary: string;
    findings: string;
    notes: string;
    colophon: string;
  };
  cochairs: { name: string; delegation: string }[];
  delegations: { name: string; members: string[] }[];
  foreword: Block[];
  summary: Block[];
  findings: ReportFinding[];
  colophon: string[];
  /**
   * Set for a download of one paper (not the group's report): no findings heading or numbering, no
   * adoption line; `footer` (the version and its SHA-256) closes the document and `pageFooter` (shorter)
   * is printed at the foot of every page.
   */
  single?: { footer: string; pageFooter: string; suggestions?: PendingSuggestionList };
}

export function delegationName(delegation: { name: string; nameEs: string }, locale: Locale): string {
  return cleanText(locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name);
}

/** Text written in both languages, in the report's: the other language's, marked, when not written. */
export function shownIn(texts: BilingualText, locale: Locale): string {
  const shown = shownText({ en: cleanText(texts.en), es: cleanText(texts.es) }, locale);
  return shown.fallback ? `${shown.text} ${t(locale, `content.fallback.${shown.fallback}`)}` : shown.text;
}

/** A section's title in the report's language, unmarked (an untranslated section says so itself). */
export function plainHeading(section: { title: string; titleEs?: string }, locale: Locale): string {
  return shownText(groupText(cleanText(section.title), cleanText(section.titleEs ?? "")), locale).text;
}

/** A section's heading in the report's language (the template's title, copied into the paper). */
export function sectionHeading(section: { title: string; titleEs?: string }, locale: Locale): string {
  return shownIn(groupText(section.title, section.titleEs ?? ""), locale);
}

/** A front-matter part in the report's language; the English one when the Spanish is not written. */
function frontPart(en: PMNode | null, es: PMNode | null | undefined, locale: Locale) {
  const own = locale === "es" ? (es ? walkDoc(es) : []) : en ? walkDoc(en) : [];
  if (own.length > 0) return { blocks: own, fallback: null };
  const other = locale === "es" ? (en ? walkDoc(en) : []) : es ? walkDoc(es) : [];
  return { blocks: other, fallback: other.length > 0 ? otherLanguage(locale) : null };
}

/**
 * The text of one section in the report's language: the paper's translation when the report is in the
 * paper's other language and that section has one, else the original (with its language, to be marked).
 */
export function sectionText(
  section: SourcePaper["sections"][number],
  original: Locale,
  locale: Locale,
): { blocks: Block[]; language: Locale | null } {
  const { doc, language } = sectionSource(section, original, locale);
  return { blocks: walkDoc(doc), language };
}

/** Which document of a section `sectionText` prints, and its language when it is not the report's. */
export function sectionSource(
  section: SourcePaper["sections"][number],
  original: Locale,
  locale: Locale,
): { doc: PMNode; language: Locale | null } {
  if (locale === original) return { doc: section.doc, language: null };
  if (section.translation && walkDoc(section.translation).length > 0)
    return { doc: section.translation, language: null };
  return { doc: section.doc, language: original };
}

function buildFinding(
  paper: SourcePaper,
  number: number,
  locale: Locale,
  names: Map<string, string>,
  timeZone: string,
): ReportFinding {
  const original = paper.originalLanguage ?? "en";
  const leadIndex = Math.max(
    0,
    paper.sections.findIndex((s) => s.key === LEAD_SECTION_KEY),
  );
  const lead = paper.sections[leadIndex];
  const leadText = lead ? sectionText(lead, original, locale) : { blocks: [], language: null };
  const notes: ReportNote[] = [];
  for (const statement of paper.statements) {
    const kind = noteKind(statement.value);
    if (!kind || statement.statement.trim() === "") continue;
    const delegation = names.get(statement.delegation) ?? statement.delegation;
    notes.push({
      lead: t(locale, kind === "reservation" ? "report.note.reservation" : "report.note.objection", {
        delegation,
      }),
      blocks: textBlocks(statement.statement),
    });
  }
  const languageName = t(locale, `translation.language.${original}`);
  const sections = paper.sections
    .filter((_, index) => index !== leadIndex)
    .map((section) => ({
      title: sectionHeading(section, locale),
      plain: plainHeading(section, locale),
      ...sectionText(section, original, locale),
    }))
    // An optional section left empty is not printed under an empty heading.
    .filter((section) => section.blocks.length > 0);
  const printed = [
    ...(lead && leadText.blocks.length
      ? [
          {
            title: sectionHeading(lead, locale),
            plain: plainHeading(lead, locale),
            language: leadText.language,
          },
        ]
      : []),
    ...sections,
  ];
  const untranslated = printed.filter((section) => section.language !== null);
  return {
    paperId: paper.id,
    number,
    label: t(locale, "report.finding", { number }),
    title: shownIn(
      paperTitleTexts({
        title: paper.title,
        titleTranslation: paper.titleTranslation ?? "",
        originalLanguage: original,
      }),
      locale,
    ),
    translationNote:
      untranslated.length === 0
        ? null
        : untranslated.length === printed.length
          ? t(locale, "report.untranslated.all", { language: languageName })
          : t(locale, "report.untranslated.some", {
              language: languageName,
              sections: untranslated.map((s) => s.plain).join(", "),
            }),
    leadLanguage: leadText.language,
    lead: emboldened(leadText.blocks),
    // An untranslated section says so in its heading (which is then not marked a second time).
    sections: sections.map(({ plain, ...section }) =>
      section.language
        ? {
            ...section,
            title: t(locale, "report.untranslated.section", { title: plain, language: languageName }),
          }
        : section,
    ),
    adoption: adoptionSentence(paper.adoption, locale, timeZone),
    notes,
  };
}

/** The whole report in one language, as it stands at `now`, with dates on the reader's clock. */
export function buildReport(
  source: ReportSource,
  locale: Locale,
  now: Date,
  timeZone = "UTC",
): ReportDocument {
  const names = new Map(source.delegations.map((d) => [d.code, delegationName(d, locale)]));
  const date = formatReportDate(now, locale, timeZone);
  const findings = source.papers.map((paper, index) =>
    buildFinding(paper, index + 1, locale, names, timeZone),
  );
  const groupName = shownText(
    groupText(cleanText(source.group.name), cleanText(source.group.nameEs ?? "")),
    locale,
  ).text;
  const foreword = frontPart(source.foreword, source.forewordEs, locale);
  const summary = frontPart(source.summary, source.summaryEs, locale);
  const marked = (label: string, fallback: Locale | null) =>
    fallback ? `${label} ${t(locale, `content.fallback.${fallback}`)}` : label;
  // "14:00 (Mexico City)": the zone is named by the formatter.
  const time = formatTime(now, { locale, timeZone }, "time");
  return {
    locale,
    slug: source.group.slug,
    groupName,
    title: t(locale, "report.title", { group: groupName }),
    dateLine: t(locale, "report.asOf", { date }),
    isoDate: now.toISOString().slice(0, 10),
    labels: {
      cochairs: t(locale, "report.cochairs"),
      members: t(locale, "report.members"),
      foreword: marked(t(locale, "report.foreword"), foreword.fallback),
      summary: marked(t(locale, "report.summary"), summary.fallback),
      findings: t(locale, "report.findings"),
      notes: t(locale, "report.notes"),
      colophon: t(locale, "report.colophon"),
    },
    cochairs: source.delegations.flatMap((d) =>
      d.members
        .filter((m) => m.role === "COCHAIR")
        .map((m) => ({ name: cleanText(m.name), delegation: delegationName(d, locale) })),
    ),
    delegations: source.delegations
      .map((d) => ({
        name: delegationName(d, locale),
        members: d.members.filter((m) => m.role === "MEMBER").map((m) => cleanText(m.name)),
      }))
      .filter((d) => d.members.length > 0),
    foreword: foreword.blocks,
    summary: summary.blocks,
    findings,
    colophon: [
      t(locale, "report.colophon.generated", { date, time }),
      ...findings.map((f, index) =>
        t(locale, "report.colophon.finding", {
          number: f.number,
          version: source.papers[index].version.number,
          title: f.title,
          hash: source.papers[index].version.textHash,
        }),
      ),
      t(locale, "report.colophon.audit", { count: source.audit.count, hash: source.audit.head ?? "—" }),
    ],
  };
}
