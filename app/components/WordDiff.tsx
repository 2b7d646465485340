import { Fragment } from "react";
import { useT } from "~/i18n/use-t";
import type { WordDiffPart } from "~/modules/papers/word-diff";

type Part = WordDiffPart & { spaced?: boolean };

/** A word diff as running text: additions underlined, removals struck through (and named for screen readers). */
export function WordDiff({ parts, id }: { parts: Part[]; id?: string }) {
  const tr = useT();
  return (
    <p className="canonical word-diff" id={id}>
      {parts.map((part, index) =>
        part.kind === "added" ? (
          <Fragment key={index}>
            {/* A replacement's new words after a space, so they never run into the struck ones. */}
            {part.spaced ? " " : null}
            <ins className="diff-added" title={tr("versions.added")}>
              {part.text}
            </ins>
          </Fragment>
        ) : part.kind === "removed" ? (
          <del key={index} className="diff-removed" title={tr("versions.removed")}>
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
