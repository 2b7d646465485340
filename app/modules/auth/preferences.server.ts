// A person's own settings: time zone and interface language.
import { db } from "~/db.server";
import type { Locale } from "~/i18n/messages";
import { isTimeZone } from "~/modules/time/format-time";

/** Stores a person's IANA time zone; an unknown name is refused (false) and changes nothing. */
export async function saveTimeZone(userId: string, timeZone: string): Promise<boolean> {
  if (!isTimeZone(timeZone) || timeZone.length > 64) return false;
  await db().user.update({ where: { id: userId }, data: { timeZone } });
  return true;
}

/** Every zone this runtime knows, for the settings list. */
export function knownTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** Stores a person's interface language (already validated against LOCALES at the boundary). */
export async function saveLocale(userId: string, locale: Locale): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
