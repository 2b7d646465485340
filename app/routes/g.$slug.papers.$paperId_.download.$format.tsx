// One paper as a file: /g/:slug/papers/:paperId/download/(html|md|docx|pdf)?lang=(en|es)&version=N.
// Any member may download it (reading the paper); without `version`, the current text; the language
// defaults to the reader's UI language. The footer names the version and the SHA-256 of its text.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireGroupAccess } from "~/http/access.server";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { UserError } from "~/modules/errors";
import { paperIdSchema } from "~/modules/papers/papers.schema";
import { buildPaperDocument, paperFileName } from "~/modules/report/paper-document";
import { loadPaperExport } from "~/modules/report/paper-export.server";
import {
  REPORT_CONTENT_TYPES,
  reportFormatSchema,
  reportLanguageSchema,
} from "~/modules/report/report.schema";
import { renderReport } from "~/modules/report/render.server";

const versionSchema = z.union([
  z.literal("").transform(() => null),
  z.coerce.number().int().min(1).max(1_000_000),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "group.read");
  const format = reportFormatSchema.safeParse(params.format);
  const paperId = paperIdSchema.safeParse(params.paperId);
  if (!format.success || !paperId.success) return json({ error: "errors.notFound" }, { status: 404 });
  const query = new URL(request.url).searchParams;
  const requested = query.get("lang");
  const language =
    requested === null || requested === ""
      ? { success: true as const, data: await resolveLocale(request, user) }
      : reportLanguageSchema.safeParse(requested);
  if (!language.success) return json({ error: "report.badLanguage" }, { status: 400 });
  const version = versionSchema.safeParse(query.get("version") ?? "");
  if (!version.success) return json({ error: "word.download.badVersion" }, { status: 400 });

  let source;
  try {
    source = await loadPaperExport(group, paperId.data, version.data);
  } catch (error) {
    if (error instanceof UserError) return json({ error: error.key }, { status: error.status });
    throw error;
  }
  const now = new Date();
  const document = buildPaperDocument(source, language.data, now);
  const body = await renderReport(document, format.data);
  const filename = paperFileName(group.slug, source.paper.title, version.data, language.data, format.data);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[format.data],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
