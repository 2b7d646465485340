import { useLocale, useT } from "~/i18n/use-t";
import { describeChange } from "~/modules/suggestions/describe-change";
import { decisionCounts, type DecisionRecord } from "~/modules/suggestions/version-decisions";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "../use-viewer";

/** The suggestions a version took in or left out, folded under a one-line count; who decided each. */
export function VersionDecisions({
  decisions,
  heading,
}: {
  decisions: DecisionRecord[];
  heading: "versions.decisions.summary" | "versions.decisions.sinceLatest";
}) {
  const tr = useT();
  const locale = useLocale();
  const viewer = useViewer();
  if (decisions.length === 0) return null;
  const counts = decisionCounts(decisions);
  const parts = (["accept", "reject", "withdraw"] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => tr(`versions.decisions.${kind}`, { count: counts[kind] }))
    .join(", ");
  return (
    <details className="version-decisions">
      <summary>{tr(heading, { parts })}</summary>
      <ul>
        {decisions.map((d, index) => (
          <li key={index}>
            {tr(`versions.decisions.line.${d.decision}`, {
              by: d.byGroup ? tr("versions.decisions.theGroup") : (d.by ?? "—"),
              change: describeChange(locale, d.inserted, d.deleted, d.format, d.paragraph),
              author: d.delegation ? `${d.author} (${d.delegation})` : d.author,
            })}{" "}
            <span className="muted small">· {formatTime(d.at, viewer)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
