import { readForm } from "~/modules/read-form.server";
import { inboxActionSchema } from "~/modules/inbox/inbox.schema";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/http/sessions.server";
import { resolveLocale } from "~/http/locale.server";
import { listNotifications, markAllRead, markRead } from "~/modules/inbox/inbox.server";
import { failure } from "~/http/action-result.server";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { Time } from "~/components/Time";
import { notificationHref } from "~/modules/inbox/notification-link";

export const meta: MetaFunction = () => [{ title: "Inbox · Acuerdo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id, await resolveLocale(request, user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = inboxActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return failure(400, { error: "errors.invalidInput" });
  if (parsed.data.intent === "read") await markRead(user.id, parsed.data.id);
  else await markAllRead(user.id);
  return { ok: true as const };
}

type Kind = Awaited<ReturnType<typeof loader>>["notifications"][number]["kind"];

const KIND_KEYS: Record<Kind, MessageKey> = {
  MENTION: "inbox.kind.MENTION",
  REPLY: "inbox.kind.REPLY",
  VOTE_OPENED: "inbox.kind.VOTE_OPENED",
  VOTE_REMINDER: "inbox.kind.VOTE_REMINDER",
  VOTE_OUTCOME: "inbox.kind.VOTE_OUTCOME",
  INVITED: "inbox.kind.INVITED",
};

type Notice = Awaited<ReturnType<typeof loader>>["notifications"][number];

/** What a notice says: an outcome names its result; a silence procedure on a suggestion says so. */
function noticeLine(n: Notice, tr: ReturnType<typeof useT>): string {
  if (n.vote?.onSuggestion) {
    if (n.kind !== "VOTE_OUTCOME" || !n.vote.result) return tr("inbox.kind.suggestionVote");
    return tr(
      n.vote.result === "ADOPTED"
        ? "inbox.kind.suggestionVote.accepted"
        : "inbox.kind.suggestionVote.rejected",
    );
  }
  if (n.kind === "VOTE_OUTCOME" && n.vote?.result)
    return tr("inbox.kind.VOTE_OUTCOME.result", { result: tr(`votes.result.${n.vote.result}`) });
  return tr(KIND_KEYS[n.kind], { actor: n.actor ?? tr("inbox.someone") });
}

export default function Inbox() {
  const { notifications } = useLoaderData<typeof loader>();
  const tr = useT();
  const busy = useNavigation().state !== "idle";
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <section className="inbox">
      <div className="inbox-head">
        <h1>{tr("inbox.title")}</h1>
        <p className="muted" aria-live="polite">
          {unread === 0 ? tr("inbox.allRead") : tr("inbox.unreadCount", { count: unread })}
        </p>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="secondary" disabled={busy}>
              {tr("inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="muted">{tr("inbox.empty")}</p>
      ) : (
        <ul className="inbox-list">
          {notifications.map((n) => {
            // Read notifications link straight to their place; unread ones pass by /inbox/:id/open,
            // which marks them read on the way.
            const href = n.read ? notificationHref(n) : `/inbox/${n.id}/open`;
            return (
              <li key={n.id} className={`inbox-item${n.read ? "" : " inbox-unread"}`}>
                <div className="inbox-item-main">
                  <p className="inbox-line">
                    {n.read ? null : <span className="inbox-badge">{tr("inbox.new")}</span>}
                    <span>{noticeLine(n, tr)}</span>
                  </p>
                  <p>
                    <Link to={href} reloadDocument={!n.read}>
                      {n.paper?.title ?? n.group.name}
                    </Link>{" "}
                    <span className="muted">· {n.group.name}</span>
                  </p>
                  {n.quote ? <p className="thread-quote">{n.quote}</p> : null}
                  {n.excerpt ? <p className="comment-body">{n.excerpt}</p> : null}
                  <p className="muted small">
                    <Time value={n.createdAt} relative />
                  </p>
                </div>
                {n.read ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button
                      type="submit"
                      className="secondary small"
                      disabled={busy}
                      aria-label={tr("inbox.markReadLabel", { title: n.paper?.title ?? n.group.name })}
                    >
                      {tr("inbox.markRead")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
