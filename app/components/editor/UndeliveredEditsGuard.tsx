import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { LeaveGuard } from "../LeaveGuard";

/** What the question says: how many edits wait, and whether waiting can still deliver them. */
export function leaveQuestion(
  pendingEdits: number,
  closed: boolean,
): { key: MessageKey; params?: Record<string, number> } {
  if (closed) return { key: "editor.leave.bodyClosed", params: { count: pendingEdits } };
  if (pendingEdits === 1) return { key: "editor.leave.bodyOne" };
  return { key: "editor.leave.body", params: { count: pendingEdits } };
}

/**
 * Edits typed while the connection is down live only in this tab until it comes back: leaving the paper
 * then asks first. Once they are delivered nothing is asked, and a question still open lets the person go.
 */
export function UndeliveredEditsGuard({
  pendingEdits,
  closed = false,
}: {
  pendingEdits: number;
  /** The server closed the connection for good: the edits will not go out by waiting. */
  closed?: boolean;
}) {
  const tr = useT();
  const question = leaveQuestion(pendingEdits, closed);
  return (
    <LeaveGuard
      active={pendingEdits > 0}
      title={tr("editor.leave.title")}
      body={tr(question.key, question.params)}
      stay={tr("editor.leave.stay")}
      leave={tr("editor.leave.go")}
    />
  );
}
