import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { listGroupOutbox } from "~/modules/mail/outbox.server";
import { getPreferences } from "~/modules/mail/preferences.server";
import { formatTime } from "~/modules/time/format-time";
import { useT } from "~/i18n/use-t";
import { TableScroll } from "~/components/TableScroll";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "outbox.read");
  const [messages, preferences, locale] = await Promise.all([
    listGroupOutbox(group.id),
    getPreferences(user.id),
    resolveLocale(request, user),
  ]);
  const viewer = { locale, timeZone: preferences.timeZone };
  return {
    messages: messages.map((m) => ({
      id: m.id,
      to: m.user ? `${m.user.name} <${m.toEmail}>` : m.toEmail,
      kind: m.kind,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      created: formatTime(m.createdAt, viewer),
    })),
  };
}

const KIND_KEY = {
  mention: "mail.kind.mention",
  reply: "mail.kind.reply",
  "vote.opened": "mail.kind.vote.opened",
  "vote.reminder": "mail.kind.vote.reminder",
  "vote.outcome": "mail.kind.vote.outcome",
  digest: "mail.kind.digest",
  invitation: "mail.kind.invitation",
  "password.reset": "mail.kind.password.reset",
} as const;

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const tr = useT();
  return (
    <article>
      <h1>{tr("outbox.title")}</h1>
      <p className="muted">{tr("outbox.intro")}</p>
      {messages.length === 0 ? (
        <p>{tr("outbox.empty")}</p>
      ) : (
        <TableScroll label={tr("outbox.title")}>
          <table className="outbox-table">
            <thead>
              <tr>
                <th scope="col">{tr("outbox.created")}</th>
                <th scope="col">{tr("outbox.recipient")}</th>
                <th scope="col">{tr("outbox.kind")}</th>
                <th scope="col">{tr("outbox.status")}</th>
                <th scope="col">{tr("outbox.attempts")}</th>
                <th scope="col">{tr("outbox.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-status={m.status}>
                  <td>{m.created}</td>
                  <td>{m.to}</td>
                  <td>
                    {m.kind in KIND_KEY ? tr(KIND_KEY[m.kind as keyof typeof KIND_KEY]) : m.kind}
                    <br />
                    <span className="muted small">{m.subject}</span>
                  </td>
                  <td>
                    <span className={`outbox-status outbox-${m.status.toLowerCase()}`}>
                      {tr(`outbox.status.${m.status}`)}
                    </span>
                  </td>
                  <td>{m.attempts}</td>
                  <td className="small">{m.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </article>
  );
}
