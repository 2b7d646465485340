// When to refresh a paper's search rows: a while after its last write, not on every keystroke.
// Pure timing (timers injected), so the debounce is tested without waiting.

export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  /** Resolves after the event loop has had a turn (I/O included): between two papers' refreshes. */
  yield(): Promise<void>;
}

const realTimers: SchedulerTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
  yield: () => new Promise((resolve) => setImmediate(resolve)),
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
 * the first while they keep coming. Refreshes run one at a time, in the order they fell due, with a turn
 * of the event loop between two: a hundred papers typed in since the same moment fall due together, and
 * refreshed all at once they held the main thread for ~110 ms in one stretch (a CPU profile of
 * `npm run bench`'s fan-out, 100 papers × 10 editors) while editors' updates waited. A paper due and not
 * started yet is refreshed once however often it is written meanwhile; writes during its refresh
 * schedule one more. `refresh` reports its own failures: one that throws does not stop the next.
 */
/** A paper written and not yet due: its first and last write, and its one timer. */
interface Waiting {
  handle: unknown;
  firstAt: number;
  lastAt: number;
}

export class IndexScheduler {
  /**
   * Papers written, waiting for their quiet moment (or the longest wait): the first write's time, the
   * last's, and one timer. A write only moves `lastAt`; the timer, when it fires early, is set again for
   * the rest (clearing and setting a timer on every write of a hundred papers was 6 ms in one stretch).
   */
  private pending = new Map<string, Waiting>();
  /** Papers whose moment has come, waiting their turn, in order. */
  private due = new Set<string>();
  /** The paper being refreshed. */
  private current: string | null = null;
  private draining: Promise<void> | null = null;
  private again = new Set<string>();

  constructor(
    private readonly refresh: (paperId: string) => Promise<void>,
    private readonly options: IndexSchedulerOptions = DEFAULT_INDEX_TIMING,
    private readonly timers: SchedulerTimers = realTimers,
  ) {}

  /** A write to the paper was committed. */
  written(paperId: string): void {
    // Its refresh has not started: it will read this write too.
    if (this.due.has(paperId)) return;
    if (this.current === paperId) {
      this.again.add(paperId);
      return;
    }
    const now = this.timers.now();
    const waiting = this.pending.get(paperId);
    if (waiting) {
      waiting.lastAt = now;
      return;
    }
    const entry: Waiting = { handle: null, firstAt: now, lastAt: now };
    this.pending.set(paperId, entry);
    this.arm(paperId, entry, this.options.quietMs);
  }

  /** When the paper falls due: `quietMs` after its last write, at most `maxWaitMs` after its first. */
  private dueAt(entry: Waiting): number {
    return Math.min(entry.lastAt + this.options.quietMs, entry.firstAt + this.options.maxWaitMs);
  }

  private arm(paperId: string, entry: Waiting, delay: number) {
    entry.handle = this.timers.setTimeout(() => {
      const rest = this.dueAt(entry) - this.timers.now();
      if (rest > 0) this.arm(paperId, entry, rest);
      else this.fallDue(paperId);
    }, delay);
  }

  private fallDue(paperId: string): void {
    this.pending.delete(paperId);
    this.due.add(paperId);
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.due.size > 0) {
      const [paperId] = this.due;
      this.due.delete(paperId);
      this.current = paperId;
      try {
        await this.refresh(paperId);
      } catch {
        // `refresh` reports its own failures; the papers after it still get their turn.
      } finally {
        this.current = null;
        if (this.again.delete(paperId)) this.written(paperId);
      }
      if (this.due.size > 0) await this.timers.yield();
    }
    // No await since the loop's last check: a paper falling due from here on starts a new drain.
    this.draining = null;
  }

  /** Runs every pending refresh now (shutdown) and waits for them all. */
  async flush(): Promise<void> {
    for (const [paperId, { handle }] of [...this.pending]) {
      this.timers.clearTimeout(handle);
      this.fallDue(paperId);
    }
    await this.draining;
  }

  pendingCount(): number {
    return this.pending.size + this.due.size + (this.current === null ? 0 : 1);
  }
}
