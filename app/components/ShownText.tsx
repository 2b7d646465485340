import { useLocale, useT } from "~/i18n/use-t";
import { shownText, type BilingualText, type ShownText } from "~/modules/translations/bilingual-text";

/**
 * Text written in both languages, in the viewer's: when only the other language has it, that text is
 * shown in its language (lang attribute) followed by "(English)"/"(inglés)".
 */
export function Shown({ value }: { value: ShownText }) {
  const tr = useT();
  if (!value.fallback) return <>{value.text}</>;
  return (
    <>
      <span lang={value.fallback}>{value.text}</span>{" "}
      <span className="muted fallback-language">{tr(`content.fallback.${value.fallback}`)}</span>
    </>
  );
}

/** `texts` in the viewer's language (see `shownText`). */
export function InLanguage({ texts }: { texts: BilingualText }) {
  return <Shown value={shownText(texts, useLocale())} />;
}
