// Runs each .docx conversion in its own worker thread: at most two at once (a third waits its turn,
// a queue longer than eight is told to try again), each with a memory ceiling and a time limit, so a
// hostile file costs one worker, never the process.
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { DocxRefused, type DocxRefusalReason } from "../../app/modules/word/docx-container";
import type { ConvertedDocx } from "../../app/modules/word/docx-convert";
import type { DocxConverter } from "../../app/modules/word/docx-converter";
import { CONVERSION_TIMEOUT_MS } from "../../app/modules/word/import-limits";
import { log } from "../log";

// From the sources (tsx) the worker's entry is ./worker.mjs beside this file; in the built server
// (scripts/build-server.mjs) it is word-worker.mjs beside the bundle.
const WORKER_FILE = fileURLToPath(
  new URL(import.meta.url.endsWith(".ts") ? "./worker.mjs" : "./word-worker.mjs", import.meta.url),
);
const CONCURRENT = 2;
const MAX_WAITING = 8;

type WorkerAnswer =
  | { ok: true; converted: ConvertedDocx }
  | { ok: false; reason: DocxRefusalReason; params: Record<string, string | number> };

function runInWorker(bytes: Uint8Array, timeoutMs: number): Promise<ConvertedDocx> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: bytes,
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new DocxRefused("timeout"))), timeoutMs);
    worker.once("message", (answer: WorkerAnswer) =>
      finish(() =>
        answer.ok ? resolve(answer.converted) : reject(new DocxRefused(answer.reason, answer.params)),
      ),
    );
    worker.once("error", (error) =>
      finish(() => {
        // Out of memory inside the worker is a file too large to convert, not a server fault.
        log.warn({ err: error.message }, "docx conversion worker failed");
        reject(new DocxRefused("conversionFailed"));
      }),
    );
    worker.once("exit", () => finish(() => reject(new DocxRefused("conversionFailed"))));
  });
}

export function createDocxConverter(timeoutMs = CONVERSION_TIMEOUT_MS): DocxConverter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (bytes) => {
    if (running >= CONCURRENT) {
      if (waiting.length >= MAX_WAITING) throw new DocxRefused("busy");
      // A finishing conversion hands its slot straight to the next in line.
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running += 1;
    try {
      return await runInWorker(bytes, timeoutMs);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
