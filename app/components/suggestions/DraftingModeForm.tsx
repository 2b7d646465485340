import { useFetcher } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { DRAFTING_MODES, type DraftingMode } from "~/modules/policy/policy";

/** Open / Penholder, for those who convene (co-chairs, the secretariat). */
export function DraftingModeForm({ actionUrl, mode }: { actionUrl: string; mode: DraftingMode }) {
  const tr = useT();
  const locale = useLocale();
  const fetcher = useFetcher<{ ok: boolean; error?: Parameters<typeof t>[1]; mode?: DraftingMode }>();
  const result = settledResult(fetcher.state, fetcher.data);
  return (
    <fetcher.Form method="post" action={actionUrl} className="drafting-mode-form">
      <fieldset className="text-view-switch">
        <legend>{tr("suggestions.drafting.legend")}</legend>
        {DRAFTING_MODES.map((choice) => (
          <label key={choice} className="text-view-choice" title={tr(`suggestions.drafting.${choice}.help`)}>
            <input type="radio" name="mode" value={choice} defaultChecked={mode === choice} />
            <span>{tr(`suggestions.mode.${choice}`)}</span>
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        name="intent"
        value="drafting"
        className="secondary small"
        disabled={fetcher.state !== "idle"}
      >
        {tr("suggestions.drafting.save")}
      </button>
      <span aria-live="polite">
        {result?.ok && result.mode
          ? tr("suggestions.drafting.saved", { mode: tr(`suggestions.mode.${result.mode}`) })
          : result?.error
            ? t(locale, result.error)
            : ""}
      </span>
    </fetcher.Form>
  );
}
