import { Link } from "@remix-run/react";
import { InLanguage } from "./ShownText";
import type { GroupDashboard as Dashboard } from "~/modules/dashboard/dashboard";
import { formatRelative, formatTime } from "~/modules/time/format-time";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "./TableScroll";

/** Where the group stands: pipeline, open votes, 30-day participation (chart and table), deadlines. */
export function GroupDashboard({
  slug,
  dashboard,
  timeZone,
  now,
}: {
  slug: string;
  dashboard: Dashboard;
  timeZone: string;
  now: string;
}) {
  const tr = useT();
  const locale = useLocale();
  const viewer = { locale, timeZone };
  const label = (d: { name: string; nameEs: string }) => (locale === "es" && d.nameEs ? d.nameEs : d.name);
  const max = Math.max(1, ...dashboard.participation.map((p) => p.total));
  return (
    <div className="dashboard">
      <h2 id="dashboard-heading" className="visually-hidden">
        {tr("dashboard.title")}
      </h2>
      <section className="panel dashboard-wide" aria-labelledby="pipeline-heading">
        <h2 id="pipeline-heading">{tr("dashboard.pipeline")}</h2>
        <ol className="pipeline">
          {dashboard.pipeline.map((p, i) => (
            <li key={p.status}>
              {i > 0 ? (
                <span className="arrow" aria-hidden="true">
                  →
                </span>
              ) : null}
              <Link to={`/g/${slug}?status=${p.status}#papers-heading`}>
                {tr(`paper.status.${p.status as "DRAFT"}`)}
                <span className="count">{p.count}</span>
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel" aria-labelledby="votes-heading">
        <h2 id="votes-heading">{tr("dashboard.openVotes")}</h2>
        {dashboard.openVotes.length === 0 ? <p className="muted">{tr("dashboard.openVotesEmpty")}</p> : null}
        {dashboard.openVotes.map((v) => (
          <div key={v.id} className="desk-item">
            <p>
              <Link to={`/g/${slug}/votes/${v.id}`}>
                <InLanguage texts={v.paperTitles} />
              </Link>
            </p>
            {v.onSuggestion ? <p className="muted small">{tr("askGroup.onSuggestion")}</p> : null}
            <p className="muted small">{tr("dashboard.turnout", { taken: v.taken, eligible: v.eligible })}</p>
            <table className="turnout">
              <caption className="visually-hidden">{tr("dashboard.turnoutTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr("dashboard.delegation")}</th>
                  <th scope="col" className="num">
                    {tr("dashboard.taken")}
                  </th>
                  <th scope="col" className="num">
                    {tr("dashboard.eligible")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.turnout.map((t) => (
                  <tr key={t.delegation.id}>
                    <th scope="row">{label(t.delegation)}</th>
                    <td className="num">{t.taken}</td>
                    <td className="num">{t.eligible}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      <section className="panel" aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{tr("dashboard.deadlines")}</h2>
        {dashboard.openVotes.length === 0 ? (
          <p className="muted">{tr("dashboard.deadlinesEmpty")}</p>
        ) : (
          <ul className="desk-list" role="list">
            {dashboard.openVotes.map((v) => (
              <li key={v.id} className="desk-item">
                <Link to={`/g/${slug}/votes/${v.id}`}>
                  <InLanguage texts={v.paperTitles} />
                </Link>
                <p className="muted small">
                  <time dateTime={v.deadline}>
                    {tr("desk.closes", {
                      relative: formatRelative(v.deadline, new Date(now), locale),
                      time: formatTime(v.deadline, viewer),
                    })}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        )}
        {dashboard.quiet ? (
          <>
            <h3>{tr("dashboard.quiet")}</h3>
            {dashboard.quiet.length === 0 ? (
              <p className="muted">{tr("dashboard.quietNone")}</p>
            ) : (
              <ul className="desk-list" role="list" id="quiet-delegations">
                {dashboard.quiet.map((q) => (
                  <li key={q.delegation.id} className="desk-item">
                    <strong>{label(q.delegation)}</strong>
                    {q.silentFor30Days ? <p className="small">{tr("dashboard.quietSilent")}</p> : null}
                    {q.missingVotes.length ? (
                      <p className="small">
                        {tr("dashboard.quietVotes", { papers: q.missingVotes.join("; ") })}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>

      <section className="panel dashboard-wide" aria-labelledby="participation-heading">
        <h2 id="participation-heading">{tr("dashboard.participation")}</h2>
        {/* The chart is a picture of the table below it; screen readers get the table, not the bars. */}
        <ul className="bars" aria-hidden="true">
          {dashboard.participation.map((p) => (
            <li key={p.delegation.id}>
              <span>{label(p.delegation)}</span>
              <span className="bar-track">
                <span className="bar-seg bar-stances" style={{ width: `${(p.stances / max) * 100}%` }} />
                <span className="bar-seg bar-comments" style={{ width: `${(p.comments / max) * 100}%` }} />
                <span className="bar-seg bar-edits" style={{ width: `${(p.edits / max) * 100}%` }} />
              </span>
              <span>{p.total}</span>
            </li>
          ))}
        </ul>
        <ul className="legend" aria-hidden="true">
          <li>
            <span aria-hidden="true" className="bar-stances" />
            {tr("dashboard.stances")}
          </li>
          <li>
            <span aria-hidden="true" className="bar-comments" />
            {tr("dashboard.commentsCol")}
          </li>
          <li>
            <span aria-hidden="true" className="bar-edits" />
            {tr("dashboard.edits")}
          </li>
        </ul>
        <details>
          <summary>{tr("dashboard.participationTable")}</summary>
          <TableScroll label={tr("dashboard.participation")}>
            <table className="turnout" id="participation-table">
              <caption className="visually-hidden">{tr("dashboard.participation")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr("dashboard.delegation")}</th>
                  <th scope="col" className="num">
                    {tr("dashboard.stances")}
                  </th>
                  <th scope="col" className="num">
                    {tr("dashboard.commentsCol")}
                  </th>
                  <th scope="col" className="num">
                    {tr("dashboard.edits")}
                  </th>
                  <th scope="col" className="num">
                    {tr("dashboard.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.participation.map((p) => (
                  <tr key={p.delegation.id}>
                    <th scope="row">{label(p.delegation)}</th>
                    <td className="num">{p.stances}</td>
                    <td className="num">{p.comments}</td>
                    <td className="num">{p.edits}</td>
                    <td className="num">{p.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="muted small">{tr("dashboard.editsNote")}</p>
        </details>
      </section>
    </div>
  );
}
