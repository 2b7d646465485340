import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Request, Response } from "express";

/**
 * Test instrument (ACUERDO_TEST_HOOKS=1 only): the longest event-loop delay since the previous call,
 * measured by perf_hooks at 10 ms resolution, so a test can prove no frame blocked the process.
 */
export function eventLoopProbe() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return (_req: Request, res: Response): void => {
    const body = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, count: histogram.count };
    histogram.reset();
    res.json(body);
  };
}
