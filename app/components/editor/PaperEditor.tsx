import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import {
  translationFragmentName,
  translationState,
  type PaperLanguage,
  type TextView,
} from "~/modules/translations/translation";
import { ConnectionStatus } from "./ConnectionStatus";
import { PresenceList, usePresence } from "./PresenceList";
import { SectionEditor, type PaperSection } from "./SectionEditor";
import { TranslationStatus, type SectionTranslationInfo } from "./TranslationStatus";
import { useCollaboration, type Collaboration, type CollaborationUser } from "./use-collaboration";
import { useFragmentText } from "./use-fragment-text";
import type { SectionComments } from "./comment-highlights";

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
  paperId: string;
  sections: PaperSection[];
  user: CollaborationUser;
  /** False for observers and while the paper is VOTING, ADOPTED or WITHDRAWN; may change while mounted. */
  editable: boolean;
  /** Why the text is read only, already translated (shown after "Read only"). */
  readOnlyReason?: string;
  /** Comment highlights and the "Comment" button, per section key. */
  comments?: (sectionKey: string) => SectionComments;
  /** Without it (or with the "original" view) only the original text is shown. */
  translation?: PaperTranslation;
}

/**
 * The live, shared text of a paper: one Yjs document over one WebSocket, one editor per section (and per
 * language), who is here, and whether our edits are reaching the server. Renders titles and placeholders
 * on the server.
 */
export function PaperEditor({
  paperId,
  sections,
  user,
  editable,
  readOnlyReason,
  comments,
  translation,
}: PaperEditorProps) {
  const tr = useT();
  const { collab, connection } = useCollaboration(paperId, user);
  const people = usePresence(collab, user);
  const view = translation?.view ?? "original";
  return (
    <div className="paper-editor">
      <div className="editor-bar">
        <ConnectionStatus connection={connection} />
        <PresenceList people={people} />
      </div>
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
            comments={comments?.(section.key)}
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
          />
        );
      })}
    </div>
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
}: {
  section: PaperSection;
  /** The original's editor, when shown side by side. */
  original: ReactNode;
  translation: PaperTranslation;
  collab: Collaboration | null;
  user: CollaborationUser;
  editable: boolean;
  everSynced: boolean;
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
  return (
    <div className={original ? "bilingual-row" : "translated-section"}>
      <TranslationStatus
        sectionKey={section.key}
        sectionTitle={section.title}
        info={info}
        state={state}
        currentOriginal={live ? liveOriginal : (info.current ?? null)}
        canMark={translation.canMark && editable}
      />
      {original}
      <SectionEditor
        section={{ key: name, title, guidance: "", required: false }}
        collab={collab}
        user={user}
        editable={editable}
        everSynced={everSynced}
      />
    </div>
  );
}
