import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/http/sessions.server";
import { resolveLocale } from "~/http/locale.server";
import { InLanguage } from "~/components/ShownText";
import { groupText } from "~/modules/translations/bilingual-text";
import { listMyGroups } from "~/modules/groups/memberships.server";
import { getDesk } from "~/modules/desk/desk.server";
import { isUrgent } from "~/modules/desk/desk";
import { formatRelative, formatTime, timeZoneLabel } from "~/modules/time/format-time";
import { useLocale, useT } from "~/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const locale = await resolveLocale(request, user);
  const [desk, groups] = await Promise.all([getDesk(user.id, locale, now), listMyGroups(user.id)]);
  return { desk, groups, timeZone: user.timeZone, now: now.toISOString() };
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="muted desk-empty">{children}</p>;
}

export default function Desk() {
  const { desk, groups, timeZone, now } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  const nowMs = new Date(now).getTime();
  const viewer = { locale, timeZone };
  const relative = (iso: string) => formatRelative(iso, nowMs, locale);
  return (
    <div className="desk">
      <h1>{tr("desk.title")}</h1>
      <p className="muted">
        {tr("desk.intro")} {tr("desk.timeZone", { zone: timeZoneLabel(timeZone) })}
      </p>

      <section className="panel desk-block" aria-labelledby="desk-decisions">
        <h2 id="desk-decisions">{tr("desk.decisions")}</h2>
        {desk.decisions.length === 0 ? (
          <Empty>{tr("desk.decisionsEmpty")}</Empty>
        ) : (
          <ul className="desk-list" role="list">
            {desk.decisions.map((d) => {
              const urgent = isUrgent(d.deadline, nowMs);
              const kindKey = d.kind === "silence" ? "desk.kind.silence" : "desk.kind.vote";
              return (
                <li key={`${d.kind}-${d.id}`} className={`desk-item${urgent ? " desk-urgent" : ""}`}>
                  <p className="desk-line">
                    <span className="desk-kind">
                      {d.kind === "vote" || d.kind === "silence" ? tr(kindKey) : d.kind}
                    </span>
                    {urgent ? <span className="desk-badge">{tr("desk.urgent")}</span> : null}
                  </p>
                  <p>
                    <Link to={d.href}>{d.paper.title}</Link> <span className="muted">· {d.group.name}</span>
                  </p>
                  <p className="muted small">
                    <time dateTime={d.deadline}>
                      {tr("desk.closes", {
                        relative: relative(d.deadline),
                        time: formatTime(d.deadline, viewer),
                      })}
                    </time>
                  </p>
                  {d.kind === "silence" ? <p className="muted small">{tr("desk.silenceHint")}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <div className="desk-columns">
        <section className="panel desk-block" aria-labelledby="desk-messages">
          <h2 id="desk-messages">{tr("desk.messages")}</h2>
          {desk.messages.length === 0 ? (
            <Empty>{tr("desk.messagesEmpty")}</Empty>
          ) : (
            <ul className="desk-list" role="list">
              {desk.messages.map((m) => (
                <li key={m.id} className="desk-item">
                  <p className="desk-line">
                    {tr(m.kind === "MENTION" ? "desk.mention" : "desk.reply", { actor: m.actor ?? "—" })}
                  </p>
                  <p>
                    <Link to={m.href}>{m.paper?.title ?? m.group.name}</Link>{" "}
                    <span className="muted">· {m.group.name}</span>
                  </p>
                  {m.excerpt ? <p className="comment-body desk-excerpt">{m.excerpt}</p> : null}
                  <p className="muted small">
                    <time dateTime={m.createdAt} title={formatTime(m.createdAt, viewer)}>
                      {relative(m.createdAt)}
                    </time>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel desk-block" aria-labelledby="desk-threads">
          <h2 id="desk-threads">{tr("desk.threads")}</h2>
          {desk.threads.length === 0 ? (
            <Empty>{tr("desk.threadsEmpty")}</Empty>
          ) : (
            <ul className="desk-list" role="list">
              {desk.threads.map((th) => (
                <li key={th.threadId} className="desk-item">
                  <p>
                    <Link to={th.href}>{th.paper.title}</Link>{" "}
                    <span className="muted">· {th.group.name}</span>
                  </p>
                  {th.quote ? <p className="thread-quote">{th.quote}</p> : null}
                  <p className="muted small">
                    {tr("desk.newReplies", { count: th.newReplies })} ·{" "}
                    <time dateTime={th.latestAt}>{relative(th.latestAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel desk-block" aria-labelledby="desk-papers">
          <h2 id="desk-papers">{tr("desk.papers")}</h2>
          {desk.papers.length === 0 ? (
            <Empty>{tr("desk.papersEmpty")}</Empty>
          ) : (
            <ul className="desk-list" role="list">
              {desk.papers.map((p) => (
                <li key={p.id} className="desk-item">
                  <p>
                    <Link to={p.href}>{p.title}</Link> <span className="muted">· {p.group.name}</span>
                  </p>
                  <p className="small">
                    <span className={`status status-${p.status.toLowerCase()}`}>
                      {tr(`paper.status.${p.status as "DRAFT"}`)}
                    </span>
                    {p.translationsOutOfDate > 0 ? (
                      <span className="desk-warning">
                        {" "}
                        {tr("desk.outOfDate", { count: p.translationsOutOfDate })}
                      </span>
                    ) : null}
                  </p>
                  <p className="muted small">{tr("desk.updated", { relative: relative(p.updatedAt) })}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel desk-block" aria-labelledby="desk-activity">
          <h2 id="desk-activity">{tr("desk.activity")}</h2>
          {desk.activity.length === 0 ? (
            <Empty>{tr("desk.activityEmpty")}</Empty>
          ) : (
            <ul className="desk-list" role="list">
              {desk.activity.map((a) => (
                <li key={a.paper.id} className="desk-item">
                  <p>
                    <Link to={a.href}>{a.paper.title}</Link> <span className="muted">· {a.group.name}</span>
                  </p>
                  <p className="muted small">
                    {tr("desk.comments", { count: a.comments })} ·{" "}
                    <time dateTime={a.latestAt}>{relative(a.latestAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="desk-groups">
        <h2 id="desk-groups">{tr("desk.groups")}</h2>
        {groups.length === 0 ? <Empty>{tr("desk.noGroups")}</Empty> : null}
        <ul className="cards" role="list">
          {groups.map(({ group, role, delegation }) => (
            <li key={group.slug} className="card">
              <h3>
                <Link to={`/g/${group.slug}`}>
                  <InLanguage texts={groupText(group.name, group.nameEs)} />
                </Link>
              </h3>
              <p className="muted">
                {tr("home.yourRole", { role: tr(`role.${role}`) })}
                {delegation
                  ? ` · ${locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name}`
                  : ""}
                {" · "}
                {tr("home.members", { count: group._count.memberships })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
