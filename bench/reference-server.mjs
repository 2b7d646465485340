// The reference servers, each alone in its own process on loopback, in memory:
//   y-websocket: @y/websocket-server's setupWSConnection, wired exactly as its own bin/server.js does;
//   hocuspocus:  @hocuspocus/server with no extensions.
// Prints {"port":N} once listening; SIGTERM stops it.
import http from "node:http";
import { WebSocketServer } from "ws";

const kind = process.argv[2];

if (kind === "y-websocket") {
  const { setupWSConnection } = await import("@y/websocket-server/utils");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("okay");
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", setupWSConnection);
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)),
  );
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
  });
  process.on("SIGTERM", () => process.exit(0));
} else if (kind === "hocuspocus") {
  const { Server } = await import("@hocuspocus/server");
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: true });
  await server.listen();
  console.log(JSON.stringify({ port: server.address.port }));
} else {
  console.error(`unknown reference server ${kind}`);
  process.exit(2);
}
