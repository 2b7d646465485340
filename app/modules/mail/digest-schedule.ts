// When a person's daily digest is due: at or after their chosen hour in their own time zone, at most
// once per local date. A process that was down at the hour sends it at its next tick that day.
import { normalizeTimeZone } from "~/modules/time/format-time";

/** The local date (YYYY-MM-DD) and hour (0–23) of an instant in a time zone. */
export function localDateHour(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: normalizeTimeZone(timeZone),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

/** The local date to record when a digest is due now, or null when it is not. */
export function digestDue(
  now: Date,
  person: { timeZone: string; digestHour: number; digestSentOn: string | null },
): string | null {
  const { date, hour } = localDateHour(now, person.timeZone);
  if (hour < person.digestHour) return null;
  if (person.digestSentOn !== null && person.digestSentOn >= date) return null;
  return date;
}
