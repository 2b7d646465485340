import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import * as Dialog from "@radix-ui/react-dialog";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { timeZoneLabel, toZonedWallTime } from "~/modules/time/format-time";
import {
  SUGGESTION_VOTE_MAX_DAYS,
  SUGGESTION_VOTE_NOTE_MAX,
  defaultSuggestionDeadline,
} from "~/modules/votes/suggestion-vote";
import { useViewer } from "../use-viewer";

interface AskResult {
  ok: boolean;
  intent?: string;
  error?: MessageKey;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, MessageKey | undefined>;
  values?: Record<string, string>;
}

/**
 * "Ask the group" on a suggestion's card: a small dialog with the procedure's deadline (48 hours ahead
 * unless changed) and an optional note. A refusal stays in the dialog, at its field, with what was typed.
 */
export function AskGroupDialog({
  actionUrl,
  sectionKey,
  suggestionId,
  label,
  minLeadSeconds,
  onAsking,
}: {
  actionUrl: string;
  sectionKey: string;
  suggestionId: string;
  /** The trigger's accessible name: which suggestion it is about. */
  label: string;
  minLeadSeconds: number;
  /** The form was sent (true) or the dialog closed without it (false): the card moves the focus on. */
  onAsking: (asking: boolean) => void;
}) {
  const tr = useT();
  const locale = useLocale();
  const viewer = useViewer();
  const fetcher = useFetcher<AskResult>();
  const [open, setOpen] = useState(false);
  // Computed when the dialog opens (not at render), so a page left open proposes 48 hours from now.
  const [bounds, setBounds] = useState({ suggested: "", min: "", max: "" });
  const deadline = useRef<HTMLInputElement>(null);
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  const values = failed?.values ?? {};
  const deadlineError =
    failed && (failed.fieldErrors?.deadline || failed.error?.startsWith("askGroup.deadline"))
      ? failed.error
      : undefined;
  const noteError = failed?.fieldErrors?.note;
  const otherError = failed && !deadlineError && !noteError ? failed.error : undefined;
  const busy = fetcher.state !== "idle";

  function openDialog(next: boolean) {
    if (next) {
      const now = Date.now();
      const wall = (ms: number) => toZonedWallTime(new Date(ms), viewer.timeZone);
      setBounds({
        suggested: wall(defaultSuggestionDeadline(new Date(now)).getTime()),
        min: wall(now + minLeadSeconds * 1000 + 60_000),
        max: wall(now + SUGGESTION_VOTE_MAX_DAYS * 24 * 3600_000),
      });
    } else onAsking(false);
    setOpen(next);
  }

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setOpen(false);
  }, [fetcher.state, fetcher.data]);

  return (
    <Dialog.Root open={open} onOpenChange={openDialog}>
      <Dialog.Trigger className="secondary small" aria-label={label}>
        {tr("askGroup.open")}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog"
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            deadline.current?.focus();
          }}
        >
          <Dialog.Title>{tr("askGroup.title")}</Dialog.Title>
          <Dialog.Description className="muted">{tr("askGroup.help")}</Dialog.Description>
          <fetcher.Form method="post" action={actionUrl} className="stack" onSubmit={() => onAsking(true)}>
            <input type="hidden" name="intent" value="askGroup" />
            <input type="hidden" name="sectionKey" value={sectionKey} />
            <input type="hidden" name="suggestionId" value={suggestionId} />
            <input type="hidden" name="timeZone" value={viewer.timeZone} />
            <div className="field">
              <label htmlFor={`ask-deadline-${suggestionId}`}>{tr("askGroup.deadline")}</label>
              <input
                ref={deadline}
                id={`ask-deadline-${suggestionId}`}
                name="deadline"
                type="datetime-local"
                required
                min={bounds.min || undefined}
                max={bounds.max || undefined}
                defaultValue={values.deadline ?? bounds.suggested}
                aria-invalid={deadlineError ? true : undefined}
                aria-describedby={`ask-deadline-help-${suggestionId}${deadlineError ? ` ask-deadline-error-${suggestionId}` : ""}`}
              />
              <p id={`ask-deadline-help-${suggestionId}`} className="muted small">
                {tr("askGroup.deadlineHelp", {
                  zone: timeZoneLabel(viewer.timeZone),
                  minutes: Math.ceil(minLeadSeconds / 60),
                  days: SUGGESTION_VOTE_MAX_DAYS,
                })}
              </p>
              {deadlineError ? (
                <p id={`ask-deadline-error-${suggestionId}`} role="alert" className="error field-error">
                  {t(locale, deadlineError, failed?.params)}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={`ask-note-${suggestionId}`}>{tr("askGroup.note")}</label>
              <textarea
                id={`ask-note-${suggestionId}`}
                name="note"
                rows={3}
                maxLength={SUGGESTION_VOTE_NOTE_MAX}
                defaultValue={values.note ?? ""}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={`ask-note-help-${suggestionId}`}
              />
              <p id={`ask-note-help-${suggestionId}`} className="muted small">
                {noteError ? t(locale, noteError) : tr("askGroup.noteHelp")}
              </p>
            </div>
            {otherError ? (
              <p role="alert" className="error">
                {t(locale, otherError, failed?.params)}
              </p>
            ) : null}
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {tr("askGroup.keep")}
                </button>
              </Dialog.Close>
              <button type="submit" disabled={busy}>
                {tr("askGroup.submit")}
              </button>
            </div>
          </fetcher.Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
