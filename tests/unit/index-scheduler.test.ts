import { describe, expect, it } from "vitest";
import { IndexScheduler, type SchedulerTimers } from "~/modules/search/index-scheduler";

/** Timers driven by hand: `advance` runs what is due; `yields` counts the turns handed to the event loop. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: SchedulerTimers & { advance(ms: number): void; yields: number } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void due.delete(id as number),
    yields: 0,
    yield() {
      timers.yields += 1;
      return Promise.resolve();
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...due]) {
        if (timer.at <= now) {
          due.delete(id);
          timer.fn();
        }
      }
    },
  };
  return timers;
}

describe("search index scheduling", () => {
  it("refreshes a paper once, a quiet moment after its last write, not on every write", () => {
    const timers = manualTimers();
    const refreshed: string[] = [];
    const scheduler = new IndexScheduler(
      (id) => Promise.resolve(void refreshed.push(id)),
      { quietMs: 1000, maxWaitMs: 4000 },
      timers,
    );
    scheduler.written("p1");
    timers.advance(500);
    scheduler.written("p1");
    timers.advance(900);
    expect(refreshed).toEqual([]);
    timers.advance(100);
    expect(refreshed).toEqual(["p1"]);
  });

  it("refreshes a paper typed in without pause within the longest wait", () => {
    const timers = manualTimers();
    const refreshed: number[] = [];
    const scheduler = new IndexScheduler(
      () => Promise.resolve(void refreshed.push(timers.now())),
      { quietMs: 1000, maxWaitMs: 4000 },
      timers,
    );
    for (let t = 0; t < 6000; t += 200) {
      scheduler.written("p1");
      timers.advance(200);
    }
    expect(refreshed[0]).toBeLessThanOrEqual(4000);
  });

  it("runs one more refresh when writes arrive during a refresh, never two at once", async () => {
    const timers = manualTimers();
    let release!: () => void;
    let running = 0;
    let most = 0;
    let calls = 0;
    const scheduler = new IndexScheduler(
      () => {
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        return new Promise<void>((resolve) => {
          release = () => {
            running -= 1;
            resolve();
          };
        });
      },
      { quietMs: 10, maxWaitMs: 100 },
      timers,
    );
    scheduler.written("p1");
    timers.advance(10);
    scheduler.written("p1");
    timers.advance(10);
    expect(calls).toBe(1);
    release();
    await settled();
    timers.advance(10);
    expect(calls).toBe(2);
    release();
    expect(most).toBe(1);
  });

  it("refreshes papers due at the same moment one after another, with a turn of the event loop between", async () => {
    const timers = manualTimers();
    const releases: (() => void)[] = [];
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const scheduler = new IndexScheduler(
      (id) => {
        started.push(id);
        running += 1;
        most = Math.max(most, running);
        return new Promise<void>((resolve) =>
          releases.push(() => {
            running -= 1;
            resolve();
          }),
        );
      },
      { quietMs: 10, maxWaitMs: 100 },
      timers,
    );
    const papers = Array.from({ length: 50 }, (_, i) => `p${i}`);
    for (const id of papers) scheduler.written(id);
    timers.advance(10);
    expect(started).toEqual(["p0"]);
    expect(scheduler.pendingCount()).toBe(50);
    // Written while waiting its turn: still one refresh.
    scheduler.written("p7");
    for (let i = 1; i < papers.length; i++) {
      releases[i - 1]();
      await settled();
      expect(started.length).toBe(i + 1);
    }
    releases.at(-1)!();
    await settled();
    expect(started).toEqual(papers);
    expect(most).toBe(1);
    expect(timers.yields).toBe(49);
    expect(scheduler.pendingCount()).toBe(0);
  });

  it("goes on to the next paper when a refresh fails, and flushes everything at shutdown", async () => {
    const timers = manualTimers();
    const refreshed: string[] = [];
    const scheduler = new IndexScheduler(
      (id) =>
        id === "bad" ? Promise.reject(new Error("database gone")) : Promise.resolve(void refreshed.push(id)),
      { quietMs: 1000, maxWaitMs: 4000 },
      timers,
    );
    scheduler.written("bad");
    scheduler.written("p1");
    scheduler.written("p2");
    await scheduler.flush();
    expect(refreshed).toEqual(["p1", "p2"]);
    expect(scheduler.pendingCount()).toBe(0);
    // Nothing left on the timers either.
    timers.advance(5000);
    expect(refreshed).toEqual(["p1", "p2"]);
  });
});

/** Lets every promise callback queued so far (and those they queue) run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
