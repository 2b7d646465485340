// When to refresh a paper's search rows: a while after its last write, not on every keystroke.
// Pure timing (timers injected), so the debounce is tested without waiting.

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export interface IndexSchedulerOptions {
  /** Quiet time after the last write before the paper is refreshed. */
  quietMs: number;
  /** Longest a paper being typed in continuously waits. */
  maxWaitMs: number;
}

/**
 * While someone keeps typing, their paper's search rows trail by at most 10 s (1.5 s once they pause).
 * Every refresh costs the database a search vector and trigram entries for the section that changed:
 * with a hundred papers being typed in, 4 s made refreshes the database's main work and doubled the
 * fan-out's p99 (`npm run bench -- --only 2`: 51–63 ms → 30 ms on PostgreSQL, 108–151 → 33 ms on PGlite).
 */
export const DEFAULT_INDEX_TIMING: IndexSchedulerOptions = { quietMs: 1500, maxWaitMs: 10_000 };

/**
 * Calls `refresh(paperId)` once per burst of writes: `quietMs` after the last one, or `maxWaitMs` after
 * the first while they keep coming. A refresh running for a paper is never started twice; writes that
 * arrive meanwhile schedule one more.
 */
export class IndexScheduler {
  private pending = new Map<string, { handle: unknown; firstAt: number }>();
  private running = new Map<string, Promise<void>>();
  private again = new Set<string>();

  constructor(
    private readonly refresh: (paperId: string) => Promise<void>,
    private readonly options: IndexSchedulerOptions = DEFAULT_INDEX_TIMING,
    private readonly timers: SchedulerTimers = realTimers,
  ) {}

  /** A write to the paper was committed. */
  written(paperId: string): void {
    if (this.running.has(paperId)) {
      this.again.add(paperId);
      return;
    }
    const now = this.timers.now();
    const previous = this.pending.get(paperId);
    const firstAt = previous?.firstAt ?? now;
    if (previous) this.timers.clearTimeout(previous.handle);
    const delay = Math.max(0, Math.min(this.options.quietMs, firstAt + this.options.maxWaitMs - now));
    const handle = this.timers.setTimeout(() => void this.run(paperId), delay);
    this.pending.set(paperId, { handle, firstAt });
  }

  private async run(paperId: string): Promise<void> {
    this.pending.delete(paperId);
    const job = this.refresh(paperId).finally(() => {
      this.running.delete(paperId);
      if (this.again.delete(paperId)) this.written(paperId);
    });
    this.running.set(paperId, job);
    await job;
  }

  /** Runs every pending refresh now (shutdown) and waits for the running ones. */
  async flush(): Promise<void> {
    const ids = [...this.pending.keys()];
    for (const id of ids) this.timers.clearTimeout(this.pending.get(id)!.handle);
    await Promise.all([...ids.map((id) => this.run(id)), ...this.running.values()]);
  }

  pendingCount(): number {
    return this.pending.size + this.running.size;
  }
}
