import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a phone instead of widening the page. The scrolling box can
 * take focus (so keyboard users can scroll it) and is a named region (so screen readers announce it).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
