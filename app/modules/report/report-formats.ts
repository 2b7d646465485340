// The report's formats and parts: browser-safe (no zod), so the pages that list downloads or edit the
// front matter do not make the browser download the validation library. report.schema.ts re-exports them.
import type { LOCALES } from "~/i18n/messages";

export const REPORT_FORMATS = ["html", "md", "docx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The foreword and executive summary in English, and in Spanish (the `Es` parts). */
export const FRONT_MATTER_PARTS = ["foreword", "summary", "forewordEs", "summaryEs"] as const;
export type FrontMatterPart = (typeof FRONT_MATTER_PARTS)[number];

/** "rmsg-report-2026-11-23.pdf" (Spanish: "rmsg-informe-2026-11-23.pdf"). */
export function reportFileName(
  slug: string,
  isoDate: string,
  language: (typeof LOCALES)[number],
  format: ReportFormat,
): string {
  return `${slug}-${language === "es" ? "informe" : "report"}-${isoDate}.${format}`;
}

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};
