import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "~/i18n/use-t";
import { mentionQueryAt, suggestMembers, type Mentionable } from "~/modules/comments/mentions";

// Layout effects run before the browser handles the next key; on the server there is no layout.
const useCommitEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

interface MentionTextareaProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  members: Mentionable[];
  maxLength: number;
  autoFocus?: boolean;
  invalid?: boolean;
  errorId?: string;
}

/**
 * A plain-text comment box that offers the group's members after "@". The list follows the
 * listbox pattern: focus stays in the textarea, arrows move the active option (aria-activedescendant),
 * Enter or Tab inserts the name, Escape closes the list. Ctrl+Enter sends the form.
 */
export function MentionTextarea({
  name,
  label,
  value,
  onChange,
  members,
  maxLength,
  autoFocus,
  invalid,
  errorId,
}: MentionTextareaProps) {
  const tr = useT();
  const base = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const options = query ? suggestMembers(query.query, members, 6) : [];
  const open = query !== null && options.length > 0;
  const listId = `${base}-mentions`;
  const optionId = (index: number) => `${base}-mention-${index}`;
  // Where the caret goes once an inserted name has been rendered. Set in the same commit as the new
  // value, so a fast typist's next character lands after the name, not before it.
  const pendingCaret = useRef<number | null>(null);
  useCommitEffect(() => {
    const area = ref.current;
    const position = pendingCaret.current;
    if (!area || position === null) return;
    pendingCaret.current = null;
    if (document.activeElement !== area) area.focus();
    area.setSelectionRange(position, position);
  }, [value]);

  function refresh(text: string, caret: number) {
    const found = mentionQueryAt(text, caret);
    setQuery(found);
    setActive(0);
  }

  function choose(member: Mentionable) {
    const area = ref.current;
    if (!area || !query) return;
    const caret = area.selectionStart;
    const inserted = `@${member.name} `;
    const next = value.slice(0, query.start) + inserted + value.slice(caret);
    pendingCaret.current = query.start + inserted.length;
    onChange(next);
    setQuery(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
      return;
    }
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive(
        (current) => (current + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length,
      );
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setQuery(null);
    }
  }

  return (
    <div className="mention-field">
      <label htmlFor={`${base}-input`}>{label}</label>
      <textarea
        ref={ref}
        id={`${base}-input`}
        name={name}
        value={value}
        rows={3}
        required
        autoFocus={autoFocus}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[`${base}-hint`, invalid && errorId ? errorId : ""].filter(Boolean).join(" ")}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          refresh(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => refresh(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => setQuery(null)}
      />
      <p id={`${base}-hint`} className="muted small">
        {tr("comments.mentionHint")}{" "}
        {value.length > maxLength * 0.9
          ? tr("comments.charactersLeft", { count: maxLength - value.length })
          : null}
      </p>
      {open ? (
        <ul id={listId} role="listbox" className="mention-options" aria-label={tr("comments.mentionList")}>
          {options.map((member, index) => (
            <li
              key={member.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? "is-active" : undefined}
              // mousedown, not click: the textarea must not lose focus (and close the list) first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(member);
              }}
            >
              {member.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {open ? tr("comments.mentionCount", { count: options.length }) : ""}
      </p>
    </div>
  );
}
