import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import Collaboration from "@tiptap/extension-collaboration";
import { useT } from "~/i18n/use-t";
import { schemaExtensions } from "~/modules/documents/editor-schema";
import { GuardedCollaborationCaret, renderCaret } from "./caret";
import * as Popover from "@radix-ui/react-popover";
import { useActiveSection } from "./active-section";
import { LinkForm } from "./LinkForm";
import {
  commentHighlights,
  highlightRange,
  selectionRange,
  commentHighlightsKey,
  REFRESH_HIGHLIGHTS,
  type SectionComments,
} from "./comment-highlights";
import { Shown } from "../ShownText";
import type { PaperLanguage } from "~/modules/translations/translation";
import type { Collaboration as PaperCollaboration, CollaborationUser } from "./use-collaboration";
import { SuggestMode } from "./suggest-mode";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";

export interface PaperSection {
  key: string;
  /** In the viewer's language, or the other one when not written in theirs (`titleFallback` says which). */
  title: string;
  titleFallback?: PaperLanguage | null;
  guidance: string;
  guidanceFallback?: PaperLanguage | null;
  required: boolean;
}

interface SectionIds {
  heading: string;
  guidance: string;
  flag: string;
  editor: string;
  linkForm: string;
}

interface SectionEditorProps {
  section: PaperSection;
  /** Null during SSR and until the document is open: the section then shows a placeholder. */
  collab: PaperCollaboration | null;
  user: CollaborationUser;
  editable: boolean;
  /** Whether the server's copy has arrived; before that an empty section may just not be loaded yet. */
  everSynced: boolean;
  /** Comment highlights and the "Comment" button; absent where the page has no comments. */
  comments?: SectionComments;
  /** Shown between the heading and the text (a translation's state, the original for reference). */
  before?: ReactNode;
  /** In Suggesting mode: who suggests (typing and deleting become their suggestions); null edits directly. */
  suggestAs?: SuggestionAuthor | null;
  /** A change Suggesting mode cannot make (Enter, formatting) was held back. */
  onHeldBack?: () => void;
}

/** One section of a paper: its title, the drafters' guidance, and a rich-text editor bound to its Yjs fragment. */
export function SectionEditor({
  section,
  collab,
  user,
  editable,
  everSynced,
  comments,
  before,
  suggestAs = null,
  onHeldBack,
}: SectionEditorProps) {
  const tr = useT();
  const base = useId();
  const ids: SectionIds = {
    heading: `${base}-title`,
    guidance: `${base}-guidance`,
    flag: `${base}-empty`,
    editor: `${base}-editor`,
    linkForm: `${base}-link`,
  };
  if (!collab) {
    return (
      <SectionFrame section={section} ids={ids} before={before}>
        <div className="editor-frame">
          <p className="editor-loading muted">{tr("editor.loading")}</p>
        </div>
      </SectionFrame>
    );
  }
  return (
    <BoundSectionEditor
      key={collab.doc.guid}
      section={section}
      collab={collab}
      user={user}
      editable={editable}
      everSynced={everSynced}
      comments={comments}
      before={before}
      ids={ids}
      suggestAs={suggestAs}
      onHeldBack={onHeldBack}
    />
  );
}

function SectionFrame({
  section,
  ids,
  flag,
  tools,
  before,
  children,
}: {
  section: PaperSection;
  ids: SectionIds;
  flag?: ReactNode;
  tools?: ReactNode;
  before?: ReactNode;
  children: ReactNode;
}) {
  const tr = useT();
  return (
    <section className="editor-section" id={`section-${section.key}`} aria-labelledby={ids.heading}>
      <div className="editor-section-head">
        <h2 id={ids.heading}>
          <Shown value={{ text: section.title, fallback: section.titleFallback ?? null }} />
        </h2>
        {section.required ? (
          <span className="editor-required-tag">{tr("editor.section.required")}</span>
        ) : null}
        {section.guidance ? (
          <Popover.Root>
            <Popover.Trigger
              className="section-tool"
              aria-label={tr("paper.guidance.show", { section: section.title })}
            >
              <span aria-hidden="true">?</span>
            </Popover.Trigger>
            <Popover.Portal>
              <Popover.Content
                className="popover guidance-popover"
                side="bottom"
                align="start"
                sideOffset={6}
              >
                <p className="popover-title">{tr("paper.guidance.title")}</p>
                <p>
                  <Shown value={{ text: section.guidance, fallback: section.guidanceFallback ?? null }} />
                </p>
                <Popover.Arrow className="popover-arrow" />
              </Popover.Content>
            </Popover.Portal>
          </Popover.Root>
        ) : null}
        <span className="editor-section-tools">{tools}</span>
      </div>
      {/* The guidance stays in the page (hidden) so the editor can be described by it. */}
      {section.guidance ? (
        <p id={ids.guidance} className="visually-hidden">
          {section.guidance}
        </p>
      ) : null}
      {flag}
      {before}
      {children}
    </section>
  );
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}

function BoundSectionEditor({
  section,
  collab,
  user,
  editable,
  everSynced,
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
    editor?.commands.focus();
  }

  function applyLink(href: string) {
    if (!editor) return;
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: insert the address itself as the link text, and do not keep typing inside it.
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
        .unsetMark("link")
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    setLink(null);
  }

  function removeLink() {
    editor?.chain().focus().extendMarkRange("link").unsetLink().run();
    setLink(null);
  }

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
      <div className={`editor-frame${editable ? "" : " editor-frame-readonly"}`}>
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          <p className="editor-loading muted">{tr("editor.loading")}</p>
        )}
      </div>
    </SectionFrame>
  );
}
