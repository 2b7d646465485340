import { randomBytes } from "node:crypto";
import type { PaperEvent } from "../../app/modules/papers/paper-events";
import type { AccessChange } from "../../app/modules/auth/access-events";
import { log } from "../log";

// Redis pub/sub between processes. One channel per paper for document and awareness updates and
// for the processes holding that paper to compare notes (peer-sync.ts), subscribed only while this
// process has clients on that paper; one channel for page events (status, comments, votes) that
// every process listens to. Every frame carries the sending process's id so a process ignores its
// own messages; a frame for one process only also carries the recipient's id. Updates are persisted
// by the process that received them from a client; the others relay them to their own clients.
// Redis pub/sub delivers at most once: what it drops, peer-sync.ts finds and recovers.

export const PROCESS_ID = randomBytes(8);
const EVENTS_CHANNEL = "acuerdo:events";
const ACCESS_CHANNEL = "acuerdo:access";
const DOC_CHANNEL_PREFIX = "acuerdo:doc:";
const docChannel = (paperId: string) => `${DOC_CHANNEL_PREFIX}${paperId}`;
/** A failed subscription is tried again after this, then twice as long each time up to the maximum. */
const FIRST_RESUBSCRIBE_DELAY_MS = 250;
const MAX_RESUBSCRIBE_DELAY_MS = 4000;

export const FRAME_UPDATE = 0;
export const FRAME_AWARENESS = 1;
/** A process's state vector and a digest of its deletions (peer-sync.ts). */
export const FRAME_STATE = 2;
/** "Send me what this state vector lacks" (a sync step 1 between processes). */
export const FRAME_SYNC_REQUEST = 3;
/** The answer to one process's request: the update its state vector lacked (a sync step 2). */
export const FRAME_SYNC_ANSWER = 4;
/** This process no longer holds the paper; everything it accepted is written. */
export const FRAME_BYE = 5;
/** Set on the kind byte of a frame addressed to one process: the recipient's id follows. */
const ADDRESSED = 0x80;

/** `from`: the sending process's id (hex). */
export type DocFrameHandler = (kind: number, payload: Uint8Array, from: string) => void;

export interface Fanout {
  subscribeDoc(paperId: string, handler: DocFrameHandler): Promise<void>;
  unsubscribeDoc(paperId: string): Promise<void>;
  /** To every process holding the paper, or only to the process `to` (an id as handlers receive it). */
  publishDoc(paperId: string, kind: number, payload: Uint8Array, to?: string): void;
  publishEvent(event: PaperEvent): void;
  onEvent(handler: (event: PaperEvent) => void): void;
  publishAccess(change: AccessChange): void;
  onAccess(handler: (change: AccessChange) => void): void;
  /** Called after Redis came back from an outage: messages may have been missed meanwhile. */
  onReconnect(handler: () => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

function encodeFrame(kind: number, payload: Uint8Array, to?: string): Buffer {
  if (to === undefined) return Buffer.concat([PROCESS_ID, Buffer.from([kind]), payload]);
  return Buffer.concat([PROCESS_ID, Buffer.from([kind | ADDRESSED]), Buffer.from(to, "hex"), payload]);
}

/**
 * ioredis loads here, when REDIS_URL is set, not with the module: a single process without Redis never
 * needs it (about 2 MB of heap; issue 19, idle memory).
 */
export async function createRedisFanout(url: string): Promise<Fanout> {
  const { Redis } = await import("ioredis");
  const options = {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
  const pub = new Redis(url, { ...options, lazyConnect: false });
  const sub = new Redis(url, { ...options, enableOfflineQueue: true });
  const docHandlers = new Map<string, DocFrameHandler>();
  const eventHandlers: ((event: PaperEvent) => void)[] = [];
  const accessHandlers: ((change: AccessChange) => void)[] = [];
  const reconnectHandlers: (() => void)[] = [];
  let readyOnce = false;

  for (const [name, client] of [
    ["publisher", pub],
    ["subscriber", sub],
  ] as const) {
    client.on("error", (error: Error) =>
      log.warn({ err: error.message, client: name }, "redis connection problem"),
    );
  }
  sub.on("ready", () => {
    if (!readyOnce) {
      readyOnce = true;
      return;
    }
    // ioredis resubscribes by itself; what was published during the outage must be caught up.
    log.info("redis reconnected; catching up live documents from the other processes and the database");
    // ioredis resubscribes right after this event; a ping on the same connection answers after that,
    // so requests sent then get their answers on live subscriptions.
    void sub
      .ping()
      .catch(() => undefined)
      .then(() => {
        for (const handler of reconnectHandlers) handler();
      });
  });
  /**
   * A subscription that failed is tried again until it holds, and then every live document catches up
   * on what it missed meanwhile. ioredis renews, after a reconnection, only the subscriptions it made; a
   * process started while Redis was restarting saw its first subscriptions refused ("Connection in
   * subscriber mode, only subscriber commands may be used") and its papers never heard the other
   * processes again (the multiprocess convergence test, seed 750077523, failed so in CI).
   */
  const resubscribe = (channels: string[], delayMs: number) => {
    setTimeout(() => {
      const wanted = channels.filter(
        (channel) =>
          channel === EVENTS_CHANNEL ||
          channel === ACCESS_CHANNEL ||
          docHandlers.has(channel.slice(DOC_CHANNEL_PREFIX.length)),
      );
      if (wanted.length === 0) return;
      sub.subscribe(...wanted).then(
        () => {
          log.info({ channels: wanted.length }, "subscribed after a failure; catching up live documents");
          for (const handler of reconnectHandlers) handler();
        },
        (error: Error) => {
          log.warn({ err: error.message }, "redis subscription failed again; trying again");
          resubscribe(wanted, Math.min(delayMs * 2, MAX_RESUBSCRIBE_DELAY_MS));
        },
      );
    }, delayMs).unref();
  };
  sub.subscribe(EVENTS_CHANNEL, ACCESS_CHANNEL).catch((error: Error) => {
    log.warn({ err: error.message }, "could not subscribe to page events; trying again");
    resubscribe([EVENTS_CHANNEL, ACCESS_CHANNEL], FIRST_RESUBSCRIBE_DELAY_MS);
  });

  sub.on("messageBuffer", (channelBuffer: Buffer, message: Buffer) => {
    if (message.length < PROCESS_ID.length + 1 || message.subarray(0, PROCESS_ID.length).equals(PROCESS_ID))
      return;
    const channel = channelBuffer.toString();
    let kind = message[PROCESS_ID.length];
    let payload = message.subarray(PROCESS_ID.length + 1);
    if (kind & ADDRESSED) {
      if (!payload.subarray(0, PROCESS_ID.length).equals(PROCESS_ID)) return;
      kind &= ~ADDRESSED;
      payload = payload.subarray(PROCESS_ID.length);
    }
    if (channel === EVENTS_CHANNEL || channel === ACCESS_CHANNEL) {
      try {
        const event: unknown = JSON.parse(payload.toString("utf8"));
        if (channel === ACCESS_CHANNEL) for (const handler of accessHandlers) handler(event as AccessChange);
        else for (const handler of eventHandlers) handler(event as PaperEvent);
      } catch (error) {
        log.warn({ err: (error as Error).message }, "ignoring a malformed page event from redis");
      }
      return;
    }
    const paperId = channel.slice(DOC_CHANNEL_PREFIX.length);
    const from = message.subarray(0, PROCESS_ID.length).toString("hex");
    docHandlers.get(paperId)?.(
      kind,
      new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength),
      from,
    );
  });

  // Heartbeats publish every second per live paper: an outage is logged once, not once per frame.
  let publishFailing = false;
  const publish = (channel: string, frame: Buffer) => {
    pub.publish(channel, frame).then(
      () => {
        publishFailing = false;
      },
      (error: Error) => {
        if (publishFailing) return;
        publishFailing = true;
        log.warn(
          { err: error.message, channel },
          "redis publish failed; peers catch up when it is back (further failures not logged)",
        );
      },
    );
  };

  return {
    async subscribeDoc(paperId, handler) {
      docHandlers.set(paperId, handler);
      try {
        await sub.subscribe(docChannel(paperId));
      } catch (error) {
        log.warn({ err: (error as Error).message, paperId }, "could not subscribe to a paper; trying again");
        resubscribe([docChannel(paperId)], FIRST_RESUBSCRIBE_DELAY_MS);
        throw error;
      }
    },
    async unsubscribeDoc(paperId) {
      docHandlers.delete(paperId);
      await sub.unsubscribe(docChannel(paperId)).catch(() => undefined);
    },
    publishDoc(paperId, kind, payload, to) {
      publish(docChannel(paperId), encodeFrame(kind, payload, to));
    },
    publishEvent(event) {
      publish(EVENTS_CHANNEL, encodeFrame(0, Buffer.from(JSON.stringify(event), "utf8")));
    },
    onEvent(handler) {
      eventHandlers.push(handler);
    },
    publishAccess(change) {
      publish(ACCESS_CHANNEL, encodeFrame(0, Buffer.from(JSON.stringify(change), "utf8")));
    },
    onAccess(handler) {
      accessHandlers.push(handler);
    },
    onReconnect(handler) {
      reconnectHandlers.push(handler);
    },
    async ping() {
      try {
        return (
          (await Promise.race([
            pub.ping(),
            new Promise<string>((_, reject) => setTimeout(() => reject(new Error("timeout")), 1000).unref()),
          ])) === "PONG"
        );
      } catch {
        return false;
      }
    },
    close() {
      sub.disconnect();
      pub.disconnect();
      return Promise.resolve();
    },
  };
}
