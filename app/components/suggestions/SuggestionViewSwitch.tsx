import { useT } from "~/i18n/use-t";

export const SUGGESTION_VIEWS = ["marked", "final", "original"] as const;
export type SuggestionView = (typeof SUGGESTION_VIEWS)[number];

/** With suggestions / Final text (all accepted) / Original (all rejected): how the text is shown. */
export function SuggestionViewSwitch({
  view,
  onChange,
}: {
  view: SuggestionView;
  onChange: (view: SuggestionView) => void;
}) {
  const tr = useT();
  return (
    <fieldset className="text-view-switch suggestion-view-switch">
      <legend>{tr("suggestions.view.legend")}</legend>
      {SUGGESTION_VIEWS.map((choice) => (
        <label key={choice} className="text-view-choice">
          <input
            type="radio"
            name="suggestion-view"
            value={choice}
            checked={view === choice}
            onChange={() => onChange(choice)}
          />
          <span>{tr(`suggestions.view.${choice}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
