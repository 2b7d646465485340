import { createCookie } from "@remix-run/node";
import { isLocale, negotiateLocale, type Locale } from "~/i18n/messages";

export const localeCookie = createCookie("acuerdo_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
});

/** The user's own setting, else the language cookie, else the browser's Accept-Language. */
export async function resolveLocale(request: Request, user: { locale: string } | null): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return negotiateLocale(request.headers.get("Accept-Language"));
}
