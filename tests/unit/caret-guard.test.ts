import { describe, expect, it } from "vitest";
import { EditorState, Plugin } from "@tiptap/pm/state";
import { DecorationSet } from "@tiptap/pm/view";
import { editorSchema } from "~/modules/documents/editor-schema";
import { guardCaretPlugin, isDrawableCaretState } from "~/components/editor/caret";

describe("the caret guard in the editor", () => {
  it.each([
    ["a state that is not an object", "x", false],
    ["no user", { cursor: null }, false],
    ["a user that is a string", { user: "Mallory" }, false],
    ["a cursor that is a string", { user: {}, cursor: "0,5" }, false],
    ["a cursor without a head", { user: {}, cursor: { anchor: { tname: "finding" } } }, false],
    [
      "a position with a string clock",
      { user: {}, cursor: { anchor: { item: { client: 1, clock: "0" } }, head: { tname: "f" } } },
      false,
    ],
    [
      "a position with no target",
      { user: {}, cursor: { anchor: { assoc: 0 }, head: { tname: "f" } } },
      false,
    ],
    ["no cursor", { user: { name: "Ana" } }, true],
    [
      "a well-formed cursor",
      {
        user: {},
        cursor: {
          anchor: { tname: "f" },
          head: { type: { client: 1, clock: 2 }, item: { client: 1, clock: 3 }, assoc: 0 },
        },
      },
      true,
    ],
  ])("draws the caret of %s: %s", (_label, state, drawable) => {
    expect(isDrawableCaretState(state)).toBe(drawable);
  });

  it("turns a decoration pass that throws into no carets, keeping the editor's state", () => {
    const throwing: Plugin<DecorationSet> = new Plugin<DecorationSet>({
      state: {
        init: () => {
          throw new TypeError("Cannot read properties of undefined (reading '_item')");
        },
        apply: () => {
          throw new TypeError("again");
        },
      },
      props: { decorations: (state): DecorationSet | undefined => throwing.getState(state) },
    });
    const state = EditorState.create({ schema: editorSchema(), plugins: [guardCaretPlugin(throwing)] });
    const next = state.apply(state.tr.insertText("still typing", 1));
    expect(next.doc.textContent).toBe("still typing");
  });
});
