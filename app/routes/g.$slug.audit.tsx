import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { listAuditEvents, verifyGroupChain } from "~/modules/audit/audit.server";
import { useLocale, useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/TableScroll";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "audit.read");
  const [events, check] = await Promise.all([listAuditEvents(group.id), verifyGroupChain(group.id)]);
  return {
    group: { name: group.name },
    check: check.ok
      ? { ok: true as const, count: check.count, head: check.head }
      : { ok: false as const, seq: check.brokenAt.seq, reason: check.reason },
    events: events.map((e) => ({ ...e, data: JSON.stringify(e.data) })),
  };
}

export default function AuditLog() {
  const { group, check, events } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  return (
    <article>
      <h1>{tr("audit.title", { group: group.name })}</h1>
      {check.ok ? (
        <p className="success" role="status">
          {tr("audit.intact", { count: check.count, head: check.head.slice(0, 16) + "…" })}
        </p>
      ) : (
        <p className="error" role="alert">
          {tr("audit.broken", { seq: check.seq, reason: check.reason })}
        </p>
      )}
      <TableScroll label={tr("audit.title", { group: group.name })}>
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{tr("audit.seq")}</th>
              <th scope="col">{tr("audit.when")}</th>
              <th scope="col">{tr("audit.who")}</th>
              <th scope="col">{tr("audit.what")}</th>
              <th scope="col">{tr("audit.details")}</th>
              <th scope="col">{tr("audit.hash")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{new Date(e.createdAt).toLocaleString(locale)}</td>
                <td>{e.actor?.name ?? tr("audit.system")}</td>
                <td>
                  <code>{e.type}</code>
                </td>
                <td className="small">
                  <code>{e.data}</code>
                </td>
                <td className="hash">{e.hash.slice(0, 12)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </article>
  );
}
