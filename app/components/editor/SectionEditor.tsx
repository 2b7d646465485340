import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { useT } from "~/i18n/use-t";
import { schemaExtensions } from "~/modules/documents/editor-schema";
import { renderCaret } from "./caret";
import { EditorToolbar } from "./EditorToolbar";
import { LinkForm } from "./LinkForm";
import {
  commentHighlights,
  highlightRange,
  selectionRange,
  commentHighlightsKey,
  REFRESH_HIGHLIGHTS,
  type SectionComments,
} from "./comment-highlights";
import type { Collaboration as PaperCollaboration, CollaborationUser } from "./use-collaboration";

export interface PaperSection {
  key: string;
  title: string;
  guidance: string;
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
}

/** One section of a paper: its title, the drafters' guidance, and a rich-text editor bound to its Yjs fragment. */
export function SectionEditor({ section, collab, user, editable, everSynced, comments }: SectionEditorProps) {
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
      <SectionFrame section={section} ids={ids}>
        <EditorToolbar
          editor={null}
          editable={false}
          sectionTitle={section.title}
          editorId={ids.editor}
          linkFormId={ids.linkForm}
          linkOpen={false}
          onToggleLink={() => undefined}
        />
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
      ids={ids}
    />
  );
}

function SectionFrame({
  section,
  ids,
  flag,
  children,
}: {
  section: PaperSection;
  ids: SectionIds;
  flag?: ReactNode;
  children: ReactNode;
}) {
  const tr = useT();
  return (
    <section className="editor-section" id={`section-${section.key}`} aria-labelledby={ids.heading}>
      <div className="editor-section-head">
        <h2 id={ids.heading}>{section.title}</h2>
        {section.required ? (
          <span className="editor-required-tag">{tr("editor.section.required")}</span>
        ) : null}
      </div>
      {section.guidance ? (
        <p id={ids.guidance} className="editor-guidance">
          {section.guidance}
        </p>
      ) : null}
      {flag}
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
  ids,
}: SectionEditorProps & { collab: PaperCollaboration; ids: SectionIds }) {
  const tr = useT();
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
  });

  const extensions = useMemo(
    () => [
      ...schemaExtensions(),
      // Its own undo manager tracks only this client's edits: Undo never takes back someone else's text.
      Collaboration.configure({ fragment: collab.doc.getXmlFragment(section.key) }),
      CollaborationCaret.configure({
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
                    latest.current.editable
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
    comments.onRequest({
      sectionKey: section.key,
      range: selected?.range ?? null,
      quote: selected?.quote ?? "",
    });
  }
  latest.current = { section, editable, ids, openLink, comments, requestComment };

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
    <SectionFrame section={section} ids={ids} flag={flag}>
      <EditorToolbar
        editor={editor}
        editable={editable}
        sectionTitle={section.title}
        editorId={ids.editor}
        linkFormId={ids.linkForm}
        linkOpen={link !== null}
        onToggleLink={() => (link ? closeLink() : openLink())}
      />
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
      {comments?.canComment && editor ? (
        <div className="section-comment-bar">
          <button
            type="button"
            className="secondary small"
            onMouseDown={(event) => event.preventDefault()}
            onClick={requestComment}
            aria-keyshortcuts="Control+Alt+M"
          >
            {hasSelection ? tr("comments.commentOnSelection") : tr("comments.commentOnSection")}
          </button>
        </div>
      ) : null}
    </SectionFrame>
  );
}
