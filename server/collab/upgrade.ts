import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** `/collab/:paperId` → the paper id; anything else → null. */
export function parseCollabPath(url: string | undefined): string | null {
  const match = /^\/collab\/([A-Za-z0-9_-]{1,64})(?:\?.*)?$/.exec(url ?? "");
  return match ? match[1] : null;
}

/**
 * Answers an upgrade with an HTTP error and drops the connection. Whatever the client keeps sending is
 * discarded as it arrives, never kept; the socket is cut a second later (cutting it at once, with data
 * still coming in, resets the connection and can lose the answer before the client reads it).
 */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.resume();
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Routes HTTP upgrades. Only `/collab/:paperId` is an upgrade path; the collaboration server that
 * answers it is attached by `attachCollab` once it exists.
 */
export function createUpgradeRouter(handlers: {
  collab?: (req: IncomingMessage, socket: Duplex, head: Buffer, paperId: string) => void;
}) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    const paperId = parseCollabPath(req.url);
    if (!paperId) return refuseUpgrade(socket, 404, "Not Found");
    if (!handlers.collab) return refuseUpgrade(socket, 503, "Service Unavailable");
    handlers.collab(req, socket, head, paperId);
  };
}
