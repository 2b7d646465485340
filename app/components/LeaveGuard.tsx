import { useEffect, useRef } from "react";
import { useBlocker } from "@remix-run/react";
import * as Dialog from "@radix-ui/react-dialog";

/** Whether leaving for `next` leaves the page at `current` (a query or hash change stays on it). */
export function leavesPage(current: { pathname: string }, next: { pathname: string }): boolean {
  return current.pathname !== next.pathname;
}

/**
 * While `active` (work on this page that leaving would lose), leaving asks first: a link inside the
 * app opens a dialog whose default ("stay", focused: what Enter does) keeps the page, and closing or
 * reloading the tab gets the browser's own "Leave site?" question. A submission to the page itself is
 * not leaving. When the work stops being at risk while the question is open, the person goes on.
 * One per page: the router holds one blocker at a time.
 */
export function LeaveGuard({
  active,
  title,
  body,
  stay,
  leave,
}: {
  active: boolean;
  title: string;
  body: string;
  stay: string;
  leave: string;
}) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => active && leavesPage(currentLocation, nextLocation),
  );
  useEffect(() => {
    if (blocker.state === "blocked" && !active) blocker.proceed();
  }, [blocker, active]);

  const stayButton = useRef<HTMLButtonElement>(null);
  return (
    <Dialog.Root
      open={blocker.state === "blocked"}
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
            event.preventDefault();
            stayButton.current?.focus();
          }}
        >
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description>{body}</Dialog.Description>
          <div className="dialog-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (blocker.state === "blocked") blocker.proceed();
              }}
            >
              {leave}
            </button>
            <Dialog.Close asChild>
              <button type="button" ref={stayButton}>
                {stay}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
