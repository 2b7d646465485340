import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { readerGroup } from "~/modules/translations/bilingual-text";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { verifyGroupChain } from "~/modules/audit/audit.server";
import { listAuditRows, loadAuditNames } from "~/modules/audit/audit-log.server";
import { auditFilterSchema, toAuditFilter } from "~/modules/audit/audit-filters";
import { AUDIT_KINDS, auditKindLabel, describeAuditEvent } from "~/modules/audit/describe";
import { normalizeTimeZone } from "~/modules/time/format-time";
import { t, type MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { Time } from "~/components/Time";
import { useViewer } from "~/components/use-viewer";

import auditStyles from "~/styles/audit.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: auditStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "audit.read");
  const locale = await resolveLocale(request, user);
  const timeZone = normalizeTimeZone(user.timeZone);
  const query = new URL(request.url).searchParams;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(query));
  // A bad filter is named and ignored: the whole log is shown, nothing else changes.
  const filterError: MessageKey | null = parsed.success
    ? null
    : parsed.error.issues.some((i) => i.message === "audit.filter.badDate")
      ? "audit.filter.badDate"
      : "audit.filter.unknown";
  const input = parsed.success ? parsed.data : {};
  const [check, lookups, page] = await Promise.all([
    verifyGroupChain(group.id),
    loadAuditNames(group.id),
    listAuditRows(group.id, toAuditFilter(input, timeZone)),
  ]);
  const viewer = { locale, timeZone };
  return {
    title: t(locale, "audit.title", { group: readerGroup(group, locale).name }),
    slug: group.slug,
    check: check.ok
      ? { ok: true as const, count: check.count, head: check.head }
      : { ok: false as const, seq: check.brokenAt.seq, reason: check.reason },
    filters: input,
    filterError,
    query: query.toString(),
    people: lookups.people,
    papers: lookups.papers,
    total: page.total,
    events: page.rows.map((e) => ({
      seq: e.seq,
      kind: e.type,
      createdAt: e.createdAt.toISOString(),
      sentence: describeAuditEvent(e, lookups.names, viewer),
      hash: e.hash,
    })),
  };
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { check, filters, events } = data;
  const tr = useT();
  const { locale } = useViewer();
  const csvHref = `/g/${data.slug}/audit/csv${data.query ? `?${data.query}` : ""}`;
  return (
    <article className="audit-page">
      <h1>{data.title}</h1>
      <section className="panel audit-verify" aria-labelledby="audit-verify-heading">
        <h2 id="audit-verify-heading">{tr("audit.verify")}</h2>
        {check.ok ? (
          <>
            <p className="success" role="status">
              {tr("audit.intact", { count: check.count, head: check.head.slice(0, 16) + "…" })}
            </p>
            <p className="hash audit-head">{check.head}</p>
          </>
        ) : (
          <p className="error" role="alert">
            {tr("audit.broken", { seq: check.seq, reason: check.reason })}
          </p>
        )}
      </section>

      <Form method="get" className="audit-filters" aria-labelledby="audit-filters-heading">
        <h2 id="audit-filters-heading" className="visually-hidden">
          {tr("audit.filters")}
        </h2>
        {data.filterError ? (
          <p role="alert" className="error">
            {tr(data.filterError)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="audit-kind">{tr("audit.filter.kind")}</label>
          <select id="audit-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{tr("audit.filter.any")}</option>
            {AUDIT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {auditKindLabel(kind, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-person">{tr("audit.filter.person")}</label>
          <select id="audit-person" name="person" defaultValue={filters.person ?? ""}>
            <option value="">{tr("audit.filter.any")}</option>
            {data.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-paper">{tr("audit.filter.paper")}</label>
          <select id="audit-paper" name="paper" defaultValue={filters.paper ?? ""}>
            <option value="">{tr("audit.filter.any")}</option>
            {data.papers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{tr("audit.filter.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{tr("audit.filter.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="audit-filter-actions">
          <button type="submit">{tr("audit.filter.apply")}</button>
          {data.query ? <Link to={`/g/${data.slug}/audit`}>{tr("audit.filter.clear")}</Link> : null}
        </div>
      </Form>

      <p className="audit-summary">
        <span role="status">{tr("audit.showing", { shown: events.length, total: data.total })}</span>{" "}
        <a href={csvHref} download className="button-link audit-csv" data-testid="audit-csv">
          {tr("audit.csv")}
        </a>
      </p>

      {events.length === 0 ? (
        <p className="muted">{tr("audit.none")}</p>
      ) : (
        <ol className="audit-events" reversed>
          {events.map((e) => (
            <li key={e.seq} className="audit-event" data-kind={e.kind}>
              <p className="audit-sentence">{e.sentence}</p>
              <p className="muted small audit-meta">
                <Time value={e.createdAt} /> · #{e.seq} ·{" "}
                <span className="hash" title={e.hash}>
                  {e.hash.slice(0, 12)}…
                </span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
