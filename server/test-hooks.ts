import { readFileSync } from "node:fs";
import { PerformanceObserver, monitorEventLoopDelay } from "node:perf_hooks";
import type { Request, Response } from "express";

const TICK_MS = 10;

/** CPU time of this process's main thread in ms (Linux; elsewhere the whole process, an upper bound). */
function mainThreadCpuMs(): number {
  try {
    // Fields 14 and 15 of /proc/<pid>/task/<tid>/stat: user and system time in clock ticks (1/100 s).
    const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

/**
 * Test instrument (ACUERDO_TEST_HOOKS=1 only): how long the event loop was held since the previous call.
 *
 * `maxMs` is perf_hooks' monitorEventLoopDelay: wall-clock lateness, which on a loaded machine also
 * counts time the OS did not run the process at all. `blockedMs` separates the two: a 10 ms timer's
 * lateness, capped by the CPU time the main thread actually used meanwhile (at the kernel's 10 ms
 * resolution), i.e. how long our own code held the loop. Also the longest garbage-collection pause.
 */
export function eventLoopProbe() {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  histogram.enable();
  let longestGc = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  }).observe({ entryTypes: ["gc"] });

  let blocked = 0;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    const late = now - last - TICK_MS;
    // The CPU clock ticks every 10 ms: add one tick so a block is never under-counted.
    if (late > 0) blocked = Math.max(blocked, Math.min(late, cpu - lastCpu + 10));
    last = now;
    lastCpu = cpu;
  }, TICK_MS).unref();

  return (_req: Request, res: Response): void => {
    const body = {
      maxMs: histogram.max / 1e6,
      blockedMs: blocked,
      p99Ms: histogram.percentile(99) / 1e6,
      longestGcMs: longestGc,
    };
    histogram.reset();
    longestGc = 0;
    blocked = 0;
    res.json(body);
  };
}
