import { z } from "zod";
import { DRAFTING_MODES } from "~/modules/policy/policy";

export const SUGGESTION_INTENTS = ["accept", "reject", "withdraw"] as const;
export type SuggestionIntent = (typeof SUGGESTION_INTENTS)[number];

/** One decision on one suggestion, as the paper page's card posts it. */
export const decideSuggestionSchema = z.object({
  intent: z.enum(SUGGESTION_INTENTS),
  sectionKey: z.string().min(1).max(120),
  suggestionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** Everything pending in one section, or by one author across the paper. */
const blank = (value: unknown) => (value === "" ? undefined : value);

export const decideManySchema = z.object({
  intent: z.enum(["acceptAll", "rejectAll"]),
  sectionKey: z.preprocess(blank, z.string().min(1).max(120).optional()),
  authorId: z.preprocess(blank, z.string().min(1).max(64).optional()),
});

export const draftingModeSchema = z.object({ mode: z.enum(DRAFTING_MODES) });
