import { t, type Locale } from "~/i18n/messages";
import { quote, type FormatChange } from "./list";

/**
 * A suggestion in words: "Replace “should” with “shall”", "Insert “now”", "Delete “Members”",
 * "Format “shall”: bold, not italic", "New paragraph: “Members shall act.”".
 */
export function describeChange(
  locale: Locale,
  inserted: string,
  deleted: string,
  format?: Pick<FormatChange, "text" | "add" | "remove"> | null,
  /** A suggested paragraph break: `inserted` is the new paragraph's text. */
  paragraph = false,
): string {
  if (paragraph)
    return inserted
      ? t(locale, "suggestions.change.paragraph", { text: quote(inserted) })
      : t(locale, "suggestions.change.paragraphEmpty");
  if (inserted && deleted)
    return t(locale, "suggestions.change.replace", { from: quote(deleted), to: quote(inserted) });
  if (deleted) return t(locale, "suggestions.change.delete", { text: quote(deleted) });
  if (!inserted && format) {
    const changes = [
      ...format.add.map((name) => t(locale, `suggestions.format.add.${name}`)),
      ...format.remove.map((name) => t(locale, `suggestions.format.remove.${name}`)),
    ];
    return t(locale, "suggestions.change.format", { text: quote(format.text), changes: changes.join(", ") });
  }
  return t(locale, "suggestions.change.insert", { text: quote(inserted) });
}
