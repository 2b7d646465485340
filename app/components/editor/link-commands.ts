import type { Editor } from "@tiptap/core";

// What the link form does to the text, the same in a paper's section and in the report's front matter.

/**
 * Puts the focus back in the text now. Tiptap's `focus` command moves the browser's focus on the next
 * animation frame; meanwhile the link form is gone and keys typed right after Enter went nowhere (the
 * end-to-end test typing " today" after a link lost its first letters when a frame came late).
 */
export function returnFocus(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.focus();
}

/**
 * Links the selection (or the link under the caret) to `href`; with nothing selected, inserts the address
 * itself as the link's text and leaves the caret after it, outside the link.
 */
export function applyLink(editor: Editor, href: string): void {
  if (editor.state.selection.empty && !editor.isActive("link")) {
    editor
      .chain()
      .focus()
      .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
      .unsetMark("link")
      .run();
  } else {
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
  }
  returnFocus(editor);
}

/** Removes the link under the caret or the selection, keeping its text. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange("link").unsetLink().run();
  returnFocus(editor);
}
