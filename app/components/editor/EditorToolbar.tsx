import { useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import * as Tooltip from "@radix-ui/react-tooltip";
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
  const marks =
    useEditorState({
      editor,
      selector: ({ editor: current }) =>
        current && !current.isDestroyed
          ? {
              h2: current.isActive("heading", { level: 2 }),
              h3: current.isActive("heading", { level: 3 }),
              bold: current.isActive("bold"),
              italic: current.isActive("italic"),
              bullet: current.isActive("bulletList"),
              ordered: current.isActive("orderedList"),
              quote: current.isActive("blockquote"),
              link: current.isActive("link"),
              canUndo: current.can().undo(),
              canRedo: current.can().redo(),
            }
          : noMarks,
    }) ?? noMarks;

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
    <Tooltip.Provider delayDuration={400}>
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
          <Tooltip.Root key={item.key}>
            <Tooltip.Trigger asChild>
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
            </Tooltip.Trigger>
            <Tooltip.Portal>
              <Tooltip.Content className="tooltip" side="bottom" sideOffset={4}>
                {item.label}
              </Tooltip.Content>
            </Tooltip.Portal>
          </Tooltip.Root>
        ))}
        <span className="editor-toolbar-target muted small" aria-hidden="true">
          {sectionTitle ?? tr("paper.toolbar.hint")}
        </span>
      </div>
    </Tooltip.Provider>
  );
}
