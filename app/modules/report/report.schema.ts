// What the report's pages and downloads accept, checked with zod at the boundary.
import { z } from "zod";
import { LOCALES } from "~/i18n/messages";
import { paperIdSchema } from "~/modules/papers/papers.schema";
import { REPORT_FORMATS } from "./report-formats";

export * from "./report-formats";

export const reportFormatSchema = z.enum(REPORT_FORMATS);
export const reportLanguageSchema = z.enum(LOCALES);

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
