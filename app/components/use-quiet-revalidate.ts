import { useCallback, useEffect, useState } from "react";
import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";

/**
 * Revalidation asked for by live events (another person's comment, a status change, a decided
 * suggestion), run once the page is quiet: after any navigation, form submission or fetcher on this page
 * has settled, and coalesced when several events arrive together. Back-to-back revalidations make the
 * router abort the earlier one, and an aborted loader request surfaces in the browser as an uncaught
 * "signal is aborted without reason"; the page's own submissions revalidate by themselves anyway.
 */
export function useQuietRevalidate(): () => void {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const [wanted, setWanted] = useState(false);
  const busy = state !== "idle" || navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    if (!wanted || busy) return;
    const timer = setTimeout(() => {
      setWanted(false);
      void revalidate();
    }, 50);
    return () => clearTimeout(timer);
  }, [wanted, busy, revalidate]);
  return useCallback(() => setWanted(true), []);
}
