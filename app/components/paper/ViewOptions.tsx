import { useId, useState, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/**
 * The paper's view and editing-mode switches. On a laptop they sit under the title; on a phone they fold
 * behind one button that names the current choices, so the text starts on the first screen.
 */
export function ViewOptions({ current, children }: { current: string; children: ReactNode }) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  const panel = useId();
  return (
    <div className={`view-options${open ? " is-open" : ""}`}>
      <button
        type="button"
        className="secondary small view-options-toggle"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((value) => !value)}
      >
        {tr("paper.viewOptions")}: <span className="view-options-current">{current}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <div id={panel} className="view-options-panel">
        {children}
      </div>
    </div>
  );
}
