import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useT } from "~/i18n/use-t";
import { isSafeHref } from "~/modules/documents/safe-href";

interface LinkFormProps {
  id: string;
  sectionTitle: string;
  /** The href of the link at the selection, if any. */
  initialHref: string;
  /** Called with a safe http, https or mailto address. */
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}

/** Asks for a link address inline (never window.prompt); only http, https and mailto are accepted. */
export function LinkForm({ id, sectionTitle, initialHref, onApply, onRemove, onClose }: LinkFormProps) {
  const tr = useT();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [href, setHref] = useState(initialHref);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = href.trim();
    if (value === "") return onRemove();
    if (!isSafeHref(value)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    onApply(value);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  }

  return (
    <form
      id={id}
      className="editor-link-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={tr("editor.link.formLabel", { section: sectionTitle })}
    >
      <div className="field">
        <label htmlFor={inputId}>{tr("editor.link.label")}</label>
        <input
          ref={input}
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={href}
          onChange={(event) => {
            setHref(event.target.value);
            setInvalid(false);
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${errorId} ${hintId}` : hintId}
          placeholder="https://"
        />
        <p id={hintId} className="muted small editor-link-hint">
          {tr("editor.link.hint")}
        </p>
        {invalid ? (
          <p id={errorId} role="alert" className="field-error">
            {tr("editor.link.invalid")}
          </p>
        ) : null}
      </div>
      <div className="editor-link-actions">
        <button type="submit">{tr("editor.link.apply")}</button>
        {initialHref ? (
          <button type="button" className="danger" onClick={onRemove}>
            {tr("editor.link.remove")}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onClose}>
          {tr("editor.link.cancel")}
        </button>
      </div>
    </form>
  );
}
