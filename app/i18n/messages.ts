import type { en } from "./en";
// In the browser this module is empty (Remix replaces *.server modules there) and `serverCatalogues` is
// undefined: the page's messages come from a script of their own that the root names (catalogueScript).
import { catalogues as serverCatalogues, type Catalogue } from "./catalogues.server";

export type MessageKey = keyof typeof en;
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

const browserCatalogues: Partial<Record<Locale, Catalogue>> = {};

/** The catalogue scripts (catalogueScript) put each language's messages here. */
declare global {
  interface Window {
    __acuerdoMessages?: Partial<Record<Locale, Catalogue>>;
  }
}

/** In the browser: messages for `locale` when its catalogue script is not there (the frame's own texts). */
export function provideMessages(locale: Locale, messages: Catalogue): void {
  if (!serverCatalogues) browserCatalogues[locale] = messages;
}

function catalogue(locale: Locale): Catalogue | undefined {
  if (serverCatalogues) return serverCatalogues[locale];
  const scripts = typeof window === "undefined" ? undefined : window.__acuerdoMessages;
  // A language whose script the page lacks (see the root's useCatalogueOf): the page's own meanwhile.
  return scripts?.[locale] ?? browserCatalogues[locale] ?? (scripts ? Object.values(scripts)[0] : undefined);
}

/** In the browser: whether `locale`'s catalogue script has run. */
export function hasCatalogue(locale: Locale): boolean {
  return typeof window !== "undefined" && Boolean(window.__acuerdoMessages?.[locale]);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  if (typeof value !== "string") return false;
  return LOCALES.some((locale) => Object.prototype.hasOwnProperty.call(catalogue(locale) ?? {}, value));
}

/** Translates a key; `{name}` placeholders take `params`. An unknown key is a type error, not a runtime one. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  // Types make a missing key a compile error; at run time the key itself beats a crashed page.
  const template: string = catalogue(locale)?.[key] ?? catalogue("en")?.[key] ?? key;
  // Most messages have no placeholder: a page renders hundreds of them.
  if (!template.includes("{")) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The best of our locales for an Accept-Language header (q-values honoured); English when nothing matches. */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        lang: tag.toLowerCase().split("-")[0],
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? "en";
}
