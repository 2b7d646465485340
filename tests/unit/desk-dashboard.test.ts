import { describe, expect, it } from "vitest";
import { IndexScheduler, type SchedulerTimers } from "~/modules/search/index-scheduler";
import { byDeadline, isUrgent } from "~/modules/desk/desk";
import {
  participationByDelegation,
  pipelineCounts,
  quietDelegations,
  voteTurnout,
} from "~/modules/dashboard/dashboard";

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

const US = { id: "us", code: "US", name: "United States", nameEs: "Estados Unidos", colour: "#000" };
const HN = { id: "hn", code: "HN", name: "Honduras", nameEs: "Honduras", colour: "#000" };

describe("group dashboard", () => {
  it("counts every pipeline status, zero included, in pipeline order", () => {
    expect(
      pipelineCounts([
        { status: "ADOPTED", count: 1 },
        { status: "DRAFT", count: 3 },
        { status: "WITHDRAWN", count: 2 },
      ]),
    ).toEqual([
      { status: "DRAFT", count: 3 },
      { status: "REVIEW", count: 0 },
      { status: "VOTING", count: 0 },
      { status: "ADOPTED", count: 1 },
    ]);
  });

  it("counts participation per delegation and lists a silent one with zeros", () => {
    const rows = participationByDelegation([US, HN], {
      stances: [{ delegationId: "us" }],
      comments: [{ delegationId: "us" }, { delegationId: "us" }, { delegationId: null }],
      edits: [{ delegationId: "us" }],
    });
    expect(rows.map((r) => [r.delegation.code, r.stances, r.comments, r.edits, r.total])).toEqual([
      ["US", 1, 2, 1, 4],
      ["HN", 0, 0, 0, 0],
    ]);
  });

  it("shows turnout per delegation that has eligible voters", () => {
    const turnout = voteTurnout(
      [US, HN],
      [
        { userId: "a", delegationId: "us" },
        { userId: "b", delegationId: "us" },
      ],
      new Set(["a"]),
    );
    expect(turnout).toEqual([{ delegation: US, eligible: 2, taken: 1 }]);
  });

  it("names quiet delegations and why: silent for 30 days, or no stance yet on an open vote", () => {
    const participation = participationByDelegation([US, HN], {
      stances: [],
      comments: [{ delegationId: "us" }],
      edits: [],
    });
    const quiet = quietDelegations(participation, [
      {
        paperTitle: "Remittances",
        turnout: [
          { delegation: US, eligible: 2, taken: 1 },
          { delegation: HN, eligible: 1, taken: 0 },
        ],
      },
    ]);
    expect(quiet).toEqual([{ delegation: HN, silentFor30Days: true, missingVotes: ["Remittances"] }]);
  });
});

describe("desk ordering", () => {
  it("puts the soonest deadline first and calls a deadline within a day urgent", () => {
    const items = [{ deadline: "2026-12-03T00:00:00.000Z" }, { deadline: "2026-12-01T10:00:00.000Z" }];
    expect(byDeadline(items)[0].deadline).toBe("2026-12-01T10:00:00.000Z");
    const now = Date.parse("2026-12-01T00:00:00Z");
    expect(isUrgent("2026-12-01T10:00:00.000Z", now)).toBe(true);
    expect(isUrgent("2026-12-03T00:00:00.000Z", now)).toBe(false);
  });
});
