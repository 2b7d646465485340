import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { Editor } from "@tiptap/react";
import { Tip, Tips } from "../Tip";
import { useT } from "~/i18n/use-t";
import { useActiveSection } from "./active-section";

interface EditorToolbarProps {
  /** Null until a section has had the focus (and during SSR): every button is then disabled. */
  editor: Editor | null;
  editable: boolean;
  /** The section it formats now; null before any has had the focus. */
  sectionTitle: string | null;
  editorId: string | undefined;
  linkFormId: string | undefined;
  linkOpen: boolean;
  onToggleLink: () => void;
}

/** The paper's one toolbar, sticky under the header: it formats whichever section last had the focus. */
export function DocumentToolbar() {
  const { active } = useActiveSection();
  return (
    <EditorToolbar
      editor={active?.editor ?? null}
      editable={active?.editable ?? false}
      sectionTitle={active?.title ?? null}
      editorId={active?.editorId}
      linkFormId={active?.linkFormId}
      linkOpen={active?.linkOpen ?? false}
      onToggleLink={() => active?.toggleLink()}
    />
  );
}

interface ToolbarItem {
  key: string;
  glyph: string;
  label: string;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  disabled: boolean;
  run: () => void;
  /** Starts a new visual group. */
  groupStart?: boolean;
}

const noMarks = {
  h2: false,
  h3: false,
  bold: false,
  italic: false,
  bullet: false,
  ordered: false,
  quote: false,
  link: false,
  canUndo: false,
  canRedo: false,
};
type Marks = typeof noMarks;

function readMarks(editor: Editor): Marks {
  if (editor.isDestroyed) return noMarks;
  return {
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    bullet: editor.isActive("bulletList"),
    ordered: editor.isActive("orderedList"),
    quote: editor.isActive("blockquote"),
    link: editor.isActive("link"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

/**
 * What the buttons show for the editor's selection, read again after every transaction. (Not Tiptap's
 * useEditorState: the toolbar renders with the page, before the editor's code has loaded.)
 */
function useMarks(editor: Editor | null): Marks {
  const [marks, setMarks] = useState<Marks>(noMarks);
  useEffect(() => {
    if (!editor) {
      setMarks(noMarks);
      return;
    }
    const read = () => {
      const next = readMarks(editor);
      setMarks((current) =>
        (Object.keys(next) as (keyof Marks)[]).every((key) => current[key] === next[key]) ? current : next,
      );
    };
    read();
    editor.on("transaction", read);
    return () => {
      editor.off("transaction", read);
    };
  }, [editor]);
  return marks;
}

/** Formatting buttons: a single tab stop, arrow keys move between buttons (ARIA toolbar). */
export function EditorToolbar({
  editor,
  editable,
  sectionTitle,
  editorId,
  linkFormId,
  linkOpen,
  onToggleLink,
}: EditorToolbarProps) {
  const tr = useT();
  const toolbar = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState("h2");
  const marks = useMarks(editor);

  const off = !editor || !editable;
  const chain = () => editor!.chain().focus();
  const items: ToolbarItem[] = [
    {
      key: "h2",
      glyph: "H2",
      label: tr("editor.toolbar.heading2"),
      pressed: marks.h2,
      disabled: off,
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: "h3",
      glyph: "H3",
      label: tr("editor.toolbar.heading3"),
      pressed: marks.h3,
      disabled: off,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: "bold",
      glyph: tr("editor.toolbar.boldShort"),
      label: tr("editor.toolbar.bold"),
      pressed: marks.bold,
      disabled: off,
      run: () => chain().toggleBold().run(),
      groupStart: true,
    },
    {
      key: "italic",
      glyph: tr("editor.toolbar.italicShort"),
      label: tr("editor.toolbar.italic"),
      pressed: marks.italic,
      disabled: off,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: "link",
      glyph: tr("editor.toolbar.linkShort"),
      label: tr("editor.toolbar.link"),
      pressed: marks.link,
      expanded: linkOpen,
      controls: linkOpen ? linkFormId : undefined,
      disabled: off,
      run: onToggleLink,
    },
    {
      key: "bullet",
      glyph: "•",
      label: tr("editor.toolbar.bulletList"),
      pressed: marks.bullet,
      disabled: off,
      run: () => chain().toggleBulletList().run(),
      groupStart: true,
    },
    {
      key: "ordered",
      glyph: "1.",
      label: tr("editor.toolbar.orderedList"),
      pressed: marks.ordered,
      disabled: off,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: "quote",
      glyph: "❝",
      label: tr("editor.toolbar.quote"),
      pressed: marks.quote,
      disabled: off,
      run: () => chain().toggleBlockquote().run(),
    },
    // The collaboration undo command dispatches nothing itself, so focus is restored separately.
    {
      key: "undo",
      glyph: "↶",
      label: tr("editor.toolbar.undo"),
      disabled: off || !marks.canUndo,
      run: () => editor!.commands.undo() && editor!.commands.focus(),
      groupStart: true,
    },
    {
      key: "redo",
      glyph: "↷",
      label: tr("editor.toolbar.redo"),
      disabled: off || !marks.canRedo,
      run: () => editor!.commands.redo() && editor!.commands.focus(),
    },
  ];

  const enabled = items.filter((item) => !item.disabled);
  const tabStop = enabled.find((item) => item.key === activeKey)?.key ?? enabled[0]?.key;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys = enabled.map((item) => item.key);
    const current = keys.indexOf(tabStop ?? "");
    let next: number;
    if (event.key === "ArrowRight") next = (current + 1) % keys.length;
    else if (event.key === "ArrowLeft") next = (current - 1 + keys.length) % keys.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = keys.length - 1;
    else return;
    event.preventDefault();
    if (keys.length === 0) return;
    setActiveKey(keys[next]);
    toolbar.current?.querySelector<HTMLButtonElement>(`[data-key="${keys[next]}"]`)?.focus();
  }

  // Keep the editor's selection when a button is clicked with the mouse.
  const keepSelection = (event: MouseEvent) => event.preventDefault();

  return (
    <Tips delay={400}>
      <div
        ref={toolbar}
        role="toolbar"
        aria-label={
          sectionTitle ? tr("editor.toolbar.label", { section: sectionTitle }) : tr("paper.toolbar.hint")
        }
        aria-controls={editorId}
        className="editor-toolbar"
        onKeyDown={onKeyDown}
      >
        {items.map((item) => (
          <Tip key={item.key} label={item.label}>
            <button
              type="button"
              data-key={item.key}
              className={`editor-tool${item.groupStart ? " editor-tool-group" : ""}`}
              aria-pressed={item.pressed}
              aria-expanded={item.expanded}
              aria-controls={item.controls}
              disabled={item.disabled}
              tabIndex={item.key === tabStop ? 0 : -1}
              onMouseDown={keepSelection}
              onFocus={() => setActiveKey(item.key)}
              onClick={item.run}
            >
              {/* The name comes from the hidden text: a glyph like "1." is a picture, not a name. */}
              <span aria-hidden="true">{item.glyph}</span>
              <span className="visually-hidden">{item.label}</span>
            </button>
          </Tip>
        ))}
        <span className="editor-toolbar-target muted small" aria-hidden="true">
          {sectionTitle ?? tr("paper.toolbar.hint")}
        </span>
      </div>
    </Tips>
  );
}
