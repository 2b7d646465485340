import { z } from "zod";
import { fromZonedWallTime } from "~/modules/time/format-time";
import { AUDIT_KINDS } from "./describe";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "audit.filter.badDate" })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: "audit.filter.badDate" });
const id = z.string().min(1).max(64);
const blank = (v: unknown) => (v === "" ? undefined : v);

/** The audit page's query string: every filter optional; dates are days on the viewer's calendar. */
export const auditFilterSchema = z.object({
  kind: z.preprocess(blank, z.enum(AUDIT_KINDS).optional()),
  person: z.preprocess(blank, id.optional()),
  paper: z.preprocess(blank, id.optional()),
  from: z.preprocess(blank, day.optional()),
  to: z.preprocess(blank, day.optional()),
});
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

export interface AuditFilter {
  kind?: string;
  actorId?: string;
  paperId?: string;
  /** Inclusive lower bound. */
  since?: Date;
  /** Exclusive upper bound (the start of the day after "to"). */
  before?: Date;
}

/** The filter as instants: "from 2026-11-02" starts at midnight in the viewer's zone. */
export function toAuditFilter(input: AuditFilterInput, timeZone: string): AuditFilter {
  const nextDay = (v: string) => {
    const d = new Date(`${v}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  return {
    kind: input.kind,
    actorId: input.person,
    paperId: input.paper,
    since: input.from ? (fromZonedWallTime(`${input.from}T00:00`, timeZone) ?? undefined) : undefined,
    before: input.to ? (fromZonedWallTime(`${nextDay(input.to)}T00:00`, timeZone) ?? undefined) : undefined,
  };
}
