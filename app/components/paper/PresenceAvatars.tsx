import { useId } from "react";
import { Tip, Tips } from "../Tip";
import { useT } from "~/i18n/use-t";
import type { Person } from "../editor/PresenceList";

const SHOWN = 5;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/u);
  const first = parts[0]?.[0] ?? "?";
  const last = parts.length > 1 ? parts[parts.length - 1][0] : "";
  return (first + last).toUpperCase();
}

/** Who is on the page: a round avatar per person in their own shade of their delegation's colour. */
export function PresenceAvatars({ people }: { people: Person[] }) {
  const tr = useT();
  const labelId = useId();
  const shown = people.slice(0, SHOWN);
  const more = people.length - shown.length;
  return (
    <Tips delay={200}>
      <div className="presence">
        <span id={labelId} className="visually-hidden">
          {tr("paper.presence")}
        </span>
        <ul aria-labelledby={labelId} className="presence-list">
          {shown.map((person) => {
            const label = `${person.name}${person.delegation ? ` · ${person.delegation}` : ""}${
              person.isMe ? ` (${tr("editor.presence.you")})` : ""
            }`;
            return (
              <li key={person.key} className="presence-person">
                <Tip label={label}>
                  {/* Focusable so keyboard users get the name too; the text is there for screen readers. */}
                  {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
                  <span className="avatar" style={{ backgroundColor: person.colour }} tabIndex={0}>
                    <span aria-hidden="true">{initials(person.name)}</span>
                    <span className="visually-hidden">{label}</span>
                  </span>
                </Tip>
              </li>
            );
          })}
          {more > 0 ? (
            <li className="presence-more muted small">{tr("paper.presence.more", { count: more })}</li>
          ) : null}
        </ul>
      </div>
    </Tips>
  );
}
