import { t, type Locale } from "~/i18n/messages";
import { quote } from "./list";

/** A suggestion in words: "Replace “should” with “shall”", "Insert “now”", "Delete “Members”". */
export function describeChange(locale: Locale, inserted: string, deleted: string): string {
  if (inserted && deleted)
    return t(locale, "suggestions.change.replace", { from: quote(deleted), to: quote(inserted) });
  if (deleted) return t(locale, "suggestions.change.delete", { text: quote(deleted) });
  return t(locale, "suggestions.change.insert", { text: quote(inserted) });
}
