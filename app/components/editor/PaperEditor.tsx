import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import {
  translationFragmentName,
  translationState,
  type PaperLanguage,
  type TextView,
} from "~/modules/translations/translation";
import { ActiveSectionProvider } from "./active-section";
import { DocumentToolbar } from "./EditorToolbar";
import { SectionEditor, type PaperSection } from "./SectionEditor";
import { readableText } from "~/modules/translations/readable-text";
import { TranslationStatus, type SectionTranslationInfo } from "./TranslationStatus";
import type { Collaboration, CollaborationUser, ConnectionView } from "./use-collaboration";
import { useFragmentText } from "./use-fragment-text";
import type { SectionComments } from "./comment-highlights";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";
import type { Markup } from "~/modules/documents/static-markup";

export type { PaperSection } from "./SectionEditor";
export type { CollaborationUser as PaperEditorUser } from "./use-collaboration";
export type { SectionTranslationInfo } from "./TranslationStatus";

/** The paper's other language: which one, what to show, and each section's translation marks. */
export interface PaperTranslation {
  original: PaperLanguage;
  language: PaperLanguage;
  view: TextView;
  sections: Record<string, SectionTranslationInfo>;
  /** May mark translations up to date (a translator: anyone who may edit the paper, while it is editable). */
  canMark: boolean;
}

export interface PaperEditorProps {
  /** The paper's shared document (from useCollaboration, which the page header also reads). */
  collab: Collaboration | null;
  connection: ConnectionView;
  sections: PaperSection[];
  /** Each fragment's text as the server rendered the page, shown until the live document has arrived. */
  texts?: Record<string, Markup[]>;
  user: CollaborationUser;
  /** False for observers and while the paper is VOTING, ADOPTED or WITHDRAWN; may change while mounted. */
  editable: boolean;
  /** Why the text is read only, already translated (shown after "Read only"). */
  readOnlyReason?: string;
  /** Comment highlights and the "Comment" button, per section key. */
  comments?: (sectionKey: string) => SectionComments;
  /** Without it (or with the "original" view) only the original text is shown. */
  translation?: PaperTranslation;
  /** In Suggesting mode: who suggests; null (the default) edits directly. */
  suggestAs?: SuggestionAuthor | null;
  /** A change Suggesting mode cannot make (Enter, formatting) was held back. */
  onHeldBack?: () => void;
}

/**
 * The live, shared text of a paper as one document: the sections are headings in its flow, each with its
 * own editor (and one per language), and one toolbar, sticky at the top, formats the focused section.
 * Renders titles and placeholders on the server.
 */
export function PaperEditor({
  collab,
  connection,
  sections,
  texts,
  user,
  editable,
  readOnlyReason,
  comments,
  translation,
  suggestAs = null,
  onHeldBack,
}: PaperEditorProps) {
  const tr = useT();
  const view = translation?.view ?? "original";
  return (
    <ActiveSectionProvider>
      <div className={`paper-editor paper-editor-${view}`}>
        {editable && !suggestAs ? (
          <div className="document-bar">
            <DocumentToolbar />
          </div>
        ) : null}
        <div aria-live="polite" className="editor-readonly-slot">
          {editable ? null : (
            <p className="notice editor-readonly">
              <strong>{tr("editor.readOnly")}</strong>
              {readOnlyReason ? <span> — {readOnlyReason}</span> : null}
            </p>
          )}
        </div>
        {view === "both" && translation ? (
          <div className="bilingual-columns" aria-hidden="true">
            <p>
              {tr("translation.column.original", {
                language: tr(`translation.language.${translation.original}`),
              })}
            </p>
            <p>
              {tr("translation.column.translation", {
                language: tr(`translation.language.${translation.language}`),
              })}
            </p>
          </div>
        ) : null}
        {sections.map((section) => {
          const original = (
            <SectionEditor
              key={section.key}
              section={section}
              collab={collab}
              user={user}
              editable={editable}
              everSynced={connection.everSynced}
              text={texts?.[section.key]}
              comments={comments?.(section.key)}
              suggestAs={suggestAs}
              onHeldBack={onHeldBack}
            />
          );
          if (!translation || view === "original") return original;
          return (
            <TranslatedSection
              key={section.key}
              section={section}
              original={view === "both" ? original : null}
              translation={translation}
              collab={collab}
              user={user}
              editable={editable}
              everSynced={connection.everSynced}
              text={texts?.[translationFragmentName(section.key, translation.language)]}
              comments={comments?.(translationFragmentName(section.key, translation.language))}
              suggestAs={suggestAs}
              onHeldBack={onHeldBack}
            />
          );
        })}
      </div>
    </ActiveSectionProvider>
  );
}

/** The original's text under a translation, quiet and read only, so the translator sees what to render. */
function OriginalReference({
  sectionKey,
  language,
  text,
}: {
  sectionKey: string;
  language: PaperLanguage;
  text: string | null;
}) {
  const tr = useT();
  return (
    <details className="original-reference" id={`section-${sectionKey}`} open>
      <summary>{tr("paper.reference", { language: tr(`translation.language.${language}`) })}</summary>
      <div className="original-reference-text" lang={language}>
        {text === null
          ? tr("editor.loading")
          : text.trim() === ""
            ? tr("paper.reference.empty")
            : readableText(text)}
      </div>
    </details>
  );
}

/**
 * A section in the other language: its translation state (live), then its own editor on "<key>:<lang>";
 * side by side, the state spans the row above the original and the translation, so both start level.
 */
function TranslatedSection({
  section,
  original,
  translation,
  collab,
  user,
  editable,
  everSynced,
  text,
  comments,
  suggestAs,
  onHeldBack,
}: {
  suggestAs: SuggestionAuthor | null;
  onHeldBack?: () => void;
  section: PaperSection;
  text?: Markup[];
  /** The original's editor, when shown side by side. */
  original: ReactNode;
  translation: PaperTranslation;
  collab: Collaboration | null;
  user: CollaborationUser;
  editable: boolean;
  everSynced: boolean;
  comments?: SectionComments;
}) {
  const tr = useT();
  const name = translationFragmentName(section.key, translation.language);
  const liveOriginal = useFragmentText(collab, section.key);
  const liveTranslation = useFragmentText(collab, name);
  const info = translation.sections[section.key] ?? {
    state: "missing",
    markedAt: null,
    markedBy: null,
    markedSource: null,
  };
  const live = everSynced && liveOriginal !== null && liveTranslation !== null;
  const state = live
    ? translationState({
        translated: liveTranslation !== "",
        marked: info.markedSource,
        current: liveOriginal,
      })
    : info.state;
  const title = tr("translation.sectionTitle", {
    title: section.title,
    language: tr(`translation.language.${translation.language}`),
  });
  const status = (
    <TranslationStatus
      sectionKey={section.key}
      sectionTitle={section.title}
      info={info}
      state={state}
      currentOriginal={live ? liveOriginal : (info.current ?? null)}
      canMark={translation.canMark && editable}
    />
  );
  const editor = (
    <SectionEditor
      section={{ key: name, title, guidance: "", required: false }}
      collab={collab}
      user={user}
      editable={editable}
      everSynced={everSynced}
      text={text}
      comments={comments}
      suggestAs={suggestAs}
      onHeldBack={onHeldBack}
      before={
        original ? null : (
          <>
            {status}
            <OriginalReference
              sectionKey={section.key}
              language={translation.original}
              text={liveOriginal ?? info.current ?? null}
            />
          </>
        )
      }
    />
  );
  if (!original) return <div className="translated-section">{editor}</div>;
  return (
    <div className="bilingual-row">
      {status}
      {original}
      {editor}
    </div>
  );
}
