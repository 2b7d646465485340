import { useId, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import type { Mentionable } from "~/modules/comments/mentions";
import type { ThreadView } from "~/modules/comments/thread-view";
import { Time } from "../Time";
import { BodyForm } from "./BodyForm";
import { CommentBody } from "./CommentBody";
import { ErrorLine, useCommentResult, type CommentResult } from "./comment-result";

/** One comment of a thread: who, when, the text, and for its author Edit and Delete. */
export function CommentItem({
  comment,
  actionUrl,
  members,
  onAnnounce,
}: {
  comment: ThreadView["comments"][number];
  actionUrl: string;
  members: Mentionable[];
  onAnnounce: (key: MessageKey) => void;
}) {
  const tr = useT();
  const [editing, setEditing] = useState(false);
  const remover = useFetcher<CommentResult>();
  const removeError = useCommentResult(remover, () => onAnnounce("comments.deleted"));
  const errorId = useId();
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author}</strong>
        {comment.delegation ? (
          <span className="badge" style={{ backgroundColor: comment.colour }}>
            {comment.delegation}
          </span>
        ) : null}
        <span className="muted small">
          <Time value={comment.createdAt} relative />
        </span>
        {comment.edited ? <span className="muted small">{tr("comments.edited")}</span> : null}
      </p>
      {comment.deleted ? (
        <p className="comment-deleted muted">{tr("comments.commentDeleted")}</p>
      ) : editing ? (
        <BodyForm
          actionUrl={actionUrl}
          intent="edit"
          hidden={{ commentId: comment.id }}
          label={tr("comments.editLabel")}
          submitLabel={tr("comments.save")}
          initial={comment.body}
          members={members}
          autoFocus
          onDone={() => {
            setEditing(false);
            onAnnounce("comments.saved");
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} members={members} />
      )}
      {comment.mine && !editing ? (
        <div className="comment-actions">
          <button type="button" className="link-button small" onClick={() => setEditing(true)}>
            {tr("comments.edit")}
          </button>
          <remover.Form
            method="post"
            action={actionUrl}
            onSubmit={(event) => {
              if (!window.confirm(tr("comments.deleteConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="link-button small" disabled={remover.state !== "idle"}>
              {tr("comments.delete")}
            </button>
          </remover.Form>
        </div>
      ) : null}
      <ErrorLine id={errorId} error={removeError} />
    </li>
  );
}
