import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { settledResult } from "~/components/settled-result";
import * as Dialog from "@radix-ui/react-dialog";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { bulkChoices, bulkCount, type BulkCandidate } from "~/modules/suggestions/bulk-choices";

interface BulkResult {
  ok: boolean;
  intent?: string;
  count?: number;
  error?: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * "Accept or reject several…": the penholder picks a section and/or an author, sees how many suggestions
 * that is, and accepts or rejects them in one step (one Yjs update per section, audited one by one).
 * What a silence procedure is deciding is left out, here and on the server.
 */
export function BulkDecisionDialog({
  actionUrl,
  pending,
  beforeTheGroup,
  sectionTitle,
}: {
  actionUrl: string;
  pending: BulkCandidate[];
  /** `<section>:<id>` of the suggestions under a silence procedure. */
  beforeTheGroup: ReadonlySet<string>;
  sectionTitle: (key: string) => string;
}) {
  const tr = useT();
  const locale = useLocale();
  const fetcher = useFetcher<BulkResult>();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState({ sectionKey: "", authorId: "" });
  const choices = bulkChoices(pending, beforeTheGroup);
  const count = bulkCount(pending, beforeTheGroup, choice);
  const busy = fetcher.state !== "idle";
  const result = settledResult(fetcher.state, fetcher.data);
  const done = result?.ok ? result : null;
  const failed = result && !result.ok ? result : null;

  // After a decision the choice starts again from "everything" (the sections and authors have changed).
  useEffect(() => {
    if (done) setChoice({ sectionKey: "", authorId: "" });
  }, [done]);

  // Offered while something is pending; kept while the dialog is open, so it can say what it did.
  if (choices.sections.length === 0 && !open) return null;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="secondary small">{tr("suggestions.bulk.open")}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{tr("suggestions.bulk.title")}</Dialog.Title>
          <Dialog.Description className="muted">{tr("suggestions.bulk.help")}</Dialog.Description>
          <fetcher.Form method="post" action={actionUrl} className="stack">
            <div className="field">
              <label htmlFor="bulk-section">{tr("suggestions.bulk.section")}</label>
              <select
                id="bulk-section"
                name="sectionKey"
                value={choice.sectionKey}
                onChange={(event) => setChoice((c) => ({ ...c, sectionKey: event.target.value }))}
              >
                <option value="">{tr("suggestions.bulk.everySection")}</option>
                {choices.sections.map((s) => (
                  <option key={s.key} value={s.key}>
                    {sectionTitle(s.key)} ({s.count})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="bulk-author">{tr("suggestions.bulk.author")}</label>
              <select
                id="bulk-author"
                name="authorId"
                value={choice.authorId}
                onChange={(event) => setChoice((c) => ({ ...c, authorId: event.target.value }))}
              >
                <option value="">{tr("suggestions.bulk.everyone")}</option>
                {choices.authors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.delegation ? `${a.name} (${a.delegation})` : a.name} ({a.count})
                  </option>
                ))}
              </select>
            </div>
            <p aria-live="polite" className="bulk-count">
              {tr("suggestions.bulk.count", { count })}
            </p>
            <div aria-live="polite">
              {done ? (
                <p role="status" className="success">
                  {tr(
                    done.intent === "acceptAll" ? "suggestions.bulk.accepted" : "suggestions.bulk.rejected",
                    {
                      count: done.count ?? 0,
                    },
                  )}
                </p>
              ) : null}
              {failed?.error ? (
                <p role="alert" className="error">
                  {t(locale, failed.error, failed.params)}
                </p>
              ) : null}
            </div>
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {tr("suggestions.bulk.close")}
                </button>
              </Dialog.Close>
              <button
                type="submit"
                name="intent"
                value="rejectAll"
                className="secondary"
                disabled={busy || count === 0}
              >
                {tr("suggestions.bulk.reject", { count })}
              </button>
              <button type="submit" name="intent" value="acceptAll" disabled={busy || count === 0}>
                {tr("suggestions.bulk.accept", { count })}
              </button>
            </div>
          </fetcher.Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
