import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { registerLiveDocuments } from "../../app/modules/documents/live-docs";
import { log } from "../log";
import { authorizeUpgrade } from "./auth";
import { DocumentRegistry } from "./documents";
import { refuseUpgrade } from "./upgrade";
import type { Fanout } from "./fanout";
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_SERVICE_RESTART,
  CLOSE_TOO_LARGE,
  DEFAULT_LIMITS,
  type CollabLimits,
} from "./limits";

const PING_INTERVAL_MS = 30_000;

const REASONS: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
};

export interface Collab {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, paperId: string): void;
  registry: DocumentRegistry;
  close(): Promise<void>;
}

/** The collaboration server: y-websocket protocol at /collab/:paperId on the app's own port. */
export function createCollab(options: {
  expectedOrigin: (req: IncomingMessage) => string;
  fanout?: Fanout | null;
  limits?: Partial<CollabLimits>;
  /** Test instrument: delay before a paper is loaded from the database. */
  loadDelayMs?: number;
}): Collab {
  const limits: CollabLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const registry = new DocumentRegistry(options.fanout ?? null, limits, options.loadDelayMs ?? 0);
  registerLiveDocuments(registry);
  // ws stops reading a frame at maxPayload, so an oversized frame is never buffered whole.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
  });
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
      const epoch = registry.accessEpoch;
      const started = performance.now();
      authorizeUpgrade(req, paperId, options.expectedOrigin(req), (status) =>
        registry.preload(paperId, status),
      )
        .then((decision) => {
          if (!decision.ok) {
            log.info(
              { paperId, status: decision.status, reason: decision.reason },
              "collaboration upgrade refused",
            );
            refuseUpgrade(socket, decision.status, REASONS[decision.status]);
            return;
          }
          // The benchmark reads this line to say where a cold open's time goes.
          log.debug(
            { paperId, ms: Math.round((performance.now() - started) * 100) / 100 },
            "collaboration upgrade allowed",
          );
          wss.handleUpgrade(req, socket, head, (ws) => {
            // ws closes a socket itself on an oversized frame (1009) or a broken one (1002, 1007), after
            // which the stock client reconnects and sends the same thing again, forever: 44xx stops it.
            const close = ws.close.bind(ws);
            ws.close = (code?: number, reason?: string | Buffer) => {
              if (code === 1009)
                return close(CLOSE_TOO_LARGE, `frame larger than ${limits.maxFrameBytes} bytes`);
              if (code === 1002 || code === 1007) return close(CLOSE_BAD_MESSAGE, "invalid WebSocket frame");
              return close(code, reason);
            };
            alive.set(ws, true);
            ws.on("pong", () => alive.set(ws, true));
            ws.on("error", (error) => log.warn({ err: error, paperId }, "collaboration socket error"));
            const connection = registry.connect(ws, paperId, decision.identity);
            // Someone's access changed while this upgrade was being decided: decide again.
            if (registry.accessEpoch !== epoch) void registry.recheck(connection, paperId);
          });
        })
        .catch((error: unknown) => {
          log.error({ err: error, paperId }, "collaboration upgrade failed");
          refuseUpgrade(socket, 500, REASONS[500]);
        });
    },
    async close() {
      clearInterval(pinger);
      // 1012 "service restart": the stock client reconnects, and finds another process or this one back.
      await registry.closeAll(CLOSE_SERVICE_RESTART, "server restarting");
      wss.close();
    },
  };
}
