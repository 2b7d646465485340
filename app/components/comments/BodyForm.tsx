import { useId, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { COMMENT_MAX_LENGTH } from "~/modules/comments/comment-rules";
import type { Mentionable } from "~/modules/comments/mentions";
import { MentionTextarea } from "../MentionTextarea";
import { ErrorLine, useCommentResult, type CommentResult } from "./comment-result";

/** A comment's text (new thread, reply or edit): keeps what was typed when the server refuses it. */
export function BodyForm(props: {
  actionUrl: string;
  intent: "create" | "reply" | "edit";
  hidden: Record<string, string>;
  label: string;
  submitLabel: string;
  initial?: string;
  members: Mentionable[];
  autoFocus?: boolean;
  onDone: (result: Extract<CommentResult, { ok: true }>) => void;
  onCancel?: () => void;
}) {
  const tr = useT();
  const errorId = useId();
  const fetcher = useFetcher<CommentResult>();
  const [body, setBody] = useState(props.initial ?? "");
  const error = useCommentResult(fetcher, (result) => {
    setBody("");
    props.onDone(result);
  });
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" action={props.actionUrl} className="comment-form">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <MentionTextarea
        name="body"
        label={props.label}
        value={body}
        onChange={setBody}
        members={props.members}
        maxLength={COMMENT_MAX_LENGTH}
        autoFocus={props.autoFocus}
        invalid={error !== null}
        errorId={errorId}
      />
      <ErrorLine id={errorId} error={error} />
      <div className="comment-form-actions">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {tr("comments.cancel")}
          </button>
        ) : null}
      </div>
    </fetcher.Form>
  );
}
