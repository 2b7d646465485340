import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import { appendUpdates, loadStoredState } from "../../app/modules/papers/doc-store.server";
import type { LiveDocuments } from "../../app/modules/papers/live-docs";
import type { PaperStatus } from "../../app/modules/policy/policy";
import { log } from "../log";
import type { AccessChange } from "../../app/modules/auth/access-events";
import { canWrite, recheckIdentity, type CollabIdentity } from "./auth";
import { Connection, type LiveDocView } from "./connection";
import { GuardedDoc } from "./guarded-doc";
import {
  CLOSE_FORBIDDEN,
  CLOSE_TRY_AGAIN_LATER,
  CLOSE_UNAUTHORIZED,
  DEFAULT_LIMITS,
  type CollabLimits,
} from "./limits";
import { Compactor, UpdateWriter } from "./persistence";
import { FRAME_AWARENESS, FRAME_UPDATE, type Fanout } from "./fanout";
import { encodeAwarenessMessage, encodeSyncUpdate } from "./protocol";

/** Fold the update log into the snapshot after this many updates (and when the last person leaves). */
const COMPACT_EVERY = 500;

/** Origins of updates already in the database or written by another process. */
const FROM_ELSEWHERE = new Set<unknown>(["load", "resync", "relay"]);

/** A paper's document while anyone has it open. */
export class LiveDoc implements LiveDocView {
  private readonly guarded = new GuardedDoc();
  readonly doc = this.guarded.doc;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly awarenessOwners = new Map<number, { userId: string; clock: number }>();
  readonly ready: Promise<void>;
  status: PaperStatus;
  writtenSinceCompaction = 0;
  bytes = 0;

  constructor(
    readonly paperId: string,
    status: PaperStatus,
    private readonly writer: UpdateWriter,
    private readonly fanout: Fanout | null,
    private readonly loadDelayMs = 0,
  ) {
    this.status = status;
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      // Ours to write and relay: what a client sent, and what this document did by itself. After a
      // remote change Yjs removes duplicate formatting in a transaction of its own (origin null); the
      // clients got those deletions, so the database must have them too. What came from the database
      // or another process is already written.
      if (!FROM_ELSEWHERE.has(origin)) {
        this.writer.enqueue(this.paperId, update);
        this.fanout?.publishDoc(this.paperId, FRAME_UPDATE, update);
      }
      const message = encodeSyncUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
    });
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      if (origin instanceof Connection || origin === LOCAL_DEPARTURE)
        this.fanout?.publishDoc(this.paperId, FRAME_AWARENESS, update);
      const message = encodeAwarenessMessage(update);
      // Sent to the sender too: the stock client counts it as traffic and keeps the socket alive.
      for (const connection of this.connections) connection.send(message);
    });
    this.ready = this.load();
  }

  /** Subscribes before loading, so updates published by other processes meanwhile are not missed. */
  private async load(): Promise<void> {
    const early: [number, Uint8Array][] = [];
    let loaded = false;
    if (this.fanout) {
      const subscribed = this.fanout.subscribeDoc(this.paperId, (kind, payload) => {
        if (loaded) this.applyRelayed(kind, payload);
        else early.push([kind, payload]);
      });
      // With Redis down, load anyway: the catch-up after it returns fills any gap.
      await Promise.race([
        subscribed.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    }
    // Test instrument (ACUERDO_TEST_HOOKS): a slow database, so tests can send while the paper loads
    // (and another process can compact it between the two reads of the load).
    await this.catchUp(
      "load",
      this.loadDelayMs > 0
        ? () => new Promise((resolve) => setTimeout(resolve, this.loadDelayMs))
        : undefined,
    );
    this.bytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    loaded = true;
    for (const [kind, payload] of early) this.applyRelayed(kind, payload);
  }

  /** Applies the stored state (idempotent for what the document already has). */
  async catchUp(origin: string, betweenReads?: () => Promise<void>): Promise<void> {
    const { updates } = await loadStoredState(this.paperId, undefined, betweenReads);
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, origin);
    }, origin);
  }

  private applyRelayed(kind: number, payload: Uint8Array): void {
    try {
      if (kind === FRAME_UPDATE) {
        this.bytes += payload.byteLength;
        Y.applyUpdate(this.doc, payload, "relay");
      } else if (kind === FRAME_AWARENESS)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, "relay");
    } catch (error) {
      log.warn(
        { err: (error as Error).message, paperId: this.paperId },
        "ignoring a relayed frame that could not be applied",
      );
    }
  }

  applyClientUpdate(update: Uint8Array, origin: Connection): void {
    this.guarded.applyClientUpdate(update, origin);
  }

  setStatus(status: PaperStatus): void {
    this.status = status;
    for (const connection of this.connections) connection.refreshPermission();
  }

  destroy(): void {
    this.awareness.destroy();
    this.guarded.destroy();
  }
}

/** Origin of the awareness removal when one of this process's connections closes. */
const LOCAL_DEPARTURE = "local-departure";

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** All live documents of this process; the Remix side reaches it through `LiveDocuments`. */
export class DocumentRegistry implements LiveDocuments {
  private readonly docs = new Map<string, LiveDoc>();
  readonly writer = new UpdateWriter();
  private readonly compactor = new Compactor();

  constructor(
    private readonly fanout: Fanout | null = null,
    readonly limits: CollabLimits = DEFAULT_LIMITS,
    private readonly loadDelayMs = 0,
  ) {
    fanout?.onReconnect(() => {
      // Twice: now, and once more after the other processes have written what they held in memory.
      void this.catchUpAll();
      setTimeout(() => void this.catchUpAll(), 2000).unref();
    });
    this.writer.onWritten((paperId, count) => {
      const live = this.docs.get(paperId);
      if (!live) return;
      live.writtenSinceCompaction += count;
      if (live.writtenSinceCompaction >= COMPACT_EVERY) {
        live.writtenSinceCompaction = 0;
        void this.compactor.compact(paperId);
      }
    });
  }

  get size(): number {
    return this.docs.size;
  }

  private open(paperId: string, status: PaperStatus): LiveDoc {
    let live = this.docs.get(paperId);
    if (!live) {
      live = new LiveDoc(paperId, status, this.writer, this.fanout, this.loadDelayMs);
      this.docs.set(paperId, live);
      live.ready.catch((error: unknown) => {
        log.error({ err: error, paperId }, "could not load document");
        this.docs.delete(paperId);
        for (const connection of live!.connections) connection.close(1011, "document could not be loaded");
      });
    }
    return live;
  }

  connect(ws: WebSocket, paperId: string, identity: CollabIdentity): Connection {
    const live = this.open(paperId, identity.status);
    const connection = new Connection(ws, live, identity, canWrite, this.limits);
    live.connections.add(connection);
    ws.on("close", () => {
      live.connections.delete(connection);
      const ids = [...connection.awarenessIds];
      awarenessProtocol.removeAwarenessStates(live.awareness, ids, LOCAL_DEPARTURE);
      // Forget their clocks here (a client that reconnects re-announces itself with the clock it had,
      // which would otherwise be ignored as old news until its next renewal), but remember the last one
      // with the owner, so its return can be announced to everyone else past its departure.
      for (const id of ids) {
        const owner = live.awarenessOwners.get(id);
        if (owner) owner.clock = live.awareness.meta.get(id)?.clock ?? owner.clock;
        live.awareness.meta.delete(id);
      }
      if (live.connections.size === 0) void this.release(live);
    });
    return connection;
  }

  private shuttingDown = false;

  /** The last person left: write what is pending, fold the log, and forget the document. */
  private async release(live: LiveDoc): Promise<void> {
    await this.writer.flush();
    // At shutdown the database is about to close: the log stays as it is, the next start folds it.
    if (this.shuttingDown) return;
    await this.compactor.compact(live.paperId);
    if (live.connections.size === 0 && this.docs.get(live.paperId) === live) {
      this.docs.delete(live.paperId);
      await this.fanout?.unsubscribeDoc(live.paperId);
      live.destroy();
    }
  }

  private async catchUpAll(): Promise<void> {
    for (const live of this.docs.values()) {
      await live
        .catchUp("resync")
        .catch((error: unknown) =>
          log.warn({ err: (error as Error).message, paperId: live.paperId }, "catch-up failed"),
        );
    }
  }

  async encodeState(paperId: string): Promise<Uint8Array | null> {
    const live = this.docs.get(paperId);
    if (!live) return null;
    await live.ready;
    return Y.encodeStateAsUpdate(live.doc);
  }

  /** Counts access changes, so an upgrade decided before one can be checked again once connected. */
  accessEpoch = 0;

  /** Someone's sessions ended or membership changed: their open sockets follow (sign-out closes, removal closes, a new role applies). */
  accessChanged(change: AccessChange): void {
    this.accessEpoch += 1;
    for (const live of this.docs.values()) {
      for (const connection of live.connections) {
        if (connection.identity.actor.userId !== change.userId) continue;
        if (change.type === "sessions") {
          if (!change.sessionIds || change.sessionIds.includes(connection.identity.sessionId))
            connection.close(CLOSE_UNAUTHORIZED, "signed out: sign in again to keep working");
        } else if (connection.identity.groupId === change.groupId) {
          void this.recheck(connection, live.paperId);
        }
      }
    }
  }

  /** Asks the policy again for an open connection; closes it when it may no longer read. */
  async recheck(connection: Connection, paperId: string): Promise<void> {
    try {
      const decision = await recheckIdentity(connection.identity, paperId);
      if (decision.ok) connection.updateIdentity(decision.identity);
      else if (decision.status === 401)
        connection.close(CLOSE_UNAUTHORIZED, "signed out: sign in again to keep working");
      else connection.close(CLOSE_FORBIDDEN, "you no longer have access to this paper");
    } catch (error) {
      // Unsure is not allowed: the client reconnects, and its upgrade is decided afresh.
      log.warn(
        { err: (error as Error).message, paperId },
        "could not re-check a connection's access; closing it",
      );
      connection.close(CLOSE_TRY_AGAIN_LATER, "access could not be checked; reconnecting");
    }
  }

  /**
   * A change the server itself makes to a paper (a Word translation import): applied to the live
   * document when this process has it open (its update handler writes, relays and broadcasts it), else
   * appended to the update log and relayed to processes that have it open. Written before it returns.
   */
  async applyServerUpdate(paperId: string, update: Uint8Array): Promise<void> {
    const live = this.docs.get(paperId);
    if (live) {
      await live.ready;
      Y.applyUpdate(live.doc, update, "server");
      await this.writer.flush();
      return;
    }
    await appendUpdates(paperId, [update]);
    this.fanout?.publishDoc(paperId, FRAME_UPDATE, update);
    // Opened meanwhile (its load may have read the log before this row): give it the update too.
    const opened = this.docs.get(paperId);
    if (opened) {
      await opened.ready;
      Y.applyUpdate(opened.doc, update, "load");
    }
  }

  statusChanged(paperId: string, status: PaperStatus): void {
    this.docs.get(paperId)?.setStatus(status);
  }

  /**
   * Shutdown: close every socket with a code the client reconnects after, take what the clients sent
   * before they saw the close (up to `drainMs`), and write everything pending.
   */
  async closeAll(code: number, reason: string, drainMs = 3000): Promise<void> {
    const connections = [...this.docs.values()].flatMap((live) => [...live.connections]);
    this.shuttingDown = true;
    for (const connection of connections) connection.close(code, reason, true);
    await Promise.race([
      Promise.all(connections.map((connection) => connection.ended)),
      new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
    ]);
    // A client that never answered the close is cut; what it sent until now was taken.
    for (const connection of connections) if (!connection.isClosed) connection.terminate();
    await this.writer.flush();
  }
}
