// The report as a file: /g/:slug/report/download/(html|md|docx|pdf)?lang=(en|es). Any member may download
// it (reading the report); the language defaults to the reader's UI language.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { buildReport } from "~/modules/report/report";
import { loadReportSource } from "~/modules/report/report.server";
import {
  REPORT_CONTENT_TYPES,
  reportFileName,
  reportFormatSchema,
  reportLanguageSchema,
} from "~/modules/report/report.schema";
import { renderReport } from "~/modules/report/render.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "group.read");
  const format = reportFormatSchema.safeParse(params.format);
  if (!format.success) return json({ error: "errors.notFound" }, { status: 404 });
  const requested = new URL(request.url).searchParams.get("lang");
  const language =
    requested === null
      ? { success: true as const, data: await resolveLocale(request, user) }
      : reportLanguageSchema.safeParse(requested);
  if (!language.success) return json({ error: "report.badLanguage" }, { status: 400 });

  const report = buildReport(await loadReportSource(group), language.data, new Date(), user.timeZone);
  const body = await renderReport(report, format.data);
  const filename = reportFileName(group.slug, report.isoDate, language.data, format.data);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[format.data],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(body.byteLength),
      // The report changes with every adoption and edit, and it is the group's, not the public's.
      "Cache-Control": "private, no-store",
    },
  });
}
