import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { listAuditRows, loadAuditNames } from "~/modules/audit/audit-log.server";
import { auditFilterSchema, toAuditFilter } from "~/modules/audit/audit-filters";
import { auditKindLabel, describeAuditEvent, isAuditKind } from "~/modules/audit/describe";
import { toCsv } from "~/modules/audit/csv";
import { formatTime, normalizeTimeZone } from "~/modules/time/format-time";
import { t } from "~/i18n/messages";

/** The audit log (with the page's filters) as CSV: every matching event, oldest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "audit.read");
  const locale = await resolveLocale(request, user);
  const timeZone = normalizeTimeZone(user.timeZone);
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return new Response(t(locale, "audit.filter.badDate"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const [lookups, page] = await Promise.all([
    loadAuditNames(group.id),
    listAuditRows(group.id, toAuditFilter(parsed.data, timeZone), 100_000),
  ]);
  const viewer = { locale, timeZone };
  const body = toCsv(
    [
      t(locale, "audit.seq"),
      "UTC",
      t(locale, "audit.when"),
      t(locale, "audit.who"),
      t(locale, "audit.filter.kind"),
      t(locale, "audit.event"),
      t(locale, "audit.hash"),
    ],
    page.rows
      .slice()
      .reverse()
      .map((e) => [
        e.seq,
        e.createdAt.toISOString(),
        formatTime(e.createdAt, viewer),
        e.actor ? e.actor.name : t(locale, "audit.system.subject"),
        isAuditKind(e.type) ? auditKindLabel(e.type, locale) : e.type,
        describeAuditEvent(e, lookups.names, viewer),
        e.hash,
      ]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${group.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
