// Both languages' messages, on the server only: the browser gets its page's language from the root
// loader (browserMessages), so no catalogue is ever part of the JavaScript a page downloads.
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
