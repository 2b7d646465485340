// Close codes and limits of the collaboration socket.
// The stock y-websocket client reconnects after every close except codes 4400-4499, so a socket closed
// for something the client will only do again (a bad frame, too much data, a flood, no access) gets a
// 44xx code: the client stops there instead of retrying the same thing forever. A close the client
// should recover from (the server restarting, a slow reader) uses a standard code it reconnects after.

export const CLOSE_BAD_MESSAGE = 4400;
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_TOO_LARGE = 4413;
export const CLOSE_RATE_LIMITED = 4429;
/** Standard "service restart": the client reconnects (to this process once it is back, or another). */
export const CLOSE_SERVICE_RESTART = 1012;
/** Standard "try again later": a reader too slow for what is sent to it reconnects and resyncs. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
export const CLOSE_INTERNAL_ERROR = 1011;

export interface CollabLimits {
  /** Largest frame; ws stops reading a larger one at this size (memory stays bounded). */
  maxFrameBytes: number;
  /** Bytes of updates a paper's live document may hold (stored state at load plus accepted updates). */
  maxPaperBytes: number;
  /** Sustained messages per second per socket, and the burst allowed above that. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Messages received while the document loads, waiting in memory. */
  maxQueuedMessages: number;
  /** Bytes waiting to be sent to one socket before it is closed as too slow. */
  maxBufferedBytes: number;
  /** One awareness update (a caret and a name are well under 1 KiB). */
  maxAwarenessBytes: number;
  /** How long a paper loaded while its upgrade was decided is kept if no connection joins it. */
  preloadGraceMs: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxFrameBytes: 2 * 1024 * 1024,
  maxPaperBytes: 32 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 600,
  maxQueuedMessages: 256,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  preloadGraceMs: 10_000,
};

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class MessageBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one message from the budget; false when it is spent. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
