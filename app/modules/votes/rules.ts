import { z } from "zod";
import { fromZonedWallTime, isTimeZone } from "~/modules/time/format-time";
import { STANCES_BY_KIND, STATEMENT_REQUIRED, VOTE_KINDS, type StanceValue, type VoteKind } from "./tally";

export const STATEMENT_MAX = 4000;

const percent = (message: string) =>
  z.coerce
    .number({ message })
    .min(0, { message })
    .max(100, { message })
    .transform((v) => v / 100);

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** A deadline field: a wall-clock "YYYY-MM-DDTHH:mm". */
export const wallDeadlineField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { message: "votes.deadlineInvalid" });
export const timeZoneField = z
  .string()
  .max(64)
  .refine((v) => isTimeZone(v), { message: "errors.invalidInput" })
  .optional();
export const tzOffsetField = z.coerce.number().int().min(-840).max(840).default(0);

/**
 * The instant of a wall-clock deadline in the person's time zone, or with an offset from UTC in minutes
 * (older clients; 0 = the time is UTC). NaN when it is no time at all.
 */
export function deadlineInstant(wall: string, timeZone: string | undefined, tzOffset: number): number {
  // getTimezoneOffset() is minutes to ADD to local time to get UTC.
  return timeZone
    ? (fromZonedWallTime(wall, timeZone)?.getTime() ?? NaN)
    : Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}Z`) + tzOffset * 60_000;
}

/**
 * The form that opens a vote. The deadline comes as a wall-clock "YYYY-MM-DDTHH:mm" in the opener's
 * time zone (`timeZone`, an IANA name the page fills in from their setting) or, from older clients,
 * with an offset from UTC in minutes (`tzOffset`; 0 = the time is UTC).
 */
export const openVoteSchema = z
  .object({
    kind: z.enum(VOTE_KINDS).default("CONSENSUS"),
    deadline: wallDeadlineField,
    tzOffset: tzOffsetField,
    timeZone: timeZoneField,
    // zod 4: a default is the parsed value, so it is written as a share, not a percentage.
    quorumPercent: percent("votes.quorumInvalid").default(0.5),
    quorumAllDelegations: checkbox,
    minSupportPercent: percent("votes.supportInvalid").default(0),
    onePerDelegation: checkbox,
    confirmTranslation: checkbox,
  })
  .transform((v, ctx) => {
    const utc = deadlineInstant(v.deadline, v.timeZone, v.tzOffset);
    if (!Number.isFinite(utc)) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "votes.deadlineInvalid" });
      return z.NEVER;
    }
    return {
      kind: v.kind,
      deadline: new Date(utc),
      // The opener saw that the paper's translation is out of date and opens the vote anyway.
      confirmTranslation: v.confirmTranslation,
      rules: {
        quorumShare: v.quorumPercent,
        quorumAllDelegations: v.quorumAllDelegations,
        minSupportShare: v.kind === "CONSENSUS" ? v.minSupportPercent : 0,
        onePerDelegation: v.kind === "MAJORITY" ? v.onePerDelegation : false,
      },
    };
  });

export type OpenVoteInput = z.infer<typeof openVoteSchema>;

export const MAX_VOTE_DAYS = 90;

export const castStanceSchema = z.object({
  value: z.enum(
    ["SUPPORT", "SUPPORT_WITH_RESERVATIONS", "ABSTAIN", "OBJECT", "BLOCK", "BREAK_SILENCE", "FOR", "AGAINST"],
    { message: "votes.stanceInvalid" },
  ),
  statement: z.string().trim().max(STATEMENT_MAX, { message: "votes.statementTooLong" }).default(""),
  // The hash of the text the person saw: a stance is on exactly that text (another hash: 409).
  textHash: z
    .string({ message: "votes.textHashMissing" })
    .min(1, { message: "votes.textHashMissing" })
    .regex(/^[0-9a-f]{64}$/, { message: "votes.textChanged" }),
});

export const cancelVoteSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, { message: "votes.cancelReasonRequired" })
    .max(1000, { message: "votes.cancelReasonTooLong" }),
});

/** Why a stance is not acceptable for this kind of vote, or null when it is. */
export function stanceProblem(
  kind: VoteKind,
  value: StanceValue,
  statement: string,
): "votes.stanceWrongKind" | "votes.statementRequired" | null {
  if (!(STANCES_BY_KIND[kind] as readonly string[]).includes(value)) return "votes.stanceWrongKind";
  if (STATEMENT_REQUIRED.has(value) && statement.trim() === "") return "votes.statementRequired";
  return null;
}
