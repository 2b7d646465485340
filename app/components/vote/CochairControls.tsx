import { useEffect, useRef, useState } from "react";
import { Form } from "@remix-run/react";
import * as Dialog from "@radix-ui/react-dialog";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

/**
 * The co-chair's controls in their own region: closing now is a secondary action (it asks first);
 * cancelling needs a reason and happens in a confirmation dialog.
 */
export function CochairControls({
  busy,
  failed,
  cancelled,
}: {
  busy: boolean;
  failed: {
    error: MessageKey;
    params?: Record<string, string | number>;
    values?: Record<string, string>;
  } | null;
  cancelled: boolean;
}) {
  const tr = useT();
  const locale = useLocale();
  const [cancelling, setCancelling] = useState(false);
  const reason = useRef<HTMLInputElement>(null);
  // A refused cancellation opens the dialog again, with the reason as typed and the field marked.
  useEffect(() => {
    if (failed) setCancelling(true);
  }, [failed]);
  useEffect(() => {
    if (cancelled) setCancelling(false);
  }, [cancelled]);
  return (
    <section className="cochair-controls" aria-labelledby="cochair-heading">
      <h2 id="cochair-heading">{tr("vote.cochair")}</h2>
      <p className="muted small">{tr("vote.cochair.help")}</p>
      <div className="cochair-actions">
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(tr("votes.closeConfirm"))) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="secondary" disabled={busy}>
            {tr("votes.closeNow")}
          </button>
        </Form>
        <Dialog.Root open={cancelling} onOpenChange={setCancelling}>
          <Dialog.Trigger className="link-button danger-link">{tr("vote.cancel.open")}</Dialog.Trigger>
          <Dialog.Portal>
            <Dialog.Overlay className="dialog-overlay" />
            <Dialog.Content
              className="dialog"
              onOpenAutoFocus={(event) => {
                event.preventDefault();
                reason.current?.focus();
              }}
            >
              <Dialog.Title>{tr("vote.cancel.title")}</Dialog.Title>
              <Dialog.Description className="muted">{tr("vote.cancel.help")}</Dialog.Description>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="cancel" />
                <div className="field">
                  <label htmlFor="cancel-reason">{tr("votes.cancelReason")}</label>
                  <input
                    ref={reason}
                    id="cancel-reason"
                    name="reason"
                    maxLength={1000}
                    required
                    defaultValue={failed?.values?.reason ?? ""}
                    aria-invalid={failed ? true : undefined}
                    aria-describedby={failed ? "cancel-reason-error" : undefined}
                  />
                  {failed ? (
                    <p id="cancel-reason-error" role="alert" className="error field-error">
                      {t(locale, failed.error, failed.params)}
                    </p>
                  ) : null}
                </div>
                <div className="dialog-actions">
                  <Dialog.Close asChild>
                    <button type="button" className="secondary">
                      {tr("vote.cancel.keep")}
                    </button>
                  </Dialog.Close>
                  <button type="submit" className="danger" disabled={busy}>
                    {tr("votes.cancel")}
                  </button>
                </div>
              </Form>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
      </div>
    </section>
  );
}
