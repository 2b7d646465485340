import { useT } from "~/i18n/use-t";
import { TEXT_VIEWS, type PaperLanguage, type TextView } from "~/modules/translations/translation";

/** Original, translation, or both side by side: a radio group (arrow keys move between the choices). */
export function TextViewSwitch({
  view,
  original,
  translation,
  onChange,
}: {
  view: TextView;
  original: PaperLanguage;
  translation: PaperLanguage;
  onChange: (view: TextView) => void;
}) {
  const tr = useT();
  const label = (choice: TextView) =>
    choice === "original"
      ? tr("translation.view.original", { language: tr(`translation.language.${original}`) })
      : choice === "translation"
        ? tr("translation.view.translation", { language: tr(`translation.language.${translation}`) })
        : tr("translation.view.both");
  return (
    <fieldset className="text-view-switch">
      <legend>{tr("translation.view")}</legend>
      {TEXT_VIEWS.map((choice) => (
        <label key={choice} className="text-view-choice">
          <input
            type="radio"
            name="text-view"
            value={choice}
            checked={view === choice}
            onChange={() => onChange(choice)}
          />
          <span>{label(choice)}</span>
        </label>
      ))}
    </fieldset>
  );
}
