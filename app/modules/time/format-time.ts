// The one formatter for times. Every date shown to a person goes through here with the viewer's locale
// and IANA time zone, so the server render and the browser's hydration produce the same string and
// every absolute time names its zone.
import type { Locale } from "~/i18n/messages";

export type TimeStyle = "dateTime" | "date" | "time" | "longDate";

const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", es: "es-MX" };

/** A valid IANA zone name, or "UTC" when the value is unknown to this runtime. */
export function normalizeTimeZone(value: string | null | undefined): string {
  if (!value) return "UTC";
  // Building a DateTimeFormat costs about a millisecond, and every page names the viewer's zone a few
  // times: remember the answers (bounded: the values come from people's settings).
  const known = zoneCache.get(value);
  if (known) return known;
  let zone = "UTC";
  try {
    zone = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    // Unknown to this runtime: UTC.
  }
  if (zoneCache.size >= 1_000) zoneCache.clear();
  zoneCache.set(value, zone);
  return zone;
}
const zoneCache = new Map<string, string>();

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, style: TimeStyle) {
  // Keyed by the style's name: a list of papers formats a time per row.
  const key = `${locale}|${timeZone}|${style}`;
  let cached = formatterCache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...STYLES[style], timeZone });
    formatterCache.set(key, cached);
  }
  return cached;
}

const STYLES: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  dateTime: {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  },
  date: { day: "numeric", month: "short", year: "numeric" },
  longDate: { day: "numeric", month: "long", year: "numeric" },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
};

/** The zone's name as people know it: the city of an IANA name ("Mexico City"), or "UTC". */
export function timeZoneLabel(timeZone: string): string {
  const zone = normalizeTimeZone(timeZone);
  if (zone === "UTC" || zone === "Etc/UTC") return "UTC";
  const city = zone.split("/").pop() ?? zone;
  return city.replace(/_/g, " ");
}

/**
 * A time in the viewer's zone. Styles with a clock time end with the zone's name
 * ("3 Dec 2026, 14:00 (Mexico City)"); dates alone do not name it.
 */
export function formatTime(
  value: Date | string | number,
  viewer: { locale: Locale; timeZone: string },
  style: TimeStyle = "dateTime",
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const zone = normalizeTimeZone(viewer.timeZone);
  const text = formatter(viewer.locale, zone, style).format(date);
  return style === "dateTime" || style === "time" ? `${text} (${timeZoneLabel(zone)})` : text;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "in 5 hours", "3 minutes ago", "now": pass `now` explicitly so server and browser agree. */
const relativeFormatters: Partial<Record<Locale, Intl.RelativeTimeFormat>> = {};
export function formatRelative(value: Date | string | number, now: Date | number, locale: Locale): string {
  const date = value instanceof Date ? value : new Date(value);
  const seconds = Math.round((date.getTime() - (now instanceof Date ? now.getTime() : now)) / 1000);
  const rtf = (relativeFormatters[locale] ??= new Intl.RelativeTimeFormat(INTL_LOCALE[locale], {
    numeric: "auto",
  }));
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, "minute");
}

const wallFormatterCache = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock parts of an instant in a zone. */
function wallParts(date: Date, timeZone: string): Record<string, number> {
  let f = wallFormatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    wallFormatterCache.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(date)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return parts;
}

/** Minutes the zone is ahead of UTC at that instant (Mexico City: -360). */
function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const p = wallParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** An instant as the "YYYY-MM-DDTHH:mm" a datetime-local field shows in that zone. */
export function toZonedWallTime(date: Date, timeZone: string): string {
  const p = wallParts(date, normalizeTimeZone(timeZone));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The instant a wall-clock time ("2026-12-03T14:00") names in a zone, or null when it is not a time.
 * A time skipped by a daylight-saving jump resolves forward, as clocks do.
 */
export function fromZonedWallTime(wall: string, timeZone: string): Date | null {
  const zone = normalizeTimeZone(timeZone);
  const guess = Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}Z`);
  if (!Number.isFinite(guess)) return null;
  let utc = guess - zoneOffsetMinutes(new Date(guess), zone) * 60_000;
  // The offset at the first guess may differ from the offset at the answer (near a DST change).
  const second = guess - zoneOffsetMinutes(new Date(utc), zone) * 60_000;
  if (second !== utc) utc = Math.max(utc, second);
  return new Date(utc);
}
