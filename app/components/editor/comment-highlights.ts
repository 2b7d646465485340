import { Extension } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { decodePosition, encodePosition, tightenRange, type EncodedRange } from "~/modules/comments/anchors";

// Comment highlights are ProseMirror decorations over the section's text, never marks in the Yjs
// document: they come from the threads' relative positions, resolved through the y-tiptap binding.

export interface HighlightedThread {
  id: string;
  range: EncodedRange;
}

export interface HighlightSource {
  threads: HighlightedThread[];
  activeId: string | null;
  onSelect: (threadId: string) => void;
}

/** What a section editor needs from the page's comments. */
export interface SectionComments {
  /** Threads of this section that have a range to highlight. */
  threads: HighlightedThread[];
  activeId: string | null;
  canComment: boolean;
  onSelect: (threadId: string) => void;
  /** "Comment" was pressed: on the selection (range and quote) or, with nothing selected, on the section. */
  onRequest: (request: CommentRequest) => void;
}

export interface CommentRequest {
  sectionKey: string;
  range: EncodedRange | null;
  quote: string;
}

export const commentHighlightsKey = new PluginKey<DecorationSet>("commentHighlights");

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
}

function bindingOf(state: EditorState): Binding | null {
  const ystate = ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined;
  return ystate?.binding ?? null;
}

function rangeNow(binding: Binding, range: EncodedRange): { from: number; to: number } | null {
  const start = decodePosition(range.start);
  const end = decodePosition(range.end);
  if (!start || !end) return null;
  try {
    const from = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      start,
      binding.mapping as never,
    );
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping as never);
    return from !== null && to !== null && to > from ? { from, to } : null;
  } catch {
    // A position from text this copy has not received yet: no highlight until it arrives.
    return null;
  }
}

function build(state: EditorState, source: HighlightSource): DecorationSet {
  const binding = bindingOf(state);
  if (!binding) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const thread of source.threads) {
    const range = rangeNow(binding, thread.range);
    if (!range || range.to > state.doc.content.size) continue;
    const active = thread.id === source.activeId;
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { class: `comment-highlight${active ? " is-active" : ""}`, "data-thread-id": thread.id },
        { threadId: thread.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** The current range of a thread's highlight in this editor, if it is drawn. */
export function highlightRange(state: EditorState, threadId: string): { from: number; to: number } | null {
  const found =
    commentHighlightsKey
      .getState(state)
      ?.find(undefined, undefined, (spec: { threadId?: string }) => spec.threadId === threadId) ?? [];
  return found.length > 0 ? { from: found[0].from, to: found[found.length - 1].to } : null;
}

/** The selection as a tight, encoded range (see anchors.ts), with the text it covers. */
export function selectionRange(state: EditorState): { range: EncodedRange; quote: string } | null {
  const binding = bindingOf(state);
  const { from, to, empty } = state.selection;
  if (!binding || empty) return null;
  const start = absolutePositionToRelativePosition(
    from,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(
    to,
    binding.type,
    binding.mapping as never,
  ) as Y.RelativePosition;
  const tight = tightenRange(binding.doc, start, end);
  return {
    range: { start: encodePosition(tight.start), end: encodePosition(tight.end) },
    quote: state.doc.textBetween(from, to, "\n"),
  };
}

/** Tells the plugin that the threads or the active one changed. */
export const REFRESH_HIGHLIGHTS = "refresh";

export function commentHighlights(source: () => HighlightSource) {
  return Extension.create({
    name: "commentHighlights",
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: commentHighlightsKey,
          state: {
            init: (_config, state) => build(state, source()),
            apply: (tr, previous, _old, state) => {
              const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)
                ?.isChangeOrigin;
              // Local typing is mapped (the Yjs side catches up only after this transaction);
              // changes that came from Yjs, and new threads, are resolved afresh.
              if (remote || tr.getMeta(commentHighlightsKey) === REFRESH_HIGHLIGHTS)
                return build(state, source());
              return previous.map(tr.mapping, tr.doc);
            },
          },
          props: {
            decorations: (state) => commentHighlightsKey.getState(state),
            handleClick: (view, pos) => {
              const hits = commentHighlightsKey.getState(view.state)?.find(pos, pos) ?? [];
              const threadId = (hits[0]?.spec as { threadId?: string } | undefined)?.threadId;
              if (threadId) source().onSelect(threadId);
              return false;
            },
          },
        }),
      ];
    },
  });
}
