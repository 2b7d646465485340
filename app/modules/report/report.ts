// The report as one plain, localised model, built by a pure function from what the database holds. The
// page and every download (HTML, Markdown, DOCX, PDF) render this same model, so they cannot disagree on
// numbering, wording or which text was adopted.
import { t, type Locale } from "~/i18n/messages";
import type { PMNode } from "~/modules/papers/prosemirror-json";
import type { Role } from "~/modules/policy/policy";
import { adoptionSentence, formatReportDate, noteKind, type AdoptionRecord } from "./adoption";
import { cleanText, emboldened, textBlocks, walkDoc, type Block } from "./walk";

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
  title: string;
  /** The sections of the version the adopting vote was bound to, in paper order. */
  sections: { key: string; title: string; doc: PMNode }[];
  version: { number: number; textHash: string };
  adoption: AdoptionRecord;
  statements: { delegation: string; value: string; statement: string }[];
}

export interface ReportSource {
  group: { slug: string; name: string };
  delegations: SourceDelegation[];
  foreword: PMNode | null;
  summary: PMNode | null;
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
  lead: Block[];
  sections: { title: string; blocks: Block[] }[];
  adoption: string;
  notes: ReportNote[];
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
  labels: { cochairs: string; members: string; foreword: string; summary: string; findings: string; notes: string; colophon: string };
  cochairs: { name: string; delegation: string }[];
  delegations: { name: string; members: string[] }[];
  foreword: Block[];
  summary: Block[];
  findings: ReportFinding[];
  colophon: string[];
}

export function delegationName(delegation: { name: string; nameEs: string }, locale: Locale): string {
  return cleanText(locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name);
}

function buildFinding(paper: SourcePaper, number: number, locale: Locale, names: Map<string, string>): ReportFinding {
  const leadIndex = Math.max(0, paper.sections.findIndex((s) => s.key === LEAD_SECTION_KEY));
  const lead = paper.sections[leadIndex];
  const notes: ReportNote[] = [];
  for (const statement of paper.statements) {
    const kind = noteKind(statement.value);
    if (!kind || statement.statement.trim() === "") continue;
    const delegation = names.get(statement.delegation) ?? statement.delegation;
    notes.push({ lead: t(locale, kind === "reservation" ? "report.note.reservation" : "report.note.objection", { delegation }), blocks: textBlocks(statement.statement) });
  }
  return {
    paperId: paper.id,
    number,
    label: t(locale, "report.finding", { number }),
    title: cleanText(paper.title),
    lead: lead ? emboldened(walkDoc(lead.doc)) : [],
    sections: paper.sections
      .filter((_, index) => index !== leadIndex)
      .map((section) => ({ title: cleanText(section.title), blocks: walkDoc(section.doc) }))
      // An optional section left empty is not printed under an empty heading.
      .filter((section) => section.blocks.length > 0),
    adoption: adoptionSentence(paper.adoption, locale),
    notes,
  };
}

/** The whole report in one language, as it stands at `now`. */
export function buildReport(source: ReportSource, locale: Locale, now: Date): ReportDocument {
  const names = new Map(source.delegations.map((d) => [d.code, delegationName(d, locale)]));
  const date = formatReportDate(now, locale);
  const findings = source.papers.map((paper, index) => buildFinding(paper, index + 1, locale, names));
  const time = now.toISOString().slice(11, 16);
  return {
    locale,
    slug: source.group.slug,
    groupName: cleanText(source.group.name),
    title: t(locale, "report.title", { group: cleanText(source.group.name) }),
    dateLine: t(locale, "report.asOf", { date }),
    isoDate: now.toISOString().slice(0, 10),
    labels: {
      cochairs: t(locale, "report.cochairs"),
      members: t(locale, "report.members"),
      foreword: t(locale, "report.foreword"),
      summary: t(locale, "report.summary"),
      findings: t(locale, "report.findings"),
      notes: t(locale, "report.notes"),
      colophon: t(locale, "report.colophon"),
    },
    cochairs: source.delegations.flatMap((d) => d.members.filter((m) => m.role === "COCHAIR").map((m) => ({ name: cleanText(m.name), delegation: delegationName(d, locale) }))),
    delegations: source.delegations
      .map((d) => ({ name: delegationName(d, locale), members: d.members.filter((m) => m.role === "MEMBER").map((m) => cleanText(m.name)) }))
      .filter((d) => d.members.length > 0),
    foreword: source.foreword ? walkDoc(source.foreword) : [],
    summary: source.summary ? walkDoc(source.summary) : [],
    findings,
    colophon: [
      t(locale, "report.colophon.generated", { date, time }),
      ...findings.map((f, index) => t(locale, "report.colophon.finding", { number: f.number, version: source.papers[index].version.number, title: f.title, hash: source.papers[index].version.textHash })),
      t(locale, "report.colophon.audit", { count: source.audit.count, hash: source.audit.head ?? "—" }),
    ],
  };
}
