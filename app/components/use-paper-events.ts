import { useEffect, useRef } from "react";
import type { PaperEvent } from "~/modules/papers/paper-events";

/** Listens to the paper's server-sent events while the page is open (reconnects by itself). */
export function usePaperEvents(url: string, onEvent: (event: PaperEvent) => void): void {
  // The latest handler, so it sees the latest loader data without reconnecting on every render.
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const source = new EventSource(url);
    const handle = (message: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(message.data) as PaperEvent);
      } catch {
        // A frame we do not understand is ignored; the next revalidation shows the truth.
      }
    };
    source.addEventListener("status", handle);
    source.addEventListener("version", handle);
    source.addEventListener("thread", handle);
    source.addEventListener("comment", handle);
    source.addEventListener("vote", handle);
    source.addEventListener("translation", handle);
    return () => source.close();
  }, [url]);
}
