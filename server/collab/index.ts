import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { registerLiveDocuments } from "../../app/modules/papers/live-docs";
import { log } from "../log";
import { authorizeUpgrade } from "./auth";
import { DocumentRegistry } from "./documents";
import type { Fanout } from "./fanout";

/** Frames larger than this close the connection (1009) before they are buffered whole. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

const REASONS: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error" };

export interface Collab {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, paperId: string): void;
  registry: DocumentRegistry;
  close(): Promise<void>;
}

/** The collaboration server: y-websocket protocol at /collab/:paperId on the app's own port. */
export function createCollab(options: { expectedOrigin: (req: IncomingMessage) => string; fanout?: Fanout | null }): Collab {
  const registry = new DocumentRegistry(options.fanout ?? null);
  registerLiveDocuments(registry);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    registry,
    handleUpgrade(req, socket, head, paperId) {
      authorizeUpgrade(req, paperId, options.expectedOrigin(req))
        .then((decision) => {
          if (!decision.ok) {
            log.info({ paperId, status: decision.status, reason: decision.reason }, "collaboration upgrade refused");
            socket.end(`HTTP/1.1 ${decision.status} ${REASONS[decision.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            alive.set(ws, true);
            ws.on("pong", () => alive.set(ws, true));
            ws.on("error", (error) => log.warn({ err: error, paperId }, "collaboration socket error"));
            registry.connect(ws, paperId, decision.identity);
          });
        })
        .catch((error: unknown) => {
          log.error({ err: error, paperId }, "collaboration upgrade failed");
          socket.end(`HTTP/1.1 500 ${REASONS[500]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        });
    },
    async close() {
      clearInterval(pinger);
      // 1012 "service restart": the stock client reconnects, and finds another process or this one back.
      await registry.closeAll(1012, "server restarting");
      wss.close();
    },
  };
}
