import { useFetcher } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import { useId } from "react";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import type { TranslationState } from "~/modules/translations/translation";
import { readingDiff } from "~/modules/translations/readable-text";
import { WordDiff } from "../WordDiff";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";

export interface SectionTranslationInfo {
  /** The state the server saw when the page loaded (used until the live document has arrived). */
  state: TranslationState;
  markedAt: string | Date | null;
  markedBy: string | null;
  /** The original section's canonical text when the translation was last marked up to date. */
  markedSource: string | null;
  /** The original section's canonical text when the page loaded. */
  current?: string;
}

type MarkResult =
  | { ok: true; intent: "translation"; sectionKey: string }
  | { ok: false; error: MessageKey; params?: Record<string, string | number> };

const ICONS: Record<TranslationState, string> = {
  missing: "–",
  unchecked: "?",
  upToDate: "✓",
  outOfDate: "!",
};

/**
 * Where one section's translation stands, said in words (the colour only repeats it): up to date, out of
 * date with a word diff of the original since it was marked, unchecked or missing; and the button that
 * marks it up to date.
 */
export function TranslationStatus({
  sectionKey,
  sectionTitle,
  info,
  state,
  currentOriginal,
  canMark,
}: {
  sectionKey: string;
  sectionTitle: string;
  info: SectionTranslationInfo;
  /** The state now: computed from the live document once it has arrived, else the server's. */
  state: TranslationState;
  /** The original section's canonical text now (live), when known. */
  currentOriginal: string | null;
  canMark: boolean;
}) {
  const tr = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const fetcher = useFetcher<MarkResult>();
  const diffId = useId();
  const result = settledResult(fetcher.state, fetcher.data);
  const busy = fetcher.state !== "idle";
  const showDiff = state === "outOfDate" && info.markedSource !== null && currentOriginal !== null;
  return (
    <div className={`translation-status translation-${state}`} data-section={sectionKey}>
      <p className="translation-state" aria-live="polite">
        <span aria-hidden="true" className="translation-icon">
          {ICONS[state]}
        </span>
        {/* Side by side the state sits above the section's title: say which section it is about. */}
        <span className="visually-hidden">{sectionTitle}: </span>
        <strong>{tr(`translation.state.${state}`)}</strong>
        {info.markedAt && info.markedBy && state !== "missing" ? (
          <span className="muted small">
            {" "}
            {tr("translation.markedBy", {
              name: info.markedBy,
              date: formatTime(info.markedAt, viewer),
            })}
          </span>
        ) : null}
      </p>
      {showDiff ? (
        <details open className="translation-diff">
          <summary>{tr("translation.changedSince")}</summary>
          <WordDiff id={diffId} parts={readingDiff(info.markedSource!, currentOriginal)} />
        </details>
      ) : null}
      {canMark && (state === "outOfDate" || state === "unchecked") ? (
        <fetcher.Form method="post" className="translation-mark">
          <input type="hidden" name="intent" value="translation" />
          <input type="hidden" name="sectionKey" value={sectionKey} />
          <button
            type="submit"
            className="secondary small"
            disabled={busy}
            aria-label={`${tr("translation.mark")}: ${sectionTitle}`}
          >
            {tr("translation.mark")}
          </button>
        </fetcher.Form>
      ) : null}
      <div aria-live="polite">
        {result && !result.ok ? (
          <p role="alert" className="error">
            {t(locale, result.error, result.params)}
          </p>
        ) : null}
        {result?.ok && state === "upToDate" ? (
          <p className="success small">{tr("translation.marked", { section: sectionTitle })}</p>
        ) : null}
      </div>
    </div>
  );
}
