import { useEffect, useRef } from "react";
import { useBlocker } from "@remix-run/react";
import * as Dialog from "@radix-ui/react-dialog";
import type { MessageKey } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";

/** Whether leaving for `next` leaves the page at `current` (a query or hash change stays on it). */
export function leavesPage(current: { pathname: string }, next: { pathname: string }): boolean {
  return current.pathname !== next.pathname;
}

/** What the question says: how many edits wait, and whether waiting can still deliver them. */
export function leaveQuestion(
  pendingEdits: number,
  closed: boolean,
): { key: MessageKey; params?: Record<string, number> } {
  if (closed) return { key: "editor.leave.bodyClosed", params: { count: pendingEdits } };
  if (pendingEdits === 1) return { key: "editor.leave.bodyOne" };
  return { key: "editor.leave.body", params: { count: pendingEdits } };
}

/**
 * Edits typed while the connection is down live only in this tab until it comes back. Leaving the
 * paper then would drop them without a word: a link inside the app asks first (a dialog, "Stay" is the
 * default), and closing or reloading the tab gets the browser's own "Leave site?" question. Once the
 * edits are delivered, nothing is asked, and a question still open lets the person go.
 */
export function UndeliveredEditsGuard({
  pendingEdits,
  closed = false,
}: {
  pendingEdits: number;
  /** The server closed the connection for good: the edits will not go out by waiting. */
  closed?: boolean;
}) {
  const tr = useT();
  const guarding = pendingEdits > 0;

  useEffect(() => {
    if (!guarding) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [guarding]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => guarding && leavesPage(currentLocation, nextLocation),
  );
  // The connection came back while the question was open: the edits are delivered, nothing to lose.
  useEffect(() => {
    if (blocker.state === "blocked" && !guarding) blocker.proceed();
  }, [blocker, guarding]);

  const stay = useRef<HTMLButtonElement>(null);
  const question = leaveQuestion(pendingEdits, closed);
  const blocked = blocker.state === "blocked";
  return (
    <Dialog.Root
      open={blocked}
      onOpenChange={(open) => {
        if (!open && blocker.state === "blocked") blocker.reset();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog"
          role="alertdialog"
          onOpenAutoFocus={(event) => {
            // Staying keeps the edits: it is what Enter does.
            event.preventDefault();
            stay.current?.focus();
          }}
        >
          <Dialog.Title>{tr("editor.leave.title")}</Dialog.Title>
          <Dialog.Description>{tr(question.key, question.params)}</Dialog.Description>
          <div className="dialog-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (blocker.state === "blocked") blocker.proceed();
              }}
            >
              {tr("editor.leave.go")}
            </button>
            <Dialog.Close asChild>
              <button type="button" ref={stay}>
                {tr("editor.leave.stay")}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
