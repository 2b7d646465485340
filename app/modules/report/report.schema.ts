// What the report's pages and downloads accept, checked with zod at the boundary.
import { z } from "zod";
import { LOCALES } from "~/i18n/messages";
import { paperIdSchema } from "~/modules/papers/papers.schema";

export const REPORT_FORMATS = ["html", "md", "docx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const reportFormatSchema = z.enum(REPORT_FORMATS);
export const reportLanguageSchema = z.enum(LOCALES);

/** The foreword and executive summary in English, and in Spanish (the `Es` parts). */
export const FRONT_MATTER_PARTS = ["foreword", "summary", "forewordEs", "summaryEs"] as const;
export type FrontMatterPart = (typeof FRONT_MATTER_PARTS)[number];

// The editor's JSON of one part; generous for a few pages of text, small enough to refuse a flood.
const MAX_PART_JSON = 300_000;

const moveSchema = z.object({
  intent: z.literal("move"),
  paperId: paperIdSchema,
  direction: z.enum(["up", "down"]),
});

const orderSchema = z.object({
  intent: z.literal("order"),
  order: z
    .string()
    .max(20_000)
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(
      z
        .array(paperIdSchema)
        .min(1)
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length),
    ),
});

export const reportOrderSchema = z.discriminatedUnion("intent", [moveSchema, orderSchema]);
export type ReportOrderInput = z.infer<typeof reportOrderSchema>;

const partJson = z
  .string()
  .max(MAX_PART_JSON, "report.frontMatter.tooLong")
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "report.frontMatter.invalid" });
      return z.NEVER;
    }
  });

export const frontMatterSchema = z.object({
  intent: z.literal("frontMatter"),
  foreword: partJson,
  summary: partJson,
  // Absent from a form that predates the Spanish parts: saved empty.
  forewordEs: partJson.optional(),
  summaryEs: partJson.optional(),
  revision: z.union([z.literal(""), z.iso.datetime()]),
});

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
