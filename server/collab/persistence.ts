import {
  appendUpdates,
  appendUpdatesOfPapers,
  compactPaper,
} from "../../app/modules/documents/doc-store.server";
import { log } from "../log";

/** How long an accepted update may wait before its batch is written (the target is under one second). */
export const FLUSH_INTERVAL_MS = 50;
const RETRY_MS = 500;

/**
 * Appends accepted updates to the database in small batches. An update is kept in memory until its
 * batch is committed; a failed write is retried, never dropped.
 */
export class UpdateWriter {
  private pending = new Map<string, Uint8Array[]>();
  /** Papers of the batch being written, less each once its updates are committed or waiting again. */
  private writing = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private listeners = new Set<(paperId: string, count: number) => void>();

  enqueue(paperId: string, update: Uint8Array): void {
    const queue = this.pending.get(paperId);
    if (queue) queue.push(update);
    else this.pending.set(paperId, [update]);
    this.schedule(FLUSH_INTERVAL_MS);
  }

  /** Called after a paper's updates were committed (used to trigger compaction). */
  onWritten(listener: (paperId: string, count: number) => void): void {
    this.listeners.add(listener);
  }

  /**
   * Whether updates (of the paper, or of any) are not committed yet: waiting for a batch, or in the one
   * being written. (A timer's flush may have taken them into its batch while another caller's finished.)
   */
  hasPending(paperId?: string): boolean {
    if (!paperId) return this.pending.size > 0 || this.writing.size > 0;
    return (this.pending.get(paperId)?.length ?? 0) > 0 || this.writing.has(paperId);
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Writes everything pending now; resolves when it is committed (or re-queued after a failure). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = new Set(batch.keys());
    this.running = this.write(batch).finally(() => {
      this.running = null;
      this.writing.clear();
    });
    await this.running;
  }

  private async write(batch: Map<string, Uint8Array[]>): Promise<void> {
    // Every paper in one statement; if that fails (a paper deleted meanwhile, say), paper by paper, so
    // one paper's trouble holds back no other.
    if (batch.size > 1) {
      try {
        await appendUpdatesOfPapers(batch);
        for (const [paperId, updates] of batch)
          for (const listener of this.listeners) listener(paperId, updates.length);
        return;
      } catch (error) {
        log.warn(
          { err: error, papers: batch.size },
          "could not write a batch at once; writing paper by paper",
        );
      }
    }
    for (const [paperId, updates] of batch) {
      try {
        await appendUpdates(paperId, updates);
        this.writing.delete(paperId);
        for (const listener of this.listeners) listener(paperId, updates.length);
      } catch (error) {
        log.error(
          { err: error, paperId, count: updates.length },
          "could not write document updates; will retry",
        );
        const newer = this.pending.get(paperId) ?? [];
        this.pending.set(paperId, [...updates, ...newer]);
        this.writing.delete(paperId);
        this.schedule(RETRY_MS);
      }
    }
  }
}

/** Runs compaction for a paper at most once at a time in this process. */
export class Compactor {
  private running = new Map<string, Promise<void>>();
  private stopped = false;

  /**
   * Shutdown: start nothing more and wait for what is running, so the database does not close under a
   * compaction's transaction (the log would stay intact, but the process would log a failure).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.running.values()]);
  }

  /**
   * Folds the paper's log. With `liveState` (the last person left), that state is folded in too, after
   * any compaction already running: it may hold updates no process wrote (see compactPaper).
   */
  async compact(paperId: string, liveState?: Uint8Array): Promise<void> {
    // After shutdown began the log stays as it is: the next start folds it.
    if (this.stopped) return;
    const current = this.running.get(paperId);
    if (current) {
      if (!liveState) return current;
      await current;
      return this.compact(paperId, liveState);
    }
    const run = this.run(paperId, liveState).finally(() => this.running.delete(paperId));
    this.running.set(paperId, run);
    return run;
  }

  private async run(paperId: string, liveState?: Uint8Array): Promise<void> {
    try {
      const folded = await compactPaper(paperId, undefined, liveState);
      if (folded > 0) log.debug({ paperId, folded }, "compacted document updates");
    } catch (error) {
      log.error({ err: error, paperId }, "compaction failed; the update log is intact");
    }
  }
}
