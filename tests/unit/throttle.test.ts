import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_LIMIT,
  IP_LIMIT,
  WINDOW_MS,
  combineDecisions,
  decideThrottle,
  type ThrottleDecision,
} from "~/modules/auth/throttle.logic";
import { testSeed } from "../support/random";

const MINUTE = 60 * 1000;
const now = new Date("2026-03-12T10:00:00.000Z");
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * MINUTE));
const at = (ms: number) => new Date(ms);

describe("sign-in throttling for one account", () => {
  it("lets someone try again after four wrong passwords", () => {
    expect(decideThrottle(minutesAgo(4, 3, 2, 1), ACCOUNT_LIMIT, now)).toEqual({ allowed: true });
  });

  it("refuses the attempt after five wrong passwords, until the oldest leaves the window", () => {
    const decision = decideThrottle(minutesAgo(10, 4, 3, 2, 1), ACCOUNT_LIMIT, now);
    expect(decision.allowed).toBe(false);
    expect(decision.retryAt).toEqual(new Date(now.getTime() + 5 * MINUTE));
  });

  it("waits for enough failures to age out when there are more than the limit", () => {
    // Seven failures: three have to leave the window before only four remain.
    const decision = decideThrottle(minutesAgo(14, 12, 9, 5, 4, 3, 1), ACCOUNT_LIMIT, now);
    expect(decision.retryAt).toEqual(new Date(now.getTime() + (15 - 9) * MINUTE));
  });

  it("does not count failures older than fifteen minutes", () => {
    expect(decideThrottle(minutesAgo(40, 20, 16, 4, 3, 2, 1), ACCOUNT_LIMIT, now)).toEqual({ allowed: true });
  });

  it("stops counting a failure exactly fifteen minutes after it", () => {
    expect(decideThrottle(minutesAgo(15, 4, 3, 2, 1), ACCOUNT_LIMIT, now).allowed).toBe(true);
    expect(
      decideThrottle([at(now.getTime() - WINDOW_MS + 1), ...minutesAgo(4, 3, 2, 1)], ACCOUNT_LIMIT, now)
        .allowed,
    ).toBe(false);
  });

  it("reads failures newest first as well as oldest first", () => {
    const oldestFirst = minutesAgo(14, 12, 9, 5, 4, 3, 1);
    expect(decideThrottle([...oldestFirst].reverse(), ACCOUNT_LIMIT, now)).toEqual(
      decideThrottle(oldestFirst, ACCOUNT_LIMIT, now),
    );
  });

  it("locks nobody out for good: at retryAt the same failures allow an attempt", () => {
    const failures = minutesAgo(10, 4, 3, 2, 1);
    const { retryAt } = decideThrottle(failures, ACCOUNT_LIMIT, now);
    expect(retryAt).toBeDefined();
    expect(decideThrottle(failures, ACCOUNT_LIMIT, at(retryAt!.getTime() - 1)).allowed).toBe(false);
    expect(decideThrottle(failures, ACCOUNT_LIMIT, retryAt!)).toEqual({ allowed: true });
  });

  it("lets an office behind one address make more mistakes than one account", () => {
    const nineteen = Array.from({ length: 19 }, (_, i) => at(now.getTime() - (i + 1) * 1000));
    expect(decideThrottle(nineteen, IP_LIMIT, now).allowed).toBe(true);
    expect(decideThrottle([...nineteen, at(now.getTime() - 30 * 1000)], IP_LIMIT, now).allowed).toBe(false);
  });
});

describe("combining the account and address decisions", () => {
  const allowed: ThrottleDecision = { allowed: true };
  const refusedUntil = (iso: string): ThrottleDecision => ({ allowed: false, retryAt: new Date(iso) });

  it("allows when both allow", () => {
    expect(combineDecisions(allowed, allowed)).toEqual({ allowed: true });
  });

  it("allows when there is nothing to combine", () => {
    expect(combineDecisions()).toEqual({ allowed: true });
  });

  it("refuses when either refuses, with that decision's retry time", () => {
    expect(combineDecisions(allowed, refusedUntil("2026-03-12T10:05:00Z"))).toEqual(
      refusedUntil("2026-03-12T10:05:00Z"),
    );
    expect(combineDecisions(refusedUntil("2026-03-12T10:05:00Z"), allowed)).toEqual(
      refusedUntil("2026-03-12T10:05:00Z"),
    );
  });

  it("tells the person to come back at the latest of the retry times", () => {
    const combined = combineDecisions(
      refusedUntil("2026-03-12T10:12:00Z"),
      allowed,
      refusedUntil("2026-03-12T10:05:00Z"),
    );
    expect(combined).toEqual(refusedUntil("2026-03-12T10:12:00Z"));
  });
});

describe("throttling properties", () => {
  // Randomized: the seed is printed, and RANDOM_SEED=<seed> replays a failure.
  const seed = testSeed();
  console.info(`throttle properties: seed ${seed} (replay with RANDOM_SEED=${seed})`);
  const runs = { seed, numRuns: 300 };

  const limit = fc.integer({ min: 1, max: 25 });
  // How long ago each failure happened, up to twice the window.
  const ages = fc.array(fc.integer({ min: 0, max: 2 * WINDOW_MS }), { maxLength: 40 });
  const failuresFrom = (agesMs: number[]) => agesMs.map((age) => at(now.getTime() - age));

  it("never refuses once every failure is older than the window", () => {
    const oldAges = fc.array(fc.integer({ min: WINDOW_MS, max: 10 * WINDOW_MS }), { maxLength: 40 });
    fc.assert(
      fc.property(oldAges, limit, (agesMs, lim) => {
        expect(decideThrottle(failuresFrom(agesMs), lim, now)).toEqual({ allowed: true });
      }),
      runs,
    );
  });

  it("refuses exactly when at least `limit` failures fall within the window", () => {
    fc.assert(
      fc.property(ages, limit, (agesMs, lim) => {
        const inWindow = agesMs.filter((age) => age < WINDOW_MS).length;
        expect(decideThrottle(failuresFrom(agesMs), lim, now).allowed).toBe(inWindow < lim);
      }),
      runs,
    );
  });

  it("gives a refused attempt a retry time in the future, and allows the attempt from then on", () => {
    fc.assert(
      fc.property(ages, limit, fc.integer({ min: 0, max: WINDOW_MS }), (agesMs, lim, later) => {
        const failures = failuresFrom(agesMs);
        const decision = decideThrottle(failures, lim, now);
        fc.pre(!decision.allowed);
        const retryAt = decision.retryAt!.getTime();
        expect(retryAt).toBeGreaterThan(now.getTime());
        expect(retryAt).toBeLessThanOrEqual(now.getTime() + WINDOW_MS);
        expect(decideThrottle(failures, lim, at(retryAt - 1)).allowed).toBe(false);
        expect(decideThrottle(failures, lim, at(retryAt + later)).allowed).toBe(true);
      }),
      runs,
    );
  });

  it("does not depend on the order the failures come in", () => {
    const agesAndShuffled = ages.chain((a) =>
      fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length })),
    );
    fc.assert(
      fc.property(agesAndShuffled, limit, ([agesMs, shuffled], lim) => {
        expect(decideThrottle(failuresFrom(shuffled), lim, now)).toEqual(
          decideThrottle(failuresFrom(agesMs), lim, now),
        );
      }),
      runs,
    );
  });

  it("combines to the latest retry time of the refusals, or allows when none refuses", () => {
    const decision: fc.Arbitrary<ThrottleDecision> = fc.oneof(
      fc.constant({ allowed: true }),
      fc
        .integer({ min: 1, max: WINDOW_MS })
        .map((ms) => ({ allowed: false, retryAt: at(now.getTime() + ms) })),
    );
    fc.assert(
      fc.property(fc.array(decision, { maxLength: 5 }), (decisions) => {
        const combined = combineDecisions(...decisions);
        const retryTimes = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAt!.getTime()]));
        if (retryTimes.length === 0) expect(combined).toEqual({ allowed: true });
        else expect(combined).toEqual({ allowed: false, retryAt: at(Math.max(...retryTimes)) });
      }),
      runs,
    );
  });
});
