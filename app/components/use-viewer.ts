import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "~/i18n/messages";

export interface Viewer {
  locale: Locale;
  /** The viewer's IANA zone (their setting, "UTC" when signed out). */
  timeZone: string;
  /** The instant the page was rendered on the server: relative times use it so hydration agrees. */
  now: string;
}

interface RootData {
  locale: Locale;
  timeZone?: string;
  now?: string;
}

const EPOCH = new Date(0).toISOString();

/** Who is looking, for formatting: locale, time zone and the render's "now" from the root loader. */
export function useViewer(): Viewer {
  const data = useRouteLoaderData<RootData>("root");
  return { locale: data?.locale ?? "en", timeZone: data?.timeZone ?? "UTC", now: data?.now ?? EPOCH };
}
