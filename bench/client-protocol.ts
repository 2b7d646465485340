// The orchestrator's handle on the client worker (bench/client-worker.ts), a child process.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Summary } from "./stats";
import { track } from "./processes";

export type ServerKind = "acuerdo" | "y-websocket" | "hocuspocus";

export interface Target {
  kind: ServerKind;
  /** http://127.0.0.1:port */
  url: string;
}

export type WorkerRequest =
  | { cmd: "open"; target: Target; room: string; count: number; cookies: string[] }
  | { cmd: "fill"; id: number; bytes: number }
  | { cmd: "hold"; target: Target; room: string; cookie?: string; updates?: number; bytes?: number }
  | { cmd: "coldOpen"; target: Target; room: string; cookie?: string }
  | {
      cmd: "type";
      rooms: Record<string, number[]>;
      intervalMs: number;
      durationMs: number;
      recordSends: boolean;
      settleMs: number;
    }
  | { cmd: "blast"; ids: number[]; intervalMs: number; durationMs: number }
  | { cmd: "close"; ids?: number[] }
  | { cmd: "memory" };

export interface TypeResult {
  latency: Summary;
  sends: number;
  elapsedMs: number;
  arrivals: number;
  expected: number;
  /** Epoch milliseconds of every keystroke, in order (only when asked for). */
  sendTimes: number[];
  typists: number;
}

const HERE = path.dirname(new URL(import.meta.url).pathname);

export class ClientWorker {
  private seq = 0;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: { seq: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.seq);
      if (!waiter) return;
      this.waiting.delete(message.seq);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`client worker: ${message.error}`));
    });
    child.on("exit", (code, signal) => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`client worker exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  static spawn(): ClientWorker {
    const child = fork(path.join(HERE, "client-worker.ts"), [], {
      execArgv: ["--import", "tsx", "--max-old-space-size=4096"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    track(child);
    return new ClientWorker(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(request: WorkerRequest, timeoutMs = 180_000): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(seq);
        reject(new Error(`client worker: ${request.cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(seq, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ seq, request });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGKILL");
    await exited;
  }
}
