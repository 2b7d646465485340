// Suggesting mode in the editor: typed text becomes the author's suggested insertion, Backspace and
// Delete strike text as a suggested deletion (and really remove the author's own pending insertion),
// pasting inserts plain text as a suggestion, bold or italic (toolbar, keyboard) is applied with the
// author's format suggestion recording the change, and Enter suggests a paragraph break. Anything else
// that would change the document from this editor (drag and drop, input rules, links, line breaks,
// lists and headings) is held back: the server would refuse it.
// Remote changes and undo (which go through y-prosemirror) pass untouched.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import * as Y from "yjs";
import type { Mark } from "@tiptap/pm/model";
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";
import { isFormatMark } from "~/modules/suggestions/suggestion-marks";
import {
  deletionTarget,
  insertionMarks,
  newSuggestionId,
  recordFormatChanges,
  suggestDeletion,
  touchesOthersFormat,
  suggestInsertion,
  suggestParagraph,
  type SuggestionContext,
} from "~/modules/suggestions/suggest-transaction";

export const suggestModeKey = new PluginKey("suggestMode");

export interface SuggestModeOptions {
  /** Who suggests, while the editor is in Suggesting mode; null while it edits directly. */
  author: () => SuggestionAuthor | null;
  /** A change was held back (Enter, formatting…): the page says why. */
  onHeldBack: () => void;
}

function context(author: SuggestionAuthor): SuggestionContext {
  return { author, now: () => new Date(), newId: newSuggestionId };
}

function dispatchSuggestion(view: EditorView, build: (tr: Transaction) => number | null): boolean {
  const tr = view.state.tr.setMeta(suggestModeKey, true);
  const caret = build(tr);
  if (!tr.docChanged && caret === null) return true;
  if (caret !== null)
    tr.setSelection(TextSelection.create(tr.doc, Math.max(0, Math.min(caret, tr.doc.content.size))));
  view.dispatch(tr.scrollIntoView());
  return true;
}

function strike(view: EditorView, author: SuggestionAuthor, dir: -1 | 1): boolean {
  const { state } = view;
  const { from, to, empty } = state.selection;
  const target = empty ? deletionTarget(state.doc, from, dir) : { from, to };
  if (!target) return true;
  return dispatchSuggestion(view, (tr) => {
    const before = tr.steps.length;
    suggestDeletion(tr, target.from, target.to, context(author));
    // The caret ends before the struck text (Backspace) or after it (Delete).
    const map = tr.mapping.slice(before);
    return dir < 0 ? map.map(target.from, -1) : map.map(target.to, 1);
  });
}

interface SyncBinding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

/** The attributes the character before `index` carries (what plain Yjs insertion would inherit). */
function attributesBefore(text: Y.XmlText, index: number): Record<string, unknown> {
  let at = 0;
  let attributes: Record<string, unknown> = {};
  for (const delta of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (at >= index) break;
    attributes = delta.attributes ?? {};
    at += typeof delta.insert === "string" ? delta.insert.length : 1;
  }
  return attributes;
}

/**
 * Inserts suggested text straight into the Yjs text with its attributes, as one run bracketed by its
 * own formatting. (y-prosemirror would insert it plain and format it afterwards, which leaves a
 * formatting range that someone typing at the same spot at the same moment falls into: their text
 * would carry this suggestion's mark, and the server would refuse it.) The editor then receives it
 * like any change of the shared document. Returns false when the position has no Yjs counterpart.
 */
function insertThroughYjs(view: EditorView, pos: number, text: string, marks: readonly Mark[]): boolean {
  const binding = (ySyncPluginKey.getState(view.state) as { binding?: SyncBinding } | undefined)?.binding;
  if (!binding) return false;
  const relative: Y.RelativePosition = absolutePositionToRelativePosition(
    pos,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  if (!absolute) return false;
  const attributes: Record<string, unknown> = {};
  for (const mark of marks) attributes[mark.type.name] = mark.attrs;
  let done = false;
  // The sync plugin's origin: the Collaboration undo manager tracks it, so Undo takes the text back.
  binding.doc.transact(() => {
    if (absolute.type instanceof Y.XmlText) {
      // Plain Yjs insertion inherits the marks on its left: every one the text must not carry is unset.
      for (const key of Object.keys(attributesBefore(absolute.type, absolute.index)))
        if (!(key in attributes)) attributes[key] = null;
      absolute.type.insert(absolute.index, text, attributes);
      done = true;
    } else if (
      absolute.type instanceof Y.XmlElement &&
      view.state.doc.resolve(pos).parent.content.size === 0
    ) {
      const content = new Y.XmlText();
      absolute.type.insert(absolute.index, [content]);
      content.insert(0, text, attributes);
      done = true;
    }
  }, ySyncPluginKey);
  if (!done) return false;
  const caret = Math.min(pos + text.length, view.state.doc.content.size);
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, caret)).scrollIntoView());
  return true;
}

/** Typed or pasted text at the selection, as the author's suggestion (replacing what is selected). */
function suggestText(
  view: EditorView,
  author: SuggestionAuthor,
  from: number,
  to: number,
  text: string,
): boolean {
  let at = from;
  let replacing = null;
  if (to > from) {
    const tr = view.state.tr.setMeta(suggestModeKey, true);
    replacing = suggestDeletion(tr, from, to, context(author));
    at = tr.mapping.map(to);
    if (tr.docChanged) view.dispatch(tr);
  }
  if (!text) return true;
  const marks = insertionMarks(view.state.doc, at, view.state.storedMarks, context(author), replacing);
  if (insertThroughYjs(view, at, text, marks)) return true;
  return dispatchSuggestion(view, (tr) => suggestInsertion(tr, at, at, text, context(author)));
}

/**
 * The ranges a transaction formats, when all it does is add or remove bold or italic (a toolbar button,
 * Mod-B); null for anything else.
 */
function formattingRanges(tr: Transaction): { from: number; to: number }[] | null {
  if (!tr.steps.length) return null;
  const ranges: { from: number; to: number }[] = [];
  for (const step of tr.steps) {
    if (!(step instanceof AddMarkStep || step instanceof RemoveMarkStep)) return null;
    if (!isFormatMark(step.mark.type.name)) return null;
    ranges.push({ from: step.from, to: step.to });
  }
  return ranges;
}

function isRemote(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return Boolean(meta?.isChangeOrigin);
}

export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: "suggestMode",
  // Before input rules and keymaps: in Suggesting mode, typing is ours to handle.
  priority: 10_000,
  addOptions() {
    return { author: () => null, onHeldBack: () => undefined };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: suggestModeKey,
        props: {
          handleTextInput(view, from, to, text) {
            const author = options.author();
            if (!author) return false;
            return suggestText(view, author, from, to, text);
          },
          handleKeyDown(view, event) {
            const author = options.author();
            if (!author) return false;
            if (event.key === "Backspace") return strike(view, author, -1);
            if (event.key === "Delete") return strike(view, author, 1);
            if (event.key === "Enter") {
              // A paragraph break becomes a suggested one; a line break (Shift+Enter) is held back.
              const { empty, from } = view.state.selection;
              const tr = view.state.tr.setMeta(suggestModeKey, true);
              const caret = empty && !event.shiftKey ? suggestParagraph(tr, from, context(author)) : null;
              if (caret === null) {
                options.onHeldBack();
                return true;
              }
              view.dispatch(tr.setSelection(TextSelection.create(tr.doc, caret)).scrollIntoView());
              return true;
            }
            return false;
          },
          handlePaste(view, _event, slice) {
            const author = options.author();
            if (!author) return false;
            const text = slice.content.textBetween(0, slice.content.size, " ", " ");
            const { from, to } = view.state.selection;
            return suggestText(view, author, from, to, text);
          },
          handleDrop() {
            if (!options.author()) return false;
            options.onHeldBack();
            return true;
          },
        },
        filterTransaction(tr: Transaction, state: EditorState) {
          const author = options.author();
          if (!tr.docChanged || !author) return true;
          if (tr.getMeta(suggestModeKey) || isRemote(tr)) return true;
          // Formatting passes when it touches no one else's format suggestion; appendTransaction records it.
          const ranges = formattingRanges(tr);
          if (ranges && !ranges.some((range) => touchesOthersFormat(state.doc, range.from, range.to, author)))
            return true;
          // y-prosemirror's undo and redo arrive as remote-origin transactions; everything else is held.
          options.onHeldBack();
          return false;
        },
        // Bold or italic just applied in Suggesting mode: the same update carries the author's format
        // suggestion on exactly the text it changed (so the server sees one change it can verify).
        appendTransaction(transactions, oldState, newState) {
          const author = options.author();
          if (!author) return null;
          const changing = transactions.filter((tr) => tr.docChanged);
          if (!changing.length || changing.some((tr) => Boolean(tr.getMeta(suggestModeKey)) || isRemote(tr)))
            return null;
          const ranges = changing.flatMap((tr) => formattingRanges(tr) ?? []);
          if (!ranges.length) return null;
          const tr = newState.tr.setMeta(suggestModeKey, true);
          for (const range of ranges)
            recordFormatChanges(tr, oldState.doc, range.from, range.to, context(author));
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },
});
