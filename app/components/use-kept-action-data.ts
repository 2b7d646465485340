import { useEffect, useState } from "react";
import { useActionData, useLocation, useNavigation } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";

/**
 * The page's last action answer ("Your stance is recorded.", a refusal at its field), kept while the
 * person stays on the page. The router forgets its action data whenever loaders run again other than
 * right after the action, so a live event's revalidation (another delegate's stance, a new comment)
 * would erase the answer a moment after it appeared. It is kept for the same location only, and not
 * while a new submission is under way.
 */
export function useKeptActionData<Action>(): SerializeFrom<Action> | undefined {
  type T = SerializeFrom<Action>;
  const fresh = useActionData<Action>();
  const location = useLocation();
  const navigation = useNavigation();
  const [kept, setKept] = useState<{ data: T; key: string } | null>(null);
  useEffect(() => {
    if (fresh !== undefined) setKept({ data: fresh, key: location.key });
  }, [fresh, location.key]);
  if (fresh !== undefined) return fresh;
  if (kept?.key === location.key && navigation.state !== "submitting") return kept.data;
  return undefined;
}
