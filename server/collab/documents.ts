import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebSocket } from "ws";
import { appendUpdates, longUpdateLogs } from "../../app/modules/documents/doc-store.server";
import type { LiveDocuments } from "../../app/modules/documents/live-docs";
import type { DraftingMode, PaperStatus } from "../../app/modules/policy/policy";
import { log } from "../log";
import type { AccessChange } from "../../app/modules/auth/access-events";
import { canWrite, recheckIdentity, suggestionAuthor, type CollabIdentity } from "./auth";
import { Connection } from "./connection";
import {
  CLOSE_FORBIDDEN,
  CLOSE_TRY_AGAIN_LATER,
  CLOSE_SERVICE_RESTART,
  CLOSE_UNAUTHORIZED,
  DEFAULT_LIMITS,
  type CollabLimits,
} from "./limits";
import { Compactor, UpdateWriter } from "./persistence";
import { FRAME_UPDATE, type Fanout } from "./fanout";
import { LiveDoc, LOCAL_DEPARTURE } from "./live-doc";

/** Fold the update log into the snapshot after this many updates (and when the last person leaves). */
const COMPACT_EVERY = 500;

/** How often each live document compares notes with the other processes holding it (peer-sync.ts). */
const TICK_MS = 100;

/** The state vector of an empty document: `missingFor` it is the whole state. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** A live document drops its schema check's shadow copy after this long without a client update. */
const SHADOW_IDLE_MS = 30_000;

const round = (ms: number) => Math.round(ms * 100) / 100;

/** All live documents of this process; the Remix side reaches it through `LiveDocuments`. */
export class DocumentRegistry implements LiveDocuments {
  private readonly docs = new Map<string, LiveDoc>();
  readonly writer = new UpdateWriter();
  private readonly compactor = new Compactor();
  private ticker: NodeJS.Timeout | null = null;
  private readonly relaxer: NodeJS.Timeout;

  constructor(
    private readonly fanout: Fanout | null = null,
    readonly limits: CollabLimits = DEFAULT_LIMITS,
    private readonly loadDelayMs = 0,
  ) {
    fanout?.onReconnect(() => {
      // What was published meanwhile is lost to this process: ask the others, read the database, and
      // write what it lacks. The database once more after the others have written what they held.
      void this.resyncAll();
      setTimeout(() => void this.catchUpAll(), 2000).unref();
    });
    if (fanout) {
      this.ticker = setInterval(() => {
        const now = Date.now();
        for (const live of this.docs.values()) live.tick(now);
      }, TICK_MS);
      this.ticker.unref();
    }
    this.relaxer = setInterval(() => {
      const now = performance.now();
      for (const live of this.docs.values()) live.relax(now, SHADOW_IDLE_MS);
    }, SHADOW_IDLE_MS / 3);
    this.relaxer.unref();
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
      const opened = live;
      live.ready.then(
        () => {
          // The benchmark reads this line to say where a cold open's time goes.
          log.debug(
            {
              paperId,
              bytes: opened.bytes,
              readMs: round(opened.loadTimings.readMs),
              applyMs: round(opened.loadTimings.applyMs),
            },
            "loaded a paper",
          );
          // Compact on load: a long stored tail is folded now, not when the last person leaves.
          if (opened.writtenSinceCompaction >= COMPACT_EVERY) {
            opened.writtenSinceCompaction = 0;
            void this.compactor.compact(paperId);
          }
        },
        (error: unknown) => {
          log.error({ err: error, paperId }, "could not load document");
          this.docs.delete(paperId);
          for (const connection of opened.connections) connection.close(1011, "document could not be loaded");
        },
      );
    }
    return live;
  }

  /**
   * Starts loading a paper as soon as its upgrade is allowed, before the WebSocket handshake, so the
   * load's database read overlaps the handshake and the client's first message. A document
   * no connection joins (the upgrade was refused, or the client went away) is let go after a grace
   * period, as when its last person leaves.
   */
  preload(paperId: string, status: PaperStatus): void {
    if (this.shuttingDown || this.docs.has(paperId)) return;
    const live = this.open(paperId, status);
    setTimeout(() => {
      if (live.connections.size === 0 && this.docs.get(paperId) === live) void this.release(live);
    }, this.limits.preloadGraceMs).unref();
  }

  connect(ws: WebSocket, paperId: string, identity: CollabIdentity): Connection {
    const live = this.open(paperId, identity.status);
    const connection = new Connection(ws, live, identity, canWrite, this.limits, suggestionAuthor);
    // An upgrade decided after the shutdown began: closeAll has already drained and written what it
    // knew of, so nothing this socket sends would be written. Turn it away before it sends anything;
    // the client keeps its edits and brings them to another process, or to this one restarted.
    if (this.shuttingDown) connection.close(CLOSE_SERVICE_RESTART, "server restarting");
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

  /**
   * Folds every update log longer than the compaction threshold, longest first, one paper at a time, so
   * that no log left by something else (an earlier version, a crash, a shutdown) makes a paper's next
   * cold open apply it all. Run in the background at start; a paper open meanwhile is folded safely
   * (appends are not blocked, see compactPaper). Returns how many logs were folded.
   */
  async foldLongLogs(): Promise<number> {
    const logs = await longUpdateLogs(COMPACT_EVERY);
    let folded = 0;
    for (const { paperId, updates } of logs) {
      if (this.shuttingDown) break;
      const started = performance.now();
      await this.compactor.compact(paperId);
      folded += 1;
      log.info(
        { paperId, updates, ms: Math.round(performance.now() - started) },
        "folded a long update log at start",
      );
    }
    return folded;
  }

  /** The last person left: write what is pending, fold the log, and forget the document. */
  private async release(live: LiveDoc): Promise<void> {
    await this.writer.flush();
    // At shutdown the database is about to close: the log stays as it is, the next start folds it.
    if (this.shuttingDown) return;
    // The live state is folded in too: it may hold updates relayed by a process that died unwritten.
    await this.compactor.compact(live.paperId, live.missingFor(EMPTY_STATE_VECTOR));
    if (live.connections.size === 0 && this.docs.get(live.paperId) === live) {
      this.docs.delete(live.paperId);
      live.peers?.bye();
      await this.fanout?.unsubscribeDoc(live.paperId);
      live.destroy();
    }
  }

  private async resyncAll(): Promise<void> {
    for (const live of this.docs.values()) await live.resync();
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
    return live.missingFor(EMPTY_STATE_VECTOR);
  }

  async readDoc<T>(paperId: string, read: (doc: Y.Doc) => T): Promise<{ value: T } | null> {
    const live = this.docs.get(paperId);
    if (!live) return null;
    await live.ready;
    return { value: read(live.doc) };
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

  /** Who holds the pen changed: each open connection's next update is judged by the new mode. */
  draftingChanged(paperId: string, mode: DraftingMode): void {
    const live = this.docs.get(paperId);
    if (!live) return;
    for (const connection of live.connections)
      connection.identity = { ...connection.identity, draftingMode: mode };
  }

  /**
   * Shutdown: close every socket with a code the client reconnects after, take what the clients sent
   * before they saw the close (up to `drainMs`), and write everything pending.
   */
  async closeAll(code: number, reason: string, drainMs = 3000): Promise<void> {
    const connections = [...this.docs.values()].flatMap((live) => [...live.connections]);
    this.shuttingDown = true;
    if (this.ticker) clearInterval(this.ticker);
    clearInterval(this.relaxer);
    for (const connection of connections) connection.close(code, reason, true);
    await Promise.race([
      Promise.all(connections.map((connection) => connection.ended)),
      new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
    ]);
    // A client that never answered the close is cut; what it sent until now was taken.
    for (const connection of connections) if (!connection.isClosed) connection.terminate();
    await this.writer.flush();
    await this.compactor.stop();
    // Everything this process accepted is written: the others need not wonder where it went.
    for (const live of this.docs.values()) live.peers?.bye();
  }
}
