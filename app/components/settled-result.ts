/** A navigation's or a fetcher's state, as Remix reports it. */
type LoadState = "idle" | "submitting" | "loading";

/**
 * An action's result once the page's data has caught up with it: nothing while the submission, or the
 * reload of the page's data that follows it, is under way. Remix hands out the result as that reload
 * starts; a "saved" shown then invites a click on a link, which cuts the reload off mid-response, and
 * Remix logs the cut-off response as an error ("signal is aborted without reason"). Pass
 * `useNavigation().state` with `useActionData()`, or a fetcher's `state` with its `data`.
 */
export function settledResult<T>(state: LoadState, result: T | undefined): T | undefined {
  return state === "idle" ? result : undefined;
}
