import { describe, expect, it } from "vitest";
import { IndexScheduler, type SchedulerTimers } from "~/modules/search/index-scheduler";
import { byDeadline, isUrgent } from "~/modules/desk/desk";
import {
  participationByDelegation,
  pipelineCounts,
  quietDelegations,
  voteTurnout,
} from "~/modules/dashboard/dashboard";

/** Timers driven by hand: `advance` runs what is due. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: SchedulerTimers & { advance(ms: number): void } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void due.delete(id as number),
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
    await Promise.resolve();
    await Promise.resolve();
    timers.advance(10);
    expect(calls).toBe(2);
    release();
    expect(most).toBe(1);
  });
});

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
