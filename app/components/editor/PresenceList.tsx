import { useEffect, useId, useState } from "react";
import { useT } from "~/i18n/use-t";
import { safeColour } from "./caret-look";
import type { Collaboration, CollaborationUser } from "./use-collaboration";

export interface Person {
  key: string;
  name: string;
  delegation: string | null;
  colour: string;
  isMe: boolean;
}

type AwarenessStates = Map<number, Record<string, unknown>>;

/** Everyone in the awareness, one row per person (several tabs count once), me first. */
export function peopleFromAwareness(
  states: AwarenessStates,
  myClientId: number,
  me: CollaborationUser,
): Person[] {
  const byKey = new Map<string, Person>();
  for (const [clientId, state] of states) {
    const isMe = clientId === myClientId;
    const user = (isMe ? { ...me, ...(state?.user as object | undefined) } : state?.user) as
      Record<string, unknown> | undefined;
    if (!user || typeof user.name !== "string" || !user.name) continue;
    const delegation = typeof user.delegation === "string" && user.delegation ? user.delegation : null;
    const key = `${user.name}\u0000${delegation ?? ""}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.isMe ||= isMe;
      continue;
    }
    byKey.set(key, { key, name: user.name, delegation, colour: safeColour(user.colour ?? user.color), isMe });
  }
  return [...byKey.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name));
}

function meOnly(me: CollaborationUser): Person[] {
  return [{ key: "me", name: me.name, delegation: me.delegation, colour: safeColour(me.colour), isMe: true }];
}

/** Who is on the page right now, live from the provider's awareness. */
export function usePresence(collab: Collaboration | null, me: CollaborationUser): Person[] {
  const [people, setPeople] = useState<Person[] | null>(null);
  useEffect(() => {
    if (!collab) {
      setPeople(null);
      return;
    }
    const { awareness } = collab.provider;
    let last = "";
    const refresh = () => {
      const next = peopleFromAwareness(awareness.getStates(), collab.doc.clientID, me);
      // Carets move on every keystroke; only re-render when the list itself changed.
      const signature = JSON.stringify(next);
      if (signature === last) return;
      last = signature;
      setPeople(next);
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
    // `me` is read fresh on each awareness change; its fields are listed so a rename shows at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [collab, me.name, me.delegation, me.colour]);
  return people ?? meOnly(me);
}

export function PresenceList({ people }: { people: Person[] }) {
  const tr = useT();
  const labelId = useId();
  return (
    <div className="editor-presence">
      <span id={labelId} className="editor-presence-label">
        {tr("editor.presence.title")}
      </span>
      <ul aria-labelledby={labelId} className="editor-presence-list">
        {people.map((person) => (
          <li key={person.key} className="editor-person">
            <span className="editor-swatch" style={{ backgroundColor: person.colour }} aria-hidden="true" />
            <span className="editor-person-name">{person.name}</span>
            {person.delegation ? <span className="editor-person-delegation">{person.delegation}</span> : null}
            {person.isMe ? <span className="editor-person-you">({tr("editor.presence.you")})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
