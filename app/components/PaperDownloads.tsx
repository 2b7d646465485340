// The paper page's download form (any version, either language, four formats: a plain GET form, so it
// works without JavaScript) and, for drafters of a draft, the link to import a translation from Word.
import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { REPORT_FORMATS } from "~/modules/report/report-formats";

export interface PaperDownloadsData {
  versions: { number: number; label: string }[];
  canImportTranslation: boolean;
}

export function PaperDownloads({
  slug,
  paperId,
  data,
}: {
  slug: string;
  paperId: string;
  data: PaperDownloadsData;
}) {
  const tr = useT();
  const locale = useLocale();
  const base = `/g/${slug}/papers/${paperId}`;
  return (
    <section className="paper-downloads" aria-labelledby="paper-downloads-title">
      <h2 id="paper-downloads-title">{tr("word.download.title")}</h2>
      {/* The format is part of the path: a small script-free redirect would need a server round trip,
          so each format is its own submit button with its own formAction. */}
      <form method="get" action={`${base}/download/pdf`}>
        <div className="field">
          <label htmlFor="download-version">{tr("word.download.version")}</label>
          <select id="download-version" name="version" defaultValue="">
            <option value="">{tr("word.download.current")}</option>
            {data.versions.map((v) => (
              <option key={v.number} value={v.number}>
                {tr("word.download.versionOption", { number: v.number, label: v.label })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="download-language">{tr("word.download.language")}</label>
          <select id="download-language" name="lang" defaultValue={locale}>
            <option value="en">{tr("lang.en")}</option>
            <option value="es">{tr("lang.es")}</option>
          </select>
        </div>
        {REPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="submit"
            className="secondary"
            formAction={`${base}/download/${format}`}
            data-format={format}
          >
            {tr(`word.format.${format}`)}
          </button>
        ))}
      </form>
      {data.canImportTranslation ? (
        <p>
          <Link to={`${base}/import-translation`}>{tr("word.import.translationLink")}</Link>
        </p>
      ) : null}
    </section>
  );
}
