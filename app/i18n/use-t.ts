import { useRouteLoaderData } from "@remix-run/react";
import { t, type Locale, type MessageKey } from "./messages";

interface RootData {
  locale: Locale;
}

/** The UI language chosen by the root loader (user's setting, cookie, or Accept-Language). */
export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? "en";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
}
