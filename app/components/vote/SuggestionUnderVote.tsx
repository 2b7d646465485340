import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { describeChange } from "~/modules/suggestions/describe-change";
import { changeAuthor, type SuggestionChange } from "~/modules/votes/suggestion-vote";
import { Time } from "../Time";

/**
 * What a silence procedure on one suggestion decides, in words ("Replace “should” with “shall”"), in
 * place of the text under vote: who suggested it where, who asked the group and why.
 */
export function SuggestionUnderVote({
  change,
  section,
  askedBy,
  note,
  textHash,
  paperHref,
}: {
  change: SuggestionChange | null;
  section: string;
  askedBy: string;
  note: string | null;
  textHash: string;
  paperHref: string;
}) {
  const tr = useT();
  const locale = useLocale();
  return (
    <section className="vote-text vote-suggestion" aria-labelledby="suggestion-heading">
      <h2 id="suggestion-heading">{tr("askGroup.vote.change")}</h2>
      {change ? (
        <>
          <p className="vote-suggestion-change">
            {describeChange(locale, change.inserted, change.deleted, change.format, change.paragraph)}
          </p>
          <p className="muted small">
            {tr("askGroup.vote.by", { author: changeAuthor(change), section })} ·{" "}
            <Time value={change.createdAt} />
          </p>
        </>
      ) : null}
      <p>{tr("askGroup.vote.askedBy", { name: askedBy })}</p>
      {note ? (
        <figure className="vote-suggestion-note">
          <figcaption className="muted small">{tr("askGroup.vote.note")}</figcaption>
          <blockquote>{note}</blockquote>
        </figure>
      ) : null}
      <p className="muted small">
        {tr("askGroup.vote.hash")} <span className="hash">{textHash}</span>
      </p>
      <p>
        <Link to={paperHref}>{tr("askGroup.vote.showInPaper")}</Link>
      </p>
    </section>
  );
}
