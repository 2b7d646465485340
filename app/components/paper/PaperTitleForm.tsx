import { useFetcher } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import type { PaperLanguage } from "~/modules/translations/translation";

type TitleResult =
  | { ok: true; intent: "title" }
  | {
      ok: false;
      error: MessageKey;
      params?: Record<string, string | number>;
      fieldErrors?: Partial<Record<string, MessageKey>>;
      values?: Record<string, string>;
    };

/**
 * The paper's title in its original language and in the other one, for those who name papers. Says when
 * the translation was written for an earlier title; "still fits" confirms it without retyping it.
 */
export function PaperTitleForm({
  title,
  titleTranslation,
  stale,
  original,
  translation,
}: {
  title: string;
  titleTranslation: string;
  stale: boolean;
  original: PaperLanguage;
  translation: PaperLanguage;
}) {
  const tr = useT();
  const locale = useLocale();
  const fetcher = useFetcher<TitleResult>();
  const result = settledResult(fetcher.state, fetcher.data);
  const failed = result && !result.ok ? result : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  const values = failed?.values ?? {};
  const originalName = tr(`translation.language.${original}`);
  const translationName = tr(`translation.language.${translation}`);
  return (
    <details className="paper-titles" open={Boolean(failed) || undefined}>
      <summary>
        {tr("papers.editTitle")}
        {stale ? (
          <span className="paper-titles-stale">
            {" "}
            · {tr("papers.titleStaleShort", { language: translationName })}
          </span>
        ) : null}
      </summary>
      <fetcher.Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="title" />
        {stale ? (
          <p className="notice" id="paper-title-stale">
            {tr("papers.titleTranslationStale", { language: translationName, translation: titleTranslation })}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="paper-title-original">{tr("papers.titleIn", { language: originalName })}</label>
          <input
            id="paper-title-original"
            name="title"
            lang={original}
            required
            maxLength={200}
            defaultValue={values.title ?? title}
            aria-invalid={fieldErrors.title ? true : undefined}
            aria-describedby={fieldErrors.title ? "paper-title-original-error" : undefined}
          />
          {fieldErrors.title ? (
            <p className="field-error" id="paper-title-original-error">
              {tr(fieldErrors.title)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="paper-title-translation">
            {tr("papers.titleTranslation", { language: translationName })}
          </label>
          <input
            id="paper-title-translation"
            name="titleTranslation"
            lang={translation}
            maxLength={200}
            defaultValue={values.titleTranslation ?? titleTranslation}
            aria-invalid={fieldErrors.titleTranslation ? true : undefined}
            aria-describedby={fieldErrors.titleTranslation ? "paper-title-translation-error" : undefined}
          />
          {fieldErrors.titleTranslation ? (
            <p className="field-error" id="paper-title-translation-error">
              {tr(fieldErrors.titleTranslation)}
            </p>
          ) : null}
        </div>
        {stale ? (
          <div className="checkbox-field">
            <input id="paper-title-confirm" name="confirmed" type="checkbox" />
            <label htmlFor="paper-title-confirm">
              {tr("papers.titleConfirm", { language: translationName })}
            </label>
          </div>
        ) : null}
        <div aria-live="polite">
          {failed ? (
            <p role="alert" className="error">
              {t(locale, failed.error, failed.params)}
            </p>
          ) : null}
          {result?.ok ? <p className="success small">{tr("papers.titleSaved")}</p> : null}
        </div>
        <div>
          <button type="submit" className="secondary" disabled={fetcher.state !== "idle"}>
            {tr("papers.saveTitle")}
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}
