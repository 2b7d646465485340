// The search page's address bar, checked on the server (apart from search-query.ts, which the browser
// uses, so the browser does not download zod).
import { z } from "zod";
import { PAPER_STATUSES } from "~/modules/policy/policy";
import { PAPER_LANGUAGES } from "~/modules/translations/translation";
import { normalizeQuery, SEARCH_KINDS } from "./search-query";

/** Search page filters from the address bar. A bad filter value is ignored, never an error page. */
export const searchParamsSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => normalizeQuery(v ?? "")),
  status: z.enum(PAPER_STATUSES).optional().catch(undefined),
  section: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
  language: z.enum(PAPER_LANGUAGES).optional().catch(undefined),
  kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;
