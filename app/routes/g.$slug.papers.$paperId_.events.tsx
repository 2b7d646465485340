import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { getPaper } from "~/modules/papers/papers.server";
import { subscribePaperEvents } from "~/modules/papers/paper-events";
import { concernsSession, watchAccessChanges } from "~/modules/auth/access-events";
import { getUserFromCookieHeader } from "~/http/sessions.server";

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for an open paper page: status changes and saved versions (comments and votes
 * later). Text edits travel over the collaboration WebSocket; these are the page's other live facts.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, user } = await requireGroupAccess(request, params);
  const paper = await getPaper(group.id, params.paperId ?? "");
  if (!paper) throw notFound();
  const session = await getUserFromCookieHeader(request.headers.get("Cookie"));
  if (session?.user.id !== user.id) throw notFound();
  const who = { userId: user.id, sessionId: session.sessionId, groupId: group.id };

  const encoder = new TextEncoder();
  let cleanup = (): void => undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ status: paper.status })}\n\n`);
      const unsubscribe = subscribePaperEvents(paper.id, (event) =>
        send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      );
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      // Signed out, removed, or given another role: the stream ends at once (on every process, through
      // the same relay as the sockets). The browser reconnects, and this loader decides afresh.
      const unwatch = watchAccessChanges((change) => {
        if (!concernsSession(change, who)) return;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
