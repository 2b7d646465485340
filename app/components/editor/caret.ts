import { Plugin } from "@tiptap/pm/state";
import { DecorationSet } from "@tiptap/pm/view";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";
import { inkOn, personLabel, safeColour } from "./caret-look";

// How another person's caret looks: a bar in their delegation's colour and a label "Name · MX".
export { inkOn, personLabel, safeColour } from "./caret-look";

/** The DOM for a remote caret (ProseMirror widget). Built with text nodes only: names are never HTML. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = safeColour(user.colour ?? user.color);
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  caret.style.borderColor = colour;
  // The label sits inside the editable text; screen readers would read it as part of the paper.
  // Who is here is announced by the presence list instead.
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = colour;
  label.style.color = inkOn(colour);
  label.textContent = personLabel(user.name, user.delegation);
  caret.append(label);
  return caret;
}

// ─── Guard: one bad presence state never breaks another person's editor ─────
// The server only passes on well-formed cursors (app/modules/documents/presence.ts); this is the second
// line, for an older or misbehaving server: the carets of a state that could throw are not drawn, and a
// decoration pass that still throws leaves no carets instead of taking the editor down.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.client) &&
    Number.isSafeInteger(value.clock) &&
    (value.client as number) >= 0 &&
    (value.clock as number) >= 0
  );
}

function isRelativePosition(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { type, tname, item, assoc } = value;
  if (type != null && !isId(type)) return false;
  if (item != null && !isId(item)) return false;
  if (tname != null && typeof tname !== "string") return false;
  if (assoc !== undefined && !Number.isInteger(assoc)) return false;
  return type != null || item != null || typeof tname === "string";
}

/** A presence state whose caret can be drawn: a user object and, if any, a cursor of two relative positions. */
export function isDrawableCaretState(state: unknown): boolean {
  if (!isRecord(state) || !isRecord(state.user)) return false;
  const { cursor } = state;
  if (cursor == null) return true;
  return isRecord(cursor) && isRelativePosition(cursor.anchor) && isRelativePosition(cursor.head);
}

/** The caret plugin with each decoration pass guarded: what still throws draws no carets, and nothing else. */
export function guardCaretPlugin(plugin: Plugin): Plugin {
  const field = plugin.spec.state!;
  const safely = (run: () => DecorationSet): DecorationSet => {
    try {
      return run();
    } catch {
      return DecorationSet.empty;
    }
  };
  return new Plugin({
    ...plugin.spec,
    state: {
      init: (config, state) => safely(() => field.init(config, state) as DecorationSet),
      apply: (tr, value, oldState, newState) =>
        safely(() => field.apply(tr, value, oldState, newState) as DecorationSet),
    },
  });
}

/** Tiptap's collaboration caret, drawn with renderCaret, behind the guard above. */
export const GuardedCollaborationCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const [listener] = this.parent?.() ?? [];
    const provider = this.options.provider as { awareness: Awareness };
    const cursors = yCursorPlugin(provider.awareness, {
      awarenessStateFilter: (own: number, clientId: number, state: unknown) =>
        own !== clientId && isDrawableCaretState(state),
      cursorBuilder: (user: Record<string, unknown>) => renderCaret(user),
      selectionBuilder: (user: Record<string, unknown>) => ({
        style: `background-color: ${safeColour(user.colour ?? user.color)}40`,
        class: "ProseMirror-yjs-selection",
      }),
    }) as Plugin;
    return [...(listener ? [listener] : []), guardCaretPlugin(cursors)];
  },
});
