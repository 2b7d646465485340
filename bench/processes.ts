// Every child process the benchmark starts is tracked here and killed on the way out, even on failure.
import type { ChildProcess } from "node:child_process";

const children = new Set<ChildProcess>();
const pids = new Set<() => number | undefined>();

export function track(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** For processes we only know by pid (the Acuerdo server, started by tests/support/server.ts). */
export function trackPid(pid: () => number | undefined): () => void {
  pids.add(pid);
  return () => pids.delete(pid);
}

export function killAll(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const pid of pids) {
    const id = pid();
    if (!id) continue;
    try {
      process.kill(id, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
