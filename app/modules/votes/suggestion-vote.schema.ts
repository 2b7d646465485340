// "Ask the group": the card's form and the change stored with the vote, checked on the server (apart
// from suggestion-vote.ts, which the browser uses, so the browser does not download zod).
import { z } from "zod";
import { FORMAT_MARKS } from "~/modules/suggestions/suggestion-marks";
import { deadlineInstant, timeZoneField, tzOffsetField, wallDeadlineField } from "./rules";
import { SUGGESTION_VOTE_NOTE_MAX } from "./suggestion-vote";

/** The card's "Ask the group" form. */
export const askGroupSchema = z
  .object({
    sectionKey: z.string().min(1).max(120),
    suggestionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    deadline: wallDeadlineField,
    timeZone: timeZoneField,
    tzOffset: tzOffsetField,
    note: z.string().trim().max(SUGGESTION_VOTE_NOTE_MAX, { message: "askGroup.noteTooLong" }).default(""),
  })
  .transform((v, ctx) => {
    const utc = deadlineInstant(v.deadline, v.timeZone, v.tzOffset);
    if (!Number.isFinite(utc)) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "votes.deadlineInvalid" });
      return z.NEVER;
    }
    return {
      sectionKey: v.sectionKey,
      suggestionId: v.suggestionId,
      deadline: new Date(utc),
      note: v.note === "" ? null : v.note,
    };
  });
export type AskGroupInput = z.infer<typeof askGroupSchema>;

/** The suggestion as the group was asked about it, stored with the vote (the text may change meanwhile). */
export const suggestionChangeSchema = z.object({
  authorId: z.string(),
  authorName: z.string(),
  delegation: z.string().nullable(),
  createdAt: z.string(),
  inserted: z.string(),
  deleted: z.string(),
  /** A format suggestion's text and what it adds and removes. */
  format: z
    .object({
      text: z.string(),
      add: z.array(z.enum(FORMAT_MARKS)),
      remove: z.array(z.enum(FORMAT_MARKS)),
    })
    .optional(),
  /** A suggested paragraph break. */
  paragraph: z.boolean().optional(),
});
export type SuggestionChange = z.infer<typeof suggestionChangeSchema>;

/** A stored change, or null when the record holds something else (never crashes a page). */
export function readSuggestionChange(raw: unknown): SuggestionChange | null {
  const parsed = suggestionChangeSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
