import { segmentMentions, type Mentionable } from "~/modules/comments/mentions";

/** Plain text with @mentions set apart; never HTML. */
export function CommentBody({ body, members }: { body: string; members: Mentionable[] }) {
  return (
    <p className="comment-body">
      {segmentMentions(body, members).map((segment, index) =>
        segment.kind === "mention" ? (
          <span key={index} className="mention">
            {segment.text}
          </span>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
