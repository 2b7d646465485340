// Everything that edits a paper's shared document live, in one chunk the paper page loads after its first
// render (use-live-editing.ts): Yjs and its WebSocket provider, Tiptap and ProseMirror, the section editor
// and the readers of the live document. Two thirds of the page's JavaScript; the page is readable (the
// server rendered its text) and navigable without it.
import type * as Y from "yjs";
import { fragmentToJson } from "~/modules/documents/prosemirror-json";
import { listSectionSuggestions, type PendingSuggestion } from "~/modules/suggestions/list";

export { Doc } from "yjs";
export { WebsocketProvider } from "y-websocket";
export { canonicalFragmentText } from "~/modules/documents/canonical-section";
export { BoundSectionEditor } from "./BoundSectionEditor";
// Suggestions exist only in the live document: their cards and dialogs come with it.
export { suggestionMarginCards } from "~/components/suggestions/SuggestionCards";
export { BulkDecisionDialog } from "~/components/suggestions/BulkDecisionDialog";

/** The pending suggestions in the named fragments, in reading order (fragments the document lacks have none). */
export function readSuggestions(doc: Y.Doc, names: readonly string[]): PendingSuggestion[] {
  return names.flatMap((name) =>
    doc.share.has(name) ? listSectionSuggestions(name, fragmentToJson(doc.getXmlFragment(name), "keep")) : [],
  );
}
