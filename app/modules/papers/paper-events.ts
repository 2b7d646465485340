import { EventEmitter } from "node:events";
import type { DraftingMode, PaperStatus } from "~/modules/policy/policy";

// Events a paper page listens to (server-sent events). With several processes, a relay (Redis,
// registered by the server) carries each event to the other processes, which emit it locally.
export type PaperEvent =
  | { type: "status"; paperId: string; status: PaperStatus }
  | { type: "drafting"; paperId: string; mode: DraftingMode }
  | {
      type: "suggestion";
      paperId: string;
      suggestionId: string;
      change: "accepted" | "rejected" | "withdrawn";
    }
  | { type: "version"; paperId: string; number: number; label: string }
  | { type: "thread"; paperId: string; threadId: string; change: "created" | "resolved" | "reopened" }
  | {
      type: "comment";
      paperId: string;
      threadId: string;
      commentId: string;
      change: "created" | "edited" | "deleted";
    }
  | { type: "vote"; paperId: string; voteId: string; action: "opened" | "stance" | "closed" | "cancelled" }
  | { type: "translation"; paperId: string; sectionKey: string };

type Listener = (event: PaperEvent) => void;

const registry = globalThis as typeof globalThis & {
  __acuerdoPaperEvents?: EventEmitter;
  __acuerdoPaperEventRelay?: (event: PaperEvent) => void;
};

function emitter(): EventEmitter {
  if (!registry.__acuerdoPaperEvents) {
    registry.__acuerdoPaperEvents = new EventEmitter();
    registry.__acuerdoPaperEvents.setMaxListeners(0);
  }
  return registry.__acuerdoPaperEvents;
}

export function publishPaperEvent(event: PaperEvent): void {
  emitter().emit(event.paperId, event);
  registry.__acuerdoPaperEventRelay?.(event);
}

/** An event that came from another process: shown to this process's pages, not relayed again. */
export function emitRelayedPaperEvent(event: PaperEvent): void {
  emitter().emit(event.paperId, event);
}

export function setPaperEventRelay(relay: ((event: PaperEvent) => void) | undefined): void {
  registry.__acuerdoPaperEventRelay = relay;
}

export function subscribePaperEvents(paperId: string, listener: Listener): () => void {
  emitter().on(paperId, listener);
  return () => emitter().off(paperId, listener);
}
