import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * With single fetch, RemixBrowser's first render suspends (it throws the promise of the page's data,
 * decoded from the HTML) and React retries it when that settles. A key pressed or a click in between
 * makes React hydrate the root synchronously, and a synchronous render that suspends outside any
 * Suspense boundary ends in React 18.3's "Root did not complete" (#345): a keyboard user tabbing as
 * the page loads got an error (the word-import browser test, about one run in six). The decoding is
 * started and awaited here, before hydration, so the first render does not suspend. Calling the
 * component outside React is safe up to that throw, which comes before its first hook; whatever else
 * it throws, the render meets again and handles as usual.
 */
async function pageDataDecoded(): Promise<void> {
  try {
    (RemixBrowser as (props: object) => unknown)({});
  } catch (thrown) {
    if (thrown instanceof Promise) await thrown;
  }
}

function hydrate(): void {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

void pageDataDecoded().then(hydrate, hydrate);
