import { useT } from "~/i18n/use-t";

export const EDIT_MODES = ["editing", "suggesting", "viewing"] as const;
export type EditMode = (typeof EDIT_MODES)[number];

/** Editing / Suggesting / Viewing: a radio group (arrow keys move between the choices). */
export function EditModeSwitch({
  mode,
  available,
  onChange,
}: {
  mode: EditMode;
  /** The modes this person may choose (without "editing" when they may only suggest). */
  available: readonly EditMode[];
  onChange: (mode: EditMode) => void;
}) {
  const tr = useT();
  return (
    <fieldset className="text-view-switch edit-mode-switch">
      <legend>{tr("suggestions.editMode.legend")}</legend>
      {available.map((choice) => (
        <label key={choice} className="text-view-choice">
          <input
            type="radio"
            name="edit-mode"
            value={choice}
            checked={mode === choice}
            onChange={() => onChange(choice)}
          />
          <span>{tr(`suggestions.editMode.${choice}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
