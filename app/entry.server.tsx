import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { TickCoalescer } from "./http/tick-coalescer";
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

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.nonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Stops a render still streaming after ABORT_DELAY; cleared once everything is written (a timer left
    // behind would fire on the finished stream: an error built for nothing on every page).
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const respond = () => {
      shellRendered = true;
      // What the render writes in one turn leaves as one chunk, not as React's 2 KB pieces.
      const body = new TickCoalescer();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged once here; before it, Remix's error boundary handles them.
          if (shellRendered) log.error({ err: error }, "rendering failed after the first byte");
        },
      },
    );
  });
}
