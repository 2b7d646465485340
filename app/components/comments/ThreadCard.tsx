import { useId, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import type { Mentionable } from "~/modules/comments/mentions";
import type { ThreadView } from "~/modules/comments/thread-view";
import { Time } from "../Time";
import { BodyForm } from "./BodyForm";
import { CommentItem } from "./CommentItem";
import { ErrorLine, useCommentResult, type CommentResult } from "./comment-result";

export interface ThreadCardProps {
  thread: ThreadView;
  active: boolean;
  actionUrl: string;
  members: Mentionable[];
  sectionTitle: (key: string) => string;
  onSelect: (threadId: string | null) => void;
  onAnnounce: (key: MessageKey) => void;
}

/** A thread as a margin card: what it is about, its comments, Reply and Resolve. */
export function ThreadCard({
  thread,
  active,
  actionUrl,
  members,
  sectionTitle,
  onSelect,
  onAnnounce,
}: ThreadCardProps) {
  const tr = useT();
  const status = useFetcher<CommentResult>();
  const statusError = useCommentResult(status, (result) =>
    onAnnounce(result.intent === "resolve" ? "comments.resolvedNotice" : "comments.reopenedNotice"),
  );
  const errorId = useId();
  const [replying, setReplying] = useState(false);
  const resolved = thread.status === "RESOLVED";
  return (
    <div
      id={`thread-${thread.id}`}
      className={`thread${active ? " is-active" : ""}${resolved ? " is-resolved" : ""}`}
      aria-current={active || undefined}
    >
      <button
        type="button"
        className="thread-target"
        onClick={() => onSelect(active ? null : thread.id)}
        aria-pressed={active}
      >
        <span className="thread-section">{sectionTitle(thread.sectionKey)}</span>
        {thread.anchor ? (
          <span className="thread-quote">{thread.quote}</span>
        ) : (
          <span className="thread-quote thread-whole">{tr("comments.wholeSection")}</span>
        )}
      </button>
      {thread.removed || resolved ? (
        <p className="thread-flags">
          {thread.removed ? <span className="tag tag-removed">{tr("comments.textRemoved")}</span> : null}
          {resolved ? (
            <span className="tag tag-resolved">
              {thread.resolvedBy
                ? tr("comments.resolvedBy", { name: thread.resolvedBy })
                : tr("comments.resolved")}
            </span>
          ) : null}
        </p>
      ) : null}
      <ol className="comments" aria-label={tr("comments.threadComments", { author: thread.author })}>
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            actionUrl={actionUrl}
            members={members}
            onAnnounce={onAnnounce}
          />
        ))}
      </ol>
      <div className="thread-actions">
        {thread.canReply && !replying ? (
          <button type="button" className="secondary small" onClick={() => setReplying(true)}>
            {tr("comments.reply")}
          </button>
        ) : null}
        {thread.canResolve ? (
          <status.Form method="post" action={actionUrl}>
            <input type="hidden" name="intent" value={resolved ? "reopen" : "resolve"} />
            <input type="hidden" name="threadId" value={thread.id} />
            <button type="submit" className="secondary small" disabled={status.state !== "idle"}>
              {resolved ? tr("comments.reopen") : tr("comments.resolve")}
            </button>
          </status.Form>
        ) : null}
      </div>
      <ErrorLine id={errorId} error={statusError} />
      {replying ? (
        <BodyForm
          actionUrl={actionUrl}
          intent="reply"
          hidden={{ threadId: thread.id }}
          label={tr("comments.replyLabel", { author: thread.author })}
          submitLabel={tr("comments.sendReply")}
          members={members}
          autoFocus
          onDone={() => {
            setReplying(false);
            onAnnounce("comments.replied");
          }}
          onCancel={() => setReplying(false)}
        />
      ) : null}
      <p className="visually-hidden">
        <Time value={thread.createdAt} />
      </p>
    </div>
  );
}
