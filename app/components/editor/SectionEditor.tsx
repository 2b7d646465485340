import { useId, type ReactNode } from "react";
import * as Popover from "@radix-ui/react-popover";
import { useT } from "~/i18n/use-t";
import { Shown } from "../ShownText";
import type { PaperLanguage } from "~/modules/translations/translation";
import type { Markup } from "~/modules/documents/static-markup";
import { StaticMarkup } from "./StaticMarkup";
import type { Collaboration as PaperCollaboration, CollaborationUser } from "./use-collaboration";
import type { SectionComments } from "./comment-highlights";
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

export interface SectionIds {
  heading: string;
  guidance: string;
  flag: string;
  editor: string;
  linkForm: string;
}

export interface SectionEditorProps {
  section: PaperSection;
  /** Null during SSR and until the editor's code and the document are open: the text is then read only. */
  collab: PaperCollaboration | null;
  user: CollaborationUser;
  editable: boolean;
  /** Whether the server's copy has arrived; before that an empty section may just not be loaded yet. */
  everSynced: boolean;
  /** The text as the page was rendered (from the loader): shown until the live document has arrived. */
  text?: Markup[];
  /** Comment highlights and the "Comment" button; absent where the page has no comments. */
  comments?: SectionComments;
  /** Shown between the heading and the text (a translation's state, the original for reference). */
  before?: ReactNode;
  /** In Suggesting mode: who suggests (typing and deleting become their suggestions); null edits directly. */
  suggestAs?: SuggestionAuthor | null;
  /** A change Suggesting mode cannot make (Enter, formatting) was held back. */
  onHeldBack?: () => void;
}

/**
 * One section of a paper: its title, the drafters' guidance, and a rich-text editor bound to its Yjs
 * fragment. The editor's code arrives after the page's first render (live-editing.ts); until then, and
 * until the document has synced, the section shows the text the server rendered, in the same frame.
 */
export function SectionEditor(props: SectionEditorProps) {
  const { section, collab, editable, text, before } = props;
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
        <SectionText text={text} editable={editable} />
      </SectionFrame>
    );
  }
  const { BoundSectionEditor } = collab.live;
  return <BoundSectionEditor key={collab.doc.guid} {...props} collab={collab} ids={ids} />;
}

/** The section's text without an editor: what the server rendered, in the editor's frame and classes. */
export function SectionText({ text, editable }: { text: Markup[] | undefined; editable: boolean }) {
  const tr = useT();
  return (
    <div className={`editor-frame${editable ? "" : " editor-frame-readonly"}`}>
      {text ? (
        <StaticMarkup className="editor-content" markup={text} />
      ) : (
        <p className="editor-loading muted">{tr("editor.loading")}</p>
      )}
    </div>
  );
}

export function SectionFrame({
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
