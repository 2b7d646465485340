import { useEffect, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import Collaboration from "@tiptap/extension-collaboration";
import { useT } from "~/i18n/use-t";
import { schemaExtensions } from "~/modules/documents/editor-schema";
import { GuardedCollaborationCaret, renderCaret } from "./caret";
import { useActiveSection } from "./active-section";
import { LinkForm } from "./LinkForm";
import { applyLink as linkTo, removeLink as unlink, returnFocus } from "./link-commands";
import {
  commentHighlights,
  highlightRange,
  selectionRange,
  commentHighlightsKey,
  REFRESH_HIGHLIGHTS,
} from "./comment-highlights";
import type { Collaboration as PaperCollaboration } from "./use-collaboration";
import { SuggestMode } from "./suggest-mode";
import { SectionFrame, SectionText, type SectionEditorProps, type SectionIds } from "./SectionEditor";

function isBlank(text: string): boolean {
  return text.trim() === "";
}

/** A section's live editor (see SectionEditor, which renders it once the editor's code has arrived). */
export function BoundSectionEditor({
  section,
  collab,
  user,
  editable,
  everSynced,
  text,
  comments,
  before,
  ids,
  suggestAs = null,
  onHeldBack,
}: SectionEditorProps & { collab: PaperCollaboration; ids: SectionIds }) {
  const tr = useT();
  const { setActive } = useActiveSection();
  const [link, setLink] = useState<{ href: string } | null>(null);
  // ProseMirror reads these from plugin props on every update; a ref keeps them current without
  // recreating the editor (which would drop its undo history and caret).
  const latest = useRef({
    section,
    editable,
    ids,
    openLink: (): void => undefined,
    comments,
    requestComment: (): void => undefined,
    suggestAs,
    onHeldBack,
  });

  const extensions = useMemo(
    () => [
      ...schemaExtensions(),
      SuggestMode.configure({
        author: () => latest.current.suggestAs,
        onHeldBack: () => latest.current.onHeldBack?.(),
      }),
      // Its own undo manager tracks only this client's edits: Undo never takes back someone else's text.
      Collaboration.configure({ fragment: collab.doc.getXmlFragment(section.key) }),
      GuardedCollaborationCaret.configure({
        provider: collab.provider,
        user: { name: user.name, delegation: user.delegation, color: user.colour, colour: user.colour },
        render: renderCaret,
      }),
      commentHighlights(() => ({
        threads: latest.current.comments?.threads ?? [],
        activeId: latest.current.comments?.activeId ?? null,
        onSelect: (id) => latest.current.comments?.onSelect(id),
      })),
      Extension.create({
        name: "sectionAccessibility",
        addProseMirrorPlugins() {
          return [
            new Plugin({
              key: new PluginKey("sectionAccessibility"),
              props: {
                attributes: (state) => {
                  const { section: current, editable: canEdit, ids: currentIds } = latest.current;
                  const describedBy = [
                    current.guidance ? currentIds.guidance : "",
                    current.required && isBlank(state.doc.textContent) ? currentIds.flag : "",
                  ]
                    .filter(Boolean)
                    .join(" ");
                  return {
                    "aria-readonly": String(!canEdit),
                    ...(current.required ? { "aria-required": "true" } : {}),
                    ...(describedBy ? { "aria-describedby": describedBy } : {}),
                  };
                },
                handleKeyDown: (_view, event) => {
                  if (
                    (event.ctrlKey || event.metaKey) &&
                    !event.altKey &&
                    !event.shiftKey &&
                    event.key.toLowerCase() === "k" &&
                    latest.current.editable &&
                    !latest.current.suggestAs
                  ) {
                    event.preventDefault();
                    latest.current.openLink();
                    return true;
                  }
                  // Ctrl+Alt+M (as in other editors): comment on the selection.
                  if (
                    (event.ctrlKey || event.metaKey) &&
                    event.altKey &&
                    event.code === "KeyM" &&
                    latest.current.comments?.canComment
                  ) {
                    event.preventDefault();
                    latest.current.requestComment();
                    return true;
                  }
                  return false;
                },
              },
            }),
          ];
        },
      }),
    ],
    // The user is only the caret's first label; useCollaboration keeps the awareness up to date.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [collab, section.key],
  );

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions,
      editorProps: {
        attributes: {
          id: ids.editor,
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": section.title,
          class: "editor-content",
        },
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable);
    if (!editable) setLink(null);
  }, [editor, editable]);

  const empty =
    useEditorState({
      editor,
      selector: ({ editor: current }) =>
        current && !current.isDestroyed ? isBlank(current.state.doc.textContent) : false,
    }) ?? false;

  function openLink() {
    if (!editor || !editable) return;
    setLink({ href: String(editor.getAttributes("link").href ?? "") });
  }
  function requestComment() {
    if (!editor || !comments) return;
    const selected = selectionRange(editor.state);
    let pageY: number | undefined;
    try {
      pageY = selected
        ? editor.view.coordsAtPos(editor.state.selection.from).top + window.scrollY
        : undefined;
    } catch {
      pageY = undefined;
    }
    comments.onRequest({
      sectionKey: section.key,
      range: selected?.range ?? null,
      quote: selected?.quote ?? "",
      pageY,
    });
  }
  latest.current = { section, editable, ids, openLink, comments, requestComment, suggestAs, onHeldBack };

  const highlightKey = `${(comments?.threads ?? []).map((t) => `${t.id}:${t.range.start}:${t.range.end}`).join(",")}|${comments?.activeId ?? ""}`;
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, REFRESH_HIGHLIGHTS));
  }, [editor, highlightKey]);
  const activeId = comments?.activeId ?? null;
  useEffect(() => {
    const range = editor && !editor.isDestroyed && activeId ? highlightRange(editor.state, activeId) : null;
    if (range)
      (editor!.view.domAtPos(range.from).node as Element).parentElement?.scrollIntoView({ block: "center" });
  }, [editor, activeId]);
  const hasSelection =
    useEditorState({
      editor,
      selector: ({ editor: current }) =>
        current && !current.isDestroyed ? !current.state.selection.empty : false,
    }) ?? false;

  // The one toolbar formats the section that last had the focus; it follows the link form's state too.
  const handle = useRef({ toggleLink: () => undefined as void });
  handle.current.toggleLink = () => (link ? closeLink() : openLink());
  const focused = useRef(false);
  useEffect(() => {
    if (!editor) return;
    const register = () => {
      focused.current = true;
      setActive((current) => {
        if (current?.editor !== editor) {
          // Another section's link form closes when the toolbar moves away from it.
          return {
            editor,
            title: section.title,
            editorId: ids.editor,
            linkFormId: ids.linkForm,
            linkOpen: false,
            editable: editor.isEditable,
            toggleLink: () => handle.current.toggleLink(),
          };
        }
        return current;
      });
    };
    editor.on("focus", register);
    return () => {
      editor.off("focus", register);
      setActive((current) => (current?.editor === editor ? null : current));
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  useEffect(() => {
    if (!editor) return;
    setActive((current) =>
      current?.editor === editor
        ? { ...current, linkOpen: link !== null, editable, title: section.title }
        : current,
    );
  }, [editor, link, editable, section.title, setActive]);

  function closeLink() {
    setLink(null);
    if (editor) returnFocus(editor);
  }

  function applyLink(href: string) {
    if (editor) linkTo(editor, href);
    setLink(null);
  }

  function removeLink() {
    if (editor) unlink(editor);
    setLink(null);
  }

  const shown = everSynced && editor !== null;
  const flag =
    section.required && everSynced && editor && empty ? (
      <p id={ids.flag} className="editor-empty-flag">
        <span aria-hidden="true" className="editor-empty-icon">
          !
        </span>
        {tr("editor.requiredEmpty")}
      </p>
    ) : null;

  return (
    <SectionFrame
      section={section}
      ids={ids}
      flag={flag}
      before={before}
      tools={
        comments?.canComment && editor ? (
          <button
            type="button"
            className="section-tool section-comment"
            onMouseDown={(event) => event.preventDefault()}
            onClick={requestComment}
            aria-keyshortcuts="Control+Alt+M"
            aria-label={hasSelection ? tr("comments.commentOnSelection") : tr("comments.commentOnSection")}
          >
            <span aria-hidden="true" className="section-comment-icon">
              +
            </span>{" "}
            {tr("paper.comment.add")}
          </button>
        ) : null
      }
    >
      {link ? (
        <LinkForm
          id={ids.linkForm}
          sectionTitle={section.title}
          initialHref={link.href}
          onApply={applyLink}
          onRemove={removeLink}
          onClose={closeLink}
        />
      ) : null}
      {/* Before the server's copy arrives the editor's text is empty: the page keeps the text it was
          rendered with, and the editor (already mounted, hidden) takes its place once the document synced. */}
      {shown ? null : <SectionText text={text} editable={editable} />}
      <div className={`editor-frame${editable ? "" : " editor-frame-readonly"}`} hidden={!shown}>
        {editor ? <EditorContent editor={editor} /> : null}
      </div>
    </SectionFrame>
  );
}
