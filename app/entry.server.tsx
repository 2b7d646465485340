import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { PageBuffer } from "./http/page-buffer";
import { log } from "./log.server";
import { NonceProvider } from "./nonce";

const ABORT_DELAY = 5_000;

/**
 * Every error Remix meets goes to the JSON log (Remix's default writes a plain-text stack to stderr). A
 * client's mistake (an unknown URL such as a browser's /favicon.ico, a POST where there is no action: any
 * 4xx) is not a fault of the server: one info line, no stack. A request the browser abandoned is not logged.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const path = new URL(request.url).pathname;
  if (isRouteErrorResponse(error) && error.status >= 400 && error.status < 500) {
    log.info({ path, status: error.status }, error.status === 404 ? "no such page" : "refused request");
    return;
  }
  log.error({ err: error, path }, "request failed");
};

/**
 * A page leaves the server whole, with its length: React renders it into memory and the response is one
 * buffer, so headers and body go out in one socket write (a streamed page took three: the shell, the
 * data React streams a turn later, and the chunked encoding's end). No route defers data, so waiting for
 * everything costs a page nothing; a route that ever defers slow data should stream again (respond at
 * onShellReady, as Remix's template does).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.nonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Stops a render still waiting after ABORT_DELAY (what is pending is then rendered in the browser);
    // cleared once everything is ready (a timer left behind would fire on the finished render).
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          clearTimeout(timer);
          const page = new PageBuffer();
          page.on("finish", () => {
            const body = page.contents();
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            responseHeaders.set("Content-Length", String(body.byteLength));
            resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
          });
          page.on("error", reject);
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors in the shell reach Remix's error boundary; the others (a boundary that failed, and is
          // rendered in the browser instead) are logged here.
          if (shellRendered) log.error({ err: error }, "rendering part of a page failed");
        },
      },
    );
  });
}
