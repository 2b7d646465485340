import type { Locale } from "~/i18n/messages";

/** A date and time the server and the browser render alike (UTC, named), so hydration never differs. */
export function formatUtc(iso: string, locale: Locale): string {
  return (
    new Date(iso).toLocaleString(locale === "es" ? "es-MX" : "en-US", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }) + " UTC"
  );
}
