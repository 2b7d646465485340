import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { appendMissing, loadStoredState } from "../../app/modules/documents/doc-store.server";
import type { PaperStatus } from "../../app/modules/policy/policy";
import type { SuggestionAuthor } from "../../app/modules/suggestions/suggestion-check";
import { log } from "../log";
import { Connection, type LiveDocView } from "./connection";
import { GuardedDoc } from "./guarded-doc";
import type { UpdateWriter } from "./persistence";
import { FRAME_AWARENESS, FRAME_UPDATE, type Fanout } from "./fanout";
import { PeerSync } from "./peer-sync";
import { encodeAwarenessMessage, encodeSyncUpdate } from "./protocol";

/** Origins of updates already in the database or written by another process. */
const FROM_ELSEWHERE = new Set<unknown>(["load", "resync", "relay", "peer"]);

/** Origin of the awareness removal when one of this process's connections closes. */
export const LOCAL_DEPARTURE = "local-departure";

/** How long a load waits for Redis to confirm the subscription before reading the database anyway. */
const SUBSCRIBE_WAIT_MS = 1000;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** A paper's document while anyone has it open in this process. */
export class LiveDoc implements LiveDocView {
  private readonly guarded = new GuardedDoc();
  readonly doc = this.guarded.doc;
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  readonly awarenessOwners = new Map<number, { userId: string; clock: number }>();
  readonly ready: Promise<void>;
  /** What the other processes holding this paper know (null without Redis: there are no others). */
  readonly peers: PeerSync | null;
  status: PaperStatus;
  writtenSinceCompaction = 0;
  bytes = 0;
  private loaded = false;
  /** Where the load's time went: reading the stored state, and applying it to the document. */
  loadTimings = { readMs: 0, applyMs: 0 };
  /** The document's whole state encoded, while it is unchanged (see `missingFor`). */
  private fullState: Uint8Array | null = null;

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
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      if (origin instanceof Connection || origin === LOCAL_DEPARTURE)
        this.fanout?.publishDoc(this.paperId, FRAME_AWARENESS, update);
      const message = encodeAwarenessMessage(update);
      // Sent to the sender too: the stock client counts it as traffic and keeps the socket alive.
      for (const connection of this.connections) connection.send(message);
    });
    const relay = this.fanout;
    this.peers = relay
      ? new PeerSync(this.doc, {
          publish: (kind, payload, to) => relay.publishDoc(this.paperId, kind, payload, to),
          applyFromPeer: (update) => this.applySafely(update, "peer"),
          catchUpFromStore: () =>
            this.catchUp("resync").then(
              () => undefined,
              (error: unknown) => this.warn(error, "catch-up"),
            ),
          saveMissing: () => this.saveMissing(),
          asked: (reason) =>
            log.debug({ paperId: this.paperId, reason }, "asked the other processes for updates"),
        })
      : null;
    this.ready = this.load();
  }

  /**
   * Relays and writes the document's changes. Listened to from the end of the load on: with an update
   * listener Yjs encodes every transaction's update, and the load's (the whole stored state) goes to
   * nobody (the clients waiting for the load get their sync step 2 after it).
   */
  private listen(): void {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      // Ours to write and relay: what a client sent, and what this document did by itself. After a
      // remote change Yjs removes duplicate formatting in a transaction of its own (origin null); the
      // clients got those deletions, so the database must have them too. What came from the database
      // or another process is already written.
      if (!FROM_ELSEWHERE.has(origin)) {
        this.writer.enqueue(this.paperId, update);
        this.fanout?.publishDoc(this.paperId, FRAME_UPDATE, update);
      } else if (origin === "peer") this.bytes += update.byteLength;
      const message = encodeSyncUpdate(update);
      for (const connection of this.connections) if (connection !== origin) connection.send(message);
    });
  }

  /**
   * Subscribe, keep what arrives, read the database, apply what arrived, then ask the other processes
   * for what is in neither: updates they published before the subscription that their 50 ms batch had
   * not written yet when the database was read. Their answers reach this process's clients as they come.
   */
  private async load(): Promise<void> {
    const early: [number, Uint8Array, string][] = [];
    if (this.fanout) {
      const subscribed = this.fanout.subscribeDoc(this.paperId, (kind, payload, from) => {
        if (this.loaded) this.receive(kind, payload, from);
        else early.push([kind, payload, from]);
      });
      // With Redis down, load anyway: the catch-up after it returns fills any gap.
      await Promise.race([
        subscribed.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref()),
      ]);
    }
    // After a remote change Yjs tidies duplicate formatting in a transaction of its own (origin null),
    // which the update listener, not yet there, would have written: see below.
    let tidied = false;
    const watchTidying = (transaction: Y.Transaction) => {
      if (transaction.origin !== "load" && transaction.deleteSet.clients.size > 0) tidied = true;
    };
    this.doc.on("afterTransaction", watchTidying);
    // Test instrument (ACUERDO_TEST_HOOKS): a slow database, so tests can send while the paper loads.
    if (this.loadDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.loadDelayMs));
    const stored = await this.catchUp("load");
    this.doc.off("afterTransaction", watchTidying);
    this.listen();
    if (tidied) {
      // The stored state lacks what Yjs deleted while tidying: write it (deletions only; the same ones
      // in any process, so writing them twice is harmless), and encode the state for new clients.
      this.writer.enqueue(this.paperId, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.doc)));
    } else if (stored.length === 1) {
      // A snapshot alone is the encoded document already: its size, and what a new client is sent.
      this.fullState = stored[0];
    }
    this.bytes = (this.fullState ?? Y.encodeStateAsUpdate(this.doc)).byteLength;
    // The stored tail counts towards the next compaction: a long one is folded right after the load.
    this.writtenSinceCompaction = Math.max(0, stored.length - 1);
    this.loaded = true;
    for (const [kind, payload, from] of early) this.receive(kind, payload, from);
    this.peers?.request(Date.now(), "load", true);
  }

  /** Applies the stored state (idempotent for what the document already has). */
  async catchUp(origin: string): Promise<Uint8Array[]> {
    const started = performance.now();
    const { updates } = await loadStoredState(this.paperId);
    const read = performance.now();
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, origin);
    }, origin);
    if (origin === "load") this.loadTimings = { readMs: read - started, applyMs: performance.now() - read };
    return updates;
  }

  /** Writes what this process holds and the database lacks (updates relayed by a process that died). */
  async saveMissing(): Promise<void> {
    try {
      if (await appendMissing(this.paperId, Y.encodeStateAsUpdate(this.doc)))
        log.info(
          { paperId: this.paperId },
          "wrote updates the database lacked (a peer left without writing them)",
        );
    } catch (error) {
      this.warn(error, "writing what the database lacked");
    }
  }

  /** After a Redis outage: ask the other processes, read the database, write what it lacks. */
  async resync(): Promise<void> {
    if (!this.loaded) return;
    this.peers?.request(Date.now(), "reconnect", true);
    await this.catchUp("resync").catch((error: unknown) => this.warn(error, "catch-up"));
    await this.saveMissing();
  }

  /** Called a few times a second by the registry: heartbeats, pending structs, peers gone. */
  tick(now: number): void {
    if (this.loaded) this.peers?.tick(now);
  }

  private receive(kind: number, payload: Uint8Array, from: string): void {
    try {
      if (kind === FRAME_UPDATE) {
        this.bytes += payload.byteLength;
        Y.applyUpdate(this.doc, payload, "relay");
      } else if (kind === FRAME_AWARENESS)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, "relay");
      else this.peers?.receive(kind, payload, from, Date.now());
    } catch (error) {
      this.warn(error, "ignoring a relayed frame that could not be applied");
    }
  }

  private applySafely(update: Uint8Array, origin: string): void {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.warn(error, "ignoring an answer from another process that could not be applied");
    }
  }

  private warn(error: unknown, what: string): void {
    log.warn({ err: (error as Error).message, paperId: this.paperId }, what);
  }

  applyClientUpdate(
    update: Uint8Array,
    origin: Connection,
    fragments?: ReadonlySet<string>,
    suggestOnly?: SuggestionAuthor | null,
  ): void {
    this.guarded.applyClientUpdate(update, origin, fragments, suggestOnly);
  }

  /**
   * What a client whose state vector is `stateVector` lacks. A new client (an empty state vector) gets
   * the whole state, encoded once for every client that opens the paper until the next change, and
   * straight from the stored snapshot after a load.
   */
  missingFor(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length === 1 && stateVector[0] === 0)
      return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  /**
   * Periodic: forgets the encoded state kept for new clients (a burst of opens shares it, an idle paper
   * holds one copy of its state), and drops the schema check's shadow copy when no client has sent an
   * update for `idleMs`.
   */
  relax(now: number, idleMs: number): void {
    this.fullState = null;
    this.guarded.relax(now, idleMs);
  }

  setStatus(status: PaperStatus): void {
    this.status = status;
    for (const connection of this.connections) connection.refreshPermission();
  }

  destroy(): void {
    this.peers?.destroy();
    this.awareness.destroy();
    this.guarded.destroy();
  }
}
