import { useT } from "~/i18n/use-t";
import type { ConnectionView } from "./use-collaboration";

/** "Connected", "Reconnecting…", "Offline — N edits waiting": text first, the dot only helps. */
export function ConnectionStatus({ connection }: { connection: ConnectionView }) {
  const tr = useT();
  const { kind, pendingEdits } = connection;
  const waiting =
    pendingEdits === 0
      ? tr("editor.connection.offlineNone")
      : pendingEdits === 1
        ? tr("editor.connection.offlineOne")
        : tr("editor.connection.offline", { count: pendingEdits });
  let text: string;
  switch (kind) {
    case "connected":
      text = tr("editor.connection.connected");
      break;
    case "connecting":
      text = tr("editor.connection.connecting");
      break;
    case "reconnecting":
      text = tr("editor.connection.reconnecting");
      break;
    case "offline":
      text = waiting;
      break;
    case "closed":
      text =
        pendingEdits > 0 ? `${tr("editor.connection.closed")} ${waiting}` : tr("editor.connection.closed");
      break;
  }
  return (
    <p role="status" aria-live="polite" className={`editor-connection editor-connection-${kind}`}>
      <span className="editor-connection-dot" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
