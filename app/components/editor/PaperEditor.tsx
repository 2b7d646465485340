import { useT } from "~/i18n/use-t";
import { ConnectionStatus } from "./ConnectionStatus";
import { PresenceList, usePresence } from "./PresenceList";
import { SectionEditor, type PaperSection } from "./SectionEditor";
import { useCollaboration, type CollaborationUser } from "./use-collaboration";
import type { SectionComments } from "./comment-highlights";

export type { PaperSection } from "./SectionEditor";
export type { CollaborationUser as PaperEditorUser } from "./use-collaboration";

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
}

/**
 * The live, shared text of a paper: one Yjs document over one WebSocket, one editor per section,
 * who is here, and whether our edits are reaching the server. Renders titles and placeholders on the server.
 */
export function PaperEditor({ paperId, sections, user, editable, readOnlyReason, comments }: PaperEditorProps) {
  const tr = useT();
  const { collab, connection } = useCollaboration(paperId, user);
  const people = usePresence(collab, user);
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
      {sections.map((section) => (
        <SectionEditor key={section.key} section={section} collab={collab} user={user} editable={editable} everSynced={connection.everSynced} comments={comments?.(section.key)} />
      ))}
    </div>
  );
}
