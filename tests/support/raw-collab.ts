import { readFileSync } from "node:fs";
import WebSocket from "ws";
import * as Y from "yjs";
import { collabClient } from "./collab-client";

export interface RawSocket {
  ws: WebSocket;
  frames: Buffer[];
  /** Resolves with the close code and reason when the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
}

/** A raw WebSocket on /collab/:paperId that records every frame and how it was closed. */
export function openRawSocket(baseUrl: string, paperId: string, cookie: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${paperId}`, {
      headers: { Origin: baseUrl, Cookie: cookie },
    });
    ws.binaryType = "nodebuffer";
    const frames: Buffer[] = [];
    ws.on("message", (data: Buffer) => frames.push(data));
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.once("close", (code: number, reason: Buffer) => done({ code, reason: reason.toString() })),
    );
    ws.once("open", () => resolve({ ws, frames, closed, isOpen: () => ws.readyState === WebSocket.OPEN }));
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade refused with ${res.statusCode}`)),
    );
    ws.once("error", (error) => {
      if (ws.readyState !== WebSocket.OPEN) reject(error);
    });
  });
}

/** Sends a frame, tolerating a socket the server already closed. */
export function sendQuietly(ws: WebSocket, data: Buffer | Uint8Array | string): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(data, () => undefined);
}

export const SECTION_KEYS = ["finding", "recommendation", "evidence", "actions", "implementation"] as const;

/** What a stock client sees of a paper: the full state (for exact comparison) and its state vector. */
export async function paperState(
  baseUrl: string,
  cookie: string,
  paperId: string,
): Promise<{ state: Buffer; vector: string; doc: Y.Doc }> {
  const client = collabClient(baseUrl, cookie, paperId);
  await client.synced();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return {
    state: Buffer.from(Y.encodeStateAsUpdate(doc)),
    vector: Buffer.from(Y.encodeStateVector(doc)).toString("base64"),
    doc,
  };
}

/** Resident memory of a process, in MiB (Linux). */
export function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** Samples a process's resident memory every 50 ms until stopped; returns the peak. */
export function watchMemory(pid: number): { stop(): number } {
  let peak = residentMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentMiB(pid));
    } catch {
      // the process is gone; the test that killed it knows
    }
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
