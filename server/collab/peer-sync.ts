import { createHash } from "node:crypto";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { FRAME_BYE, FRAME_STATE, FRAME_SYNC_ANSWER, FRAME_SYNC_REQUEST } from "./fanout";

// How the processes holding one paper notice what Redis did not deliver, and get it back.
//
// Redis pub/sub delivers at most once: a message published before a process subscribed, or while its
// connection was down or lagging, is simply not there. Each process therefore
//  - asks the others for what its state vector lacks (a sync step 1 over Redis, answered with the diff
//    by every process holding the paper) when it opens the paper, after any Redis reconnect, and when
//    structs stay pending (a missing dependency) longer than a short bound;
//  - tells the others its state vector and a digest of its deletions, at most every `heartbeatMs` while
//    the document changes and every `keepaliveMs` anyway, so that a drop nothing depends on (the last
//    keystroke, a deletion) is found within about a second: a process that lacks what a peer has asks;
//  - reads the database when a dependency stays missing anyway (a process that has gone away wrote it);
//  - writes to the database what it holds and the database lacks when a peer stops talking without
//    saying goodbye (kill -9 loses that process's unwritten batch; the others relayed it and keep it).

export interface PeerSyncTiming {
  /** Least time between two heartbeats while the document changes. */
  heartbeatMs: number;
  /** Most time between two heartbeats. */
  keepaliveMs: number;
  /** A peer's heartbeat is compared this long after it arrived: what it lists may still be on its way. */
  graceMs: number;
  /** Pending structs older than this: ask the peers (then again with backoff). */
  pendingMs: number;
  /** Pending structs older than this: read the database (then again with backoff). */
  storeMs: number;
  /** Least time between two requests to the peers. */
  requestGapMs: number;
  /** A peer not heard from for this long is gone. */
  peerTimeoutMs: number;
}

export const DEFAULT_PEER_TIMING: PeerSyncTiming = {
  heartbeatMs: 400,
  keepaliveMs: 1000,
  graceMs: 150,
  pendingMs: 200,
  storeMs: 800,
  requestGapMs: 150,
  peerTimeoutMs: 3500,
};

/** Backoff ceiling for a dependency that stays missing (a broken update that will never resolve). */
const MAX_BACKOFF_MS = 30_000;

export interface PeerSyncActions {
  /** Sends a frame to every process holding the paper, or to the process `to` only. */
  publish(kind: number, payload: Uint8Array, to?: string): void;
  /** Applies what a peer sent (an answer): relayed to this process's clients, not written again. */
  applyFromPeer(update: Uint8Array): void;
  /** Reads the stored state into the document. */
  catchUpFromStore(): Promise<void>;
  /** Writes what the document has and the database lacks. */
  saveMissing(): Promise<void>;
  /** Told why this process asked the others (for the debug log). */
  asked?(reason: AskReason): void;
}

export type AskReason = "load" | "reconnect" | "pending" | "heartbeat" | "asker-has-more";

interface Peer {
  heardAt: number;
  vector: Map<number, number> | null;
  digest: string;
  /** When its last heartbeat is to be compared with ours (null: compared). */
  checkAt: number | null;
}

export function encodeHeartbeat(vector: Uint8Array, digest: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint8Array(encoder, vector);
  encoding.writeVarString(encoder, digest);
  return encoding.toUint8Array(encoder);
}

export function decodeHeartbeat(payload: Uint8Array): { vector: Map<number, number>; digest: string } {
  const decoder = decoding.createDecoder(payload);
  const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  return { vector, digest: decoding.readVarString(decoder) };
}

/** True when `theirs` lists a struct `ours` does not have. */
export function lacksAny(ours: Map<number, number>, theirs: Map<number, number>): boolean {
  for (const [client, clock] of theirs) if ((ours.get(client) ?? 0) < clock) return true;
  return false;
}

function sameVector(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

/** The deletions a document knows (and any pending structs), hashed: two copies that agree hash alike. */
function deletionDigest(doc: Y.Doc): string {
  const deletions = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  return createHash("sha1").update(deletions).digest("hex").slice(0, 16);
}

/** One paper's side of the conversation between processes. `tick` is called a few times a second. */
export class PeerSync {
  private readonly peers = new Map<string, Peer>();
  private lastHeartbeatAt = -Infinity;
  private lastRequestAt = -Infinity;
  private changedSinceHeartbeat = true;
  private digestCache: string | null = null;
  private pendingSince: number | null = null;
  private nextRequestAt = 0;
  private nextStoreAt = 0;
  private storeBackoff: number;
  private requestBackoff: number;
  private saving: Promise<void> | null = null;
  private saveAgain = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly actions: PeerSyncActions,
    private readonly timing: PeerSyncTiming = DEFAULT_PEER_TIMING,
  ) {
    this.storeBackoff = timing.storeMs;
    this.requestBackoff = timing.pendingMs;
    doc.on("update", this.onUpdate);
  }

  private readonly onUpdate = () => {
    this.changedSinceHeartbeat = true;
    this.digestCache = null;
  };

  /** Peers heard from lately (for tests and logs). */
  get peerCount(): number {
    return this.peers.size;
  }

  private digest(): string {
    this.digestCache ??= deletionDigest(this.doc);
    return this.digestCache;
  }

  /** Asks every process holding the paper for what this one lacks (at most once per `requestGapMs`). */
  request(now: number, reason: AskReason, force = false): void {
    if (!force && now - this.lastRequestAt < this.timing.requestGapMs) return;
    this.lastRequestAt = now;
    this.actions.asked?.(reason);
    this.actions.publish(FRAME_SYNC_REQUEST, Y.encodeStateVector(this.doc));
  }

  /** A frame from another process on this paper's channel. */
  receive(kind: number, payload: Uint8Array, from: string, now: number): void {
    if (kind === FRAME_BYE) {
      this.peers.delete(from);
      return;
    }
    let peer = this.peers.get(from);
    if (!peer) {
      peer = { heardAt: now, vector: null, digest: "", checkAt: null };
      this.peers.set(from, peer);
    }
    peer.heardAt = now;
    if (kind === FRAME_STATE) {
      const { vector, digest } = decodeHeartbeat(payload);
      peer.vector = vector;
      peer.digest = digest;
      peer.checkAt = now + this.timing.graceMs;
    } else if (kind === FRAME_SYNC_REQUEST) {
      this.actions.publish(FRAME_SYNC_ANSWER, Y.encodeStateAsUpdate(this.doc, payload), from);
      // Their request shows what they have: ask for what we lack in turn (sync is symmetric).
      if (lacksAny(Y.decodeStateVector(Y.encodeStateVector(this.doc)), Y.decodeStateVector(payload)))
        this.request(now, "asker-has-more");
    } else if (kind === FRAME_SYNC_ANSWER) {
      this.actions.applyFromPeer(payload);
    }
  }

  tick(now: number): void {
    this.checkPending(now);
    let mine: Map<number, number> | null = null;
    for (const [id, peer] of this.peers) {
      if (now - peer.heardAt > this.timing.peerTimeoutMs) {
        // Gone without a goodbye: what only it had written to its batch may live on only here.
        this.peers.delete(id);
        this.save();
        continue;
      }
      if (peer.checkAt === null || peer.checkAt > now || !peer.vector) continue;
      peer.checkAt = null;
      mine ??= Y.decodeStateVector(Y.encodeStateVector(this.doc));
      // Structs they have and we lack; or the same structs but other deletions (some went missing).
      if (lacksAny(mine, peer.vector) || (sameVector(mine, peer.vector) && peer.digest !== this.digest()))
        this.request(now, "heartbeat");
    }
    const sinceHeartbeat = now - this.lastHeartbeatAt;
    if (
      (this.changedSinceHeartbeat && sinceHeartbeat >= this.timing.heartbeatMs) ||
      sinceHeartbeat >= this.timing.keepaliveMs
    ) {
      this.lastHeartbeatAt = now;
      this.changedSinceHeartbeat = false;
      this.actions.publish(FRAME_STATE, encodeHeartbeat(Y.encodeStateVector(this.doc), this.digest()));
    }
  }

  private checkPending(now: number): void {
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (!pending) {
      this.pendingSince = null;
      this.requestBackoff = this.timing.pendingMs;
      this.storeBackoff = this.timing.storeMs;
      return;
    }
    if (this.pendingSince === null) {
      this.pendingSince = now;
      this.nextRequestAt = now + this.timing.pendingMs;
      this.nextStoreAt = now + this.timing.storeMs;
      return;
    }
    if (now >= this.nextRequestAt) {
      this.request(now, "pending", true);
      this.requestBackoff = Math.min(this.requestBackoff * 2, MAX_BACKOFF_MS);
      this.nextRequestAt = now + this.requestBackoff;
    }
    if (now >= this.nextStoreAt) {
      void this.actions.catchUpFromStore();
      this.storeBackoff = Math.min(this.storeBackoff * 2, MAX_BACKOFF_MS);
      this.nextStoreAt = now + this.storeBackoff;
    }
  }

  /** Writes what the database lacks; one write at a time, once more if asked meanwhile. */
  save(): void {
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = this.actions.saveMissing().finally(() => {
      this.saving = null;
      if (this.saveAgain) {
        this.saveAgain = false;
        this.save();
      }
    });
  }

  /** Leaving the paper: the others need not wonder where this process went. */
  bye(): void {
    this.actions.publish(FRAME_BYE, new Uint8Array(0));
  }

  destroy(): void {
    this.doc.off("update", this.onUpdate);
  }
}
