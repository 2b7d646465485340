// Both languages' messages, on the server only: the browser gets its page's language from the root
// loader (browserMessages), so no catalogue is ever part of the JavaScript a page downloads.
import { createHash } from "node:crypto";
import { en } from "./en";
import { es } from "./es";
import type { Locale, MessageKey } from "./messages";

export type Catalogue = Partial<Record<MessageKey, string>>;

export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, es };

// The texts of the mail Acuerdo sends: only the server renders them.
const SERVER_ONLY = /^mail\.(subject|line|action|footer|greeting)\b/;

const forBrowser = new Map<Locale, Catalogue>();

/** The messages a page in `locale` may render in the browser: all but the server's own texts. */
export function browserMessages(locale: Locale): Catalogue {
  let messages = forBrowser.get(locale);
  if (!messages) {
    messages = Object.fromEntries(
      Object.entries(catalogues[locale]).filter(([key]) => !SERVER_ONLY.test(key)),
    );
    forBrowser.set(locale, messages);
  }
  return messages;
}

const scripts = new Map<Locale, { url: string; body: string }>();

/**
 * The page's messages as a script of their own, `/i18n/<locale>.<hash>.js`: the root's HTML names it, the
 * browser caches it for good (the hash changes with the texts), so neither a page's HTML nor a
 * navigation's data carries the catalogue (as loader data it was ~80 KB in every document, and ~5 ms of
 * a request's CPU to serialise and compress).
 */
export function catalogueScript(locale: Locale): { url: string; body: string } {
  let script = scripts.get(locale);
  if (!script) {
    const json = JSON.stringify(browserMessages(locale));
    const body = `(window.__acuerdoMessages=window.__acuerdoMessages||{})[${JSON.stringify(locale)}]=${json};\n`;
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    script = { url: `/i18n/${locale}.${hash}.js`, body };
    scripts.set(locale, script);
  }
  return script;
}
