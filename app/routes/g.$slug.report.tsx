import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { can } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { resolveLocale } from "~/http/locale.server";
import { buildReport } from "~/modules/report/report";
import { loadReportSource } from "~/modules/report/report.server";
import { REPORT_FORMATS, type ReportFormat } from "~/modules/report/report-formats";
import { ReportView } from "~/components/ReportView";
import { LOCALES, type Locale } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.title} · Acuerdo` : "Acuerdo" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user } = await requireGroupAccess(request, params);
  requirePagePermission(actor, "group.read");
  const locale = await resolveLocale(request, user);
  const report = buildReport(await loadReportSource(group), locale, new Date(), user.timeZone);
  return { report, slug: group.slug, canArrange: can(actor, "report.arrange") || can(actor, "report.edit") };
}

const FORMAT_KEYS = {
  html: "report.format.html",
  md: "report.format.md",
  docx: "report.format.docx",
  pdf: "report.format.pdf",
} as const;

function DownloadLinks({ slug, language }: { slug: string; language: Locale }) {
  const tr = useT();
  const languageName = tr(`translation.language.${language}`);
  return (
    <ul role="list" className="report-downloads">
      {REPORT_FORMATS.map((format: ReportFormat) => (
        <li key={format}>
          <a
            href={`/g/${slug}/report/download/${format}?lang=${language}`}
            download
            aria-label={tr("report.downloadFormat", {
              format: tr(FORMAT_KEYS[format]),
              language: languageName,
            })}
            data-format={format}
            data-lang={language}
          >
            {tr(FORMAT_KEYS[format])}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function ReportPage() {
  const { report, slug, canArrange } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  const other = LOCALES.find((l) => l !== locale) ?? "en";
  return (
    <article className="report-page">
      <header className="report-head">
        <h1>{report.title}</h1>
        <p className="muted">{report.dateLine}</p>
        {canArrange ? (
          <p>
            <Link to={`/g/${slug}/report/edit`}>{tr("report.arrange")}</Link>
          </p>
        ) : null}
        <section className="panel report-download" aria-labelledby="report-download-heading">
          <h2 id="report-download-heading">{tr("report.download")}</h2>
          <DownloadLinks slug={slug} language={locale} />
          <p className="small">
            {tr("report.downloadIn", { language: tr(`translation.language.${other}`) })}
          </p>
          <DownloadLinks slug={slug} language={other} />
        </section>
      </header>
      <ReportView report={report} emptyText={tr("report.empty")} />
    </article>
  );
}
