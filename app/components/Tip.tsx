import { useEffect, useState, type ReactElement, type ReactNode } from "react";
import type * as TooltipModule from "@radix-ui/react-tooltip";

type Tooltips = typeof TooltipModule;

let loaded: Tooltips | null = null;
let loading: Promise<Tooltips> | null = null;

/**
 * Radix's tooltips, loaded after the first render: a hint on hover or focus is never needed before then,
 * and what carries one here (the editor's toolbar, the avatars of who is on the page) is disabled or absent
 * until the editor's code has arrived anyway. Until they load, the children render alone (their own
 * accessible names stay the same).
 */
function useTooltips(): Tooltips | null {
  const [tooltips, setTooltips] = useState<Tooltips | null>(loaded);
  useEffect(() => {
    if (tooltips) return;
    let current = true;
    loading ??= import("@radix-ui/react-tooltip").then((module) => (loaded = module));
    loading.then(
      (module) => current && setTooltips(module),
      () => {
        loading = null;
      },
    );
    return () => {
      current = false;
    };
  }, [tooltips]);
  return tooltips;
}

/** The tooltips below share one delay (moving from one to the next shows it at once). */
export function Tips({ delay, children }: { delay: number; children: ReactNode }) {
  const Tooltip = useTooltips();
  return Tooltip ? <Tooltip.Provider delayDuration={delay}>{children}</Tooltip.Provider> : children;
}

/** A tooltip below its one child (a button or other focusable element), inside <Tips>. */
export function Tip({ label, children }: { label: ReactNode; children: ReactElement }) {
  const Tooltip = useTooltips();
  if (!Tooltip) return children;
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" side="bottom" sideOffset={4}>
          {label}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
