import { useId, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import { UndoRedo } from "@tiptap/extensions";
import { schemaExtensions } from "~/modules/documents/editor-schema";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { useT } from "~/i18n/use-t";
import { EditorToolbar } from "./EditorToolbar";
import { LinkForm } from "./LinkForm";
import { applyLink as linkTo, removeLink as unlink, returnFocus } from "./link-commands";

interface FrontMatterEditorProps {
  title: string;
  /** The language the part is written in (spell-checking, screen readers). */
  lang?: string;
  initial: PMNode;
  /** The editor's ProseMirror JSON after every change (the page posts it; the server sanitises it). */
  onChange: (json: JSONContent) => void;
}

/**
 * A report part (foreword, executive summary) in the same rich-text schema, toolbar and link form as a
 * paper section, but not collaborative: only the secretariat edits it, and a save replaces it whole.
 */
export function FrontMatterEditor({ title, lang, initial, onChange }: FrontMatterEditorProps) {
  const tr = useT();
  const base = useId();
  const ids = { heading: `${base}-title`, editor: `${base}-editor`, linkForm: `${base}-link` };
  const [link, setLink] = useState<{ href: string } | null>(null);
  // editorProps are read when the editor is made; a ref lets Ctrl+K reach the current editor.
  const openLinkRef = useRef((): void => undefined);
  const extensions = useMemo(() => [...schemaExtensions(), UndoRedo], []);
  const editor = useEditor({
    immediatelyRender: false,
    extensions,
    content: initial.content?.length ? initial : "",
    editorProps: {
      attributes: {
        id: ids.editor,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": ids.heading,
        class: "editor-content",
        ...(lang ? { lang } : {}),
      },
      handleKeyDown: (_view, event) => {
        if (
          (event.ctrlKey || event.metaKey) &&
          !event.altKey &&
          !event.shiftKey &&
          event.key.toLowerCase() === "k"
        ) {
          event.preventDefault();
          openLinkRef.current();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });

  function openLink() {
    if (editor) setLink({ href: String(editor.getAttributes("link").href ?? "") });
  }
  openLinkRef.current = openLink;
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

  return (
    <section className="editor-section" aria-labelledby={ids.heading}>
      <div className="editor-section-head">
        <h3 id={ids.heading}>{title}</h3>
      </div>
      <EditorToolbar
        editor={editor}
        editable={!!editor}
        sectionTitle={title}
        editorId={ids.editor}
        linkFormId={ids.linkForm}
        linkOpen={link !== null}
        onToggleLink={() => (link ? closeLink() : openLink())}
      />
      {link ? (
        <LinkForm
          id={ids.linkForm}
          sectionTitle={title}
          initialHref={link.href}
          onApply={applyLink}
          onRemove={removeLink}
          onClose={closeLink}
        />
      ) : null}
      <div className="editor-frame">
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          <p className="editor-loading muted">{tr("editor.loading")}</p>
        )}
      </div>
    </section>
  );
}
