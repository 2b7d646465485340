import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import type { PaperStatus } from "../../app/modules/policy/policy";
import { log } from "../log";
import type { CollabIdentity } from "./auth";
import type { LiveDoc } from "./documents";
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

/** Close codes. 1007: a frame we could not parse; 1011: our own failure. */
export const CLOSE_MALFORMED = 1007;
const MAX_QUEUED_BEFORE_READY = 256;

/** One WebSocket on one paper: checks, rewrites and applies what the client sends. */
export class Connection {
  readonly awarenessIds = new Set<number>();
  private writable: boolean;
  private toldReadOnly = false;
  private queue: Promise<void>;
  private queued = 0;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly live: LiveDoc,
    readonly identity: CollabIdentity,
    private readonly canWrite: (identity: CollabIdentity, status: PaperStatus) => boolean,
  ) {
    this.writable = canWrite(identity, live.status);
    ws.binaryType = "nodebuffer";
    // Messages that arrive while the document loads wait, in order, behind the load.
    // (A failed load is handled by the registry, which closes every connection of that document.)
    this.queue = live.ready.then(
      () => this.greet(),
      () => undefined,
    );
    ws.on("message", (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on("close", () => {
      this.closed = true;
    });
  }

  private greet(): void {
    this.send(encodeSyncStep1(Y.encodeStateVector(this.live.doc)));
    const states = [...this.live.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, states)));
    if (!this.writable) this.tellReadOnly();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.reject("text frame");
    if (++this.queued > MAX_QUEUED_BEFORE_READY) return this.reject("too many queued messages");
    this.queue = this.queue.then(() => {
      this.queued -= 1;
      if (this.closed) return;
      try {
        this.handle(parseClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      } catch (error) {
        this.reject(error instanceof ProtocolError ? error.message : `update could not be applied: ${(error as Error).message}`);
      }
    });
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case "sync-step1":
        this.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.live.doc, message.stateVector)));
        return;
      case "sync-update":
        if (!this.writable) return this.tellReadOnly();
        // Checks the update decodes completely before it touches the shared document.
        Y.decodeUpdate(message.update);
        Y.applyUpdate(this.live.doc, message.update, this);
        return;
      case "awareness":
        this.applyAwareness(message.update);
        return;
      case "query-awareness": {
        const states = [...this.live.awareness.getStates().keys()];
        this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, states)));
        return;
      }
    }
  }

  /**
   * The server, not the client, says who a connection is: a client may only speak for the awareness
   * client id it first used (or one no other connection owns), and its `user` field is replaced by the
   * name, delegation and colour of its session.
   */
  private applyAwareness(update: Uint8Array): void {
    const accepted = decodeAwarenessUpdate(update).filter((entry) => {
      if (this.awarenessIds.has(entry.clientId)) return true;
      if (this.awarenessIds.size > 0) return false;
      for (const other of this.live.connections) if (other !== this && other.awarenessIds.has(entry.clientId)) return false;
      return true;
    });
    if (accepted.length === 0) return;
    const rewritten = accepted.map((entry) => ({
      ...entry,
      state: entry.state === null ? null : { ...entry.state, user: { name: this.identity.name, delegation: this.identity.delegation, color: this.identity.colour, colour: this.identity.colour } },
    }));
    awarenessProtocol.applyAwarenessUpdate(this.live.awareness, encodeAwarenessUpdate(rewritten), this);
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
    this.ws.send(message, (error) => {
      if (error) this.close(1011, "send failed");
    });
  }

  private reject(reason: string): void {
    log.warn({ paperId: this.live.paperId, userId: this.identity.actor.userId, reason }, "closing a collaboration connection after a bad message");
    this.close(CLOSE_MALFORMED, "malformed message");
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }
}
