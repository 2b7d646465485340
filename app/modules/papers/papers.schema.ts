import { z } from "zod";
import { PAPER_STATUSES } from "~/modules/policy/policy";
import { PAPER_LANGUAGES } from "../translations/translation";

export const paperIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const createPaperSchema = z.object({
  templateId: z.string().min(1, { message: "papers.templateRequired" }).max(64),
  title: z
    .string()
    .trim()
    .min(1, { message: "papers.titleRequired" })
    .max(200, { message: "papers.titleTooLong" }),
  leadDelegationId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v)),
  originalLanguage: z.enum(PAPER_LANGUAGES, { message: "papers.languageInvalid" }).default("en"),
  /** The title in the paper's other language; optional. */
  titleTranslation: z
    .string()
    .trim()
    .max(200, { message: "papers.titleTooLong" })
    .optional()
    .transform((v) => v ?? ""),
});

/** The paper's title in its original language and in the other one (the paper page's title form). */
export const paperTitlesSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, { message: "papers.titleRequired" })
    .max(200, { message: "papers.titleTooLong" }),
  titleTranslation: z.string().trim().max(200, { message: "papers.titleTooLong" }),
  confirmed: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});
export type PaperTitlesInput = z.infer<typeof paperTitlesSchema>;

export const changeStatusSchema = z.object({ status: z.enum(PAPER_STATUSES) });

export const paperFilterSchema = z.object({
  status: z.enum(PAPER_STATUSES).optional().catch(undefined),
  lead: z.string().max(8).optional().catch(undefined),
  /** The page of the list (PAPERS_PER_PAGE each); anything else is the first. */
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const saveVersionSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, { message: "versions.labelRequired" })
    .max(200, { message: "versions.labelTooLong" }),
});

/** The versions page's ?a=&b=: the two version numbers to compare. */
export const compareVersionsSchema = z.object({
  a: z.coerce.number().int().positive(),
  b: z.coerce.number().int().positive(),
});
