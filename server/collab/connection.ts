import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import type { PaperStatus } from "../../app/modules/policy/policy";
import { SchemaViolation } from "../../app/modules/documents/document-schema";
import { presenceCursor } from "../../app/modules/documents/presence";
import { log } from "../log";
import type { SuggestionAuthor } from "../../app/modules/suggestions/suggestion-check";
import type { CollabIdentity } from "./auth";
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_INTERNAL_ERROR,
  CLOSE_RATE_LIMITED,
  CLOSE_TOO_LARGE,
  CLOSE_TRY_AGAIN_LATER,
  DEFAULT_LIMITS,
  MessageBudget,
  type CollabLimits,
} from "./limits";
import {
  ProtocolError,
  decodeAwarenessUpdate,
  encodeAwarenessMessage,
  encodeAwarenessUpdate,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  parseClientMessage,
  type ClientMessage,
} from "./protocol";
import { TurnCork, underlyingSocket } from "./turn-cork";

const SLOW_FRAME_MS = 50;
/** Awareness client ids remembered per live paper with the user who used them (oldest forgotten first). */
const MAX_REMEMBERED_OWNERS = 10_000;

/** What a connection needs of its paper's live document (LiveDoc; a stand-in in unit tests). */
export interface LiveDocView {
  readonly paperId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections: Set<Connection>;
  readonly ready: Promise<void>;
  readonly status: PaperStatus;
  /** What a client whose state vector is `stateVector` lacks, as an update. */
  missingFor(stateVector: Uint8Array): Uint8Array;
  /** Bytes of updates the live document holds: its stored state at load plus every update accepted since. */
  bytes: number;
  /** Which user each awareness client id on this paper belongs to, while the paper is live. */
  readonly awarenessOwners: Map<number, { userId: string; clock: number }>;
  /**
   * Applies a client's update whole, or throws and changes nothing (GuardedDoc); with `fragments`, an
   * update that does not fit the document schema is refused too (a SchemaViolation).
   */
  applyClientUpdate(
    update: Uint8Array,
    origin: Connection,
    fragments?: ReadonlySet<string>,
    suggestOnly?: SuggestionAuthor | null,
  ): void;
}

/** Who a connection must suggest as (null: it edits directly), asked of the policy for each update. */
export type SuggestionRule = (identity: CollabIdentity, status: PaperStatus) => SuggestionAuthor | null;

/** The socket as a connection uses it (a ws WebSocket; a stand-in in unit tests). */
export type CollabSocket = Pick<
  WebSocket,
  "on" | "send" | "close" | "terminate" | "readyState" | "OPEN" | "bufferedAmount"
> & { binaryType: WebSocket["binaryType"] };

/** Why a connection is closed: the code tells the stock client whether to retry, the reason tells a person why. */
class Refusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** One WebSocket on one paper: checks, rewrites and applies what the client sends. */
export class Connection {
  readonly awarenessIds = new Set<number>();
  private writable: boolean;
  private toldReadOnly = false;
  private queue: Promise<void>;
  private queued = 0;
  private queuedBytes = 0;
  private closed = false;
  private closing = false;
  private greeted = false;
  /** Resolves when the socket is closed (after the close handshake, or when it was cut). */
  readonly ended: Promise<void>;
  private readonly budget: MessageBudget;
  private readonly cork: TurnCork;

  constructor(
    private readonly ws: CollabSocket,
    private readonly live: LiveDocView,
    public identity: CollabIdentity,
    private readonly canWrite: (identity: CollabIdentity, status: PaperStatus) => boolean,
    private readonly limits: CollabLimits = DEFAULT_LIMITS,
    private readonly mustSuggest: SuggestionRule = () => null,
  ) {
    this.writable = canWrite(identity, live.status);
    this.budget = new MessageBudget(limits.messagesPerSecond, limits.messageBurst);
    this.cork = new TurnCork(underlyingSocket(ws));
    ws.binaryType = "nodebuffer";
    // Messages that arrive while the document loads wait, in order, behind the load.
    // (A failed load is handled by the registry, which closes every connection of that document.)
    this.queue = live.ready.then(
      () => this.greet(),
      () => undefined,
    );
    ws.on("message", (data, isBinary) => this.receive(data as Buffer, isBinary));
    this.ended = new Promise((resolve) => {
      ws.on("close", () => {
        this.closed = true;
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private greet(): void {
    this.greeted = true;
    if (this.closed) return;
    this.send(encodeSyncStep1(this.live.doc));
    const states = [...this.live.awareness.getStates().keys()];
    if (states.length > 0)
      this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, states)));
    if (!this.writable) this.tellReadOnly();
  }

  /** Everything a client sends comes through here: counted, queued behind the load, then handled. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary)
      return this.refuse(new Refusal(CLOSE_BAD_MESSAGE, "text frames are not part of the protocol"));
    if (!this.budget.take())
      return this.refuse(new Refusal(CLOSE_RATE_LIMITED, "too many messages: slow down and reload"));
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.greeted && this.queued === 0) return this.handleFrame(frame);
    this.queued += 1;
    this.queuedBytes += data.byteLength;
    if (this.queued > this.limits.maxQueuedMessages)
      return this.refuse(new Refusal(CLOSE_RATE_LIMITED, "too many messages before the paper loaded"));
    if (this.queuedBytes > this.limits.maxFrameBytes * 4)
      return this.refuse(new Refusal(CLOSE_TOO_LARGE, "too much data before the paper loaded"));
    this.queue = this.queue.then(() => {
      this.queued -= 1;
      this.queuedBytes -= data.byteLength;
      this.handleFrame(frame);
    });
  }

  /** Parses and applies one frame; a bad one closes this socket only, with a code and a reason. */
  handleFrame(frame: Uint8Array): void {
    if (this.closed) return;
    const start = performance.now();
    try {
      this.handle(parseClientMessage(frame));
    } catch (error) {
      if (error instanceof Refusal) this.refuse(error);
      else if (error instanceof ProtocolError) this.refuse(new Refusal(CLOSE_BAD_MESSAGE, error.message));
      else if (error instanceof SchemaViolation)
        this.refuse(new Refusal(CLOSE_BAD_MESSAGE, `change refused, not saved: ${error.message}`));
      else
        this.refuse(
          new Refusal(CLOSE_BAD_MESSAGE, `update could not be applied: ${(error as Error).message}`),
        );
    }
    const took = performance.now() - start;
    // Every other paper of the process waits while one frame is handled: a slow one is worth knowing about.
    if (took > SLOW_FRAME_MS)
      log.warn(
        { paperId: this.live.paperId, bytes: frame.byteLength, type: frame[0], ms: Math.round(took) },
        "slow collaboration frame",
      );
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case "sync-step1":
        this.send(encodeSyncStep2(this.live.missingFor(message.stateVector)));
        return;
      case "sync-update":
        if (!this.writable) return this.tellReadOnly();
        if (this.live.bytes + message.update.byteLength > this.limits.maxPaperBytes) {
          throw new Refusal(
            CLOSE_TOO_LARGE,
            "the paper has reached its size limit; this change was not saved",
          );
        }
        this.live.applyClientUpdate(
          message.update,
          this,
          this.identity.fragments,
          this.mustSuggest(this.identity, this.live.status),
        );
        this.live.bytes += message.update.byteLength;
        return;
      case "awareness":
        if (message.update.byteLength > this.limits.maxAwarenessBytes)
          throw new Refusal(CLOSE_TOO_LARGE, "presence update too large");
        this.applyAwareness(message.update);
        return;
      case "query-awareness": {
        const states = [...this.live.awareness.getStates().keys()];
        this.send(
          encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, states)),
        );
        return;
      }
    }
  }

  /**
   * The server, not the client, says who a connection is. A connection speaks for one awareness client
   * id: the first it announces with a state, if that id is free (nobody's state, or one this user set,
   * and never used by another user on this paper). Entries for other ids are dropped without a word:
   * the stock client echoes every presence change it receives, so they arrive all the time. The `user`
   * field is replaced by the id, name, delegation and colour of the session; the cursor is kept only when
   * it is a pair of relative positions into this paper (presence.ts); every other field is dropped.
   */
  private applyAwareness(update: Uint8Array): void {
    const accepted = decodeAwarenessUpdate(update).filter((entry) =>
      this.speaksFor(entry.clientId, entry.state !== null),
    );
    if (accepted.length === 0) return;
    const user = {
      id: this.identity.actor.userId,
      name: this.identity.name,
      delegation: this.identity.delegation,
      color: this.identity.colour,
      colour: this.identity.colour,
    };
    // Built, not copied: the session's identity and a cursor that resolves into this paper, nothing else.
    const rewritten = accepted.map((entry) => {
      const cursor =
        entry.state === null
          ? undefined
          : presenceCursor(entry.state.cursor, this.live.doc, this.identity.fragments);
      return {
        ...entry,
        clock: this.clockFor(entry.clientId, entry.clock),
        state: entry.state === null ? null : cursor ? { user, cursor } : { user },
      };
    });
    awarenessProtocol.applyAwarenessUpdate(this.live.awareness, encodeAwarenessUpdate(rewritten), this);
  }

  /**
   * A client coming back announces itself with the clock it had; everyone else saw its departure with
   * a later one and would ignore it until its next renewal (up to 15 s without a caret). The server
   * carries the clock past the departure, and the client adopts it from the echo.
   */
  private clockFor(clientId: number, clock: number): number {
    if (this.live.awareness.meta.has(clientId)) return clock;
    const departed = this.live.awarenessOwners.get(clientId)?.clock ?? -1;
    return Math.max(clock, departed + 1);
  }

  private speaksFor(clientId: number, announcing: boolean): boolean {
    if (this.awarenessIds.size > 0) return this.awarenessIds.has(clientId);
    if (!announcing) return false;
    const userId = this.identity.actor.userId;
    const former = this.live.awarenessOwners.get(clientId);
    if (former !== undefined && former.userId !== userId) return false;
    const current = this.live.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
    if (current && current.user?.id !== userId) return false;
    for (const other of this.live.connections) {
      if (other === this || !other.awarenessIds.has(clientId)) continue;
      // The same person reconnecting before their old socket timed out takes their id back.
      if (other.identity.actor.userId !== userId) return false;
      other.awarenessIds.delete(clientId);
    }
    this.awarenessIds.add(clientId);
    this.live.awarenessOwners.delete(clientId);
    this.live.awarenessOwners.set(clientId, { userId, clock: former?.clock ?? -1 });
    if (this.live.awarenessOwners.size > MAX_REMEMBERED_OWNERS)
      this.live.awarenessOwners.delete(this.live.awarenessOwners.keys().next().value!);
    return true;
  }

  /** The user's membership changed while connected (e.g. made an observer): write access follows at once. */
  updateIdentity(identity: CollabIdentity): void {
    this.identity = identity;
    this.refreshPermission();
  }

  refreshPermission(): void {
    const writable = this.canWrite(this.identity, this.live.status);
    if (writable === this.writable) return;
    this.writable = writable;
    this.toldReadOnly = false;
    if (!writable) this.tellReadOnly();
  }

  private tellReadOnly(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied(`read-only: paper is ${this.live.status.toLowerCase()}`));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // A reader that does not keep up would hold ever more memory here; it reconnects and resyncs instead.
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes)
      return this.close(CLOSE_TRY_AGAIN_LATER, "too slow to keep up; reconnecting");
    this.cork.hold();
    this.ws.send(message, this.afterSend);
  }

  /** One handler for every send of this connection: a closure per frame was garbage at every keystroke. */
  private readonly afterSend = (error?: Error | null): void => {
    if (error) this.close(CLOSE_INTERNAL_ERROR, "send failed");
  };

  private refuse(refusal: Refusal): void {
    log.warn(
      {
        paperId: this.live.paperId,
        userId: this.identity.actor.userId,
        code: refusal.code,
        reason: refusal.message,
      },
      "closing a collaboration connection",
    );
    this.close(refusal.code, refusal.message);
  }

  /** Cuts the connection without a close handshake (a peer that does not answer one). */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }

  /**
   * Closes the socket. Normally nothing the client sent after this is taken. With `drain` (shutdown),
   * what it sent before it saw the close frame is still applied until its own close frame arrives:
   * TCP keeps the order, so every update sent before the close is taken and written.
   */
  close(code: number, reason: string, drain = false): void {
    if (this.closed) return;
    if (this.closing) {
      // Draining at shutdown, and now refused (a bad frame): take nothing more.
      if (!drain) this.closed = true;
      return;
    }
    if (drain) this.closing = true;
    else this.closed = true;
    // A close reason is at most 123 bytes.
    let text = reason;
    while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
    this.ws.close(code, text);
  }
}
