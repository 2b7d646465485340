// Frames sent to one socket in one event-loop turn leave in one write (server/collab/turn-cork.ts).
import net from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { WebSocket, WebSocketServer } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { TurnCork, underlyingSocket } from "../../server/collab/turn-cork";

interface Writes {
  calls: number;
  chunks: number;
}

/** Counts the writes a socket hands to the system: `_writev` (several chunks at once) or `_write`. */
function countWrites(socket: net.Socket): Writes {
  const writes: Writes = { calls: 0, chunks: 0 };
  const inner = socket as unknown as {
    _writev: (chunks: unknown[], cb: () => void) => void;
    _write: (chunk: unknown, encoding: string, cb: () => void) => void;
  };
  const writev = inner._writev.bind(socket);
  const write = inner._write.bind(socket);
  inner._writev = (chunks, cb) => {
    writes.calls += 1;
    writes.chunks += chunks.length;
    writev(chunks, cb);
  };
  inner._write = (chunk, encoding, cb) => {
    writes.calls += 1;
    writes.chunks += 1;
    write(chunk, encoding, cb);
  };
  return writes;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A WebSocket server on loopback with one client; resolves with the server's side of the connection. */
async function socketPair(): Promise<{ server: WebSocket; received: Buffer[] }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const { port } = wss.address() as net.AddressInfo;
  const accepted = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  cleanups.push(() => client.terminate());
  const received: Buffer[] = [];
  client.on("message", (data) => received.push(data as Buffer));
  await new Promise<void>((resolve) => client.once("open", () => resolve()));
  return { server: await accepted, received };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe("one write per socket per event-loop turn", () => {
  it("sends a turn's frames in one system write, in order, and nothing waits past the turn", async () => {
    const { server, received } = await socketPair();
    const socket = underlyingSocket(server) as net.Socket;
    expect(socket).toBeInstanceOf(net.Socket);
    const writes = countWrites(socket);
    const cork = new TurnCork(socket);
    for (const text of ["one", "two", "three"]) {
      cork.hold();
      server.send(Buffer.from(text));
    }
    expect(writes.calls).toBe(0);
    await nextTurn();
    // ws writes each frame as its header and its payload.
    expect(writes).toEqual({ calls: 1, chunks: 6 });
    await until(() => received.length === 3);
    expect(received.map(String)).toEqual(["one", "two", "three"]);
  });

  it("corks each turn afresh: two turns, two writes", async () => {
    const { server, received } = await socketPair();
    const socket = underlyingSocket(server) as net.Socket;
    const writes = countWrites(socket);
    const cork = new TurnCork(socket);
    cork.hold();
    server.send(Buffer.from("a"));
    await nextTurn();
    cork.hold();
    server.send(Buffer.from("b"));
    cork.hold();
    server.send(Buffer.from("c"));
    await nextTurn();
    expect(writes.calls).toBe(2);
    await until(() => received.length === 3);
    expect(received.map(String)).toEqual(["a", "b", "c"]);
  });

  it("without it each frame is a write of its own (what the batching saves)", async () => {
    const { server } = await socketPair();
    const writes = countWrites(underlyingSocket(server) as net.Socket);
    for (const text of ["one", "two", "three"]) server.send(Buffer.from(text));
    await nextTurn();
    expect(writes.calls).toBe(3);
  });

  it("does nothing for a destroyed socket or a socket stand-in", async () => {
    const { server } = await socketPair();
    const socket = underlyingSocket(server) as net.Socket;
    socket.destroy();
    expect(() => new TurnCork(socket).hold()).not.toThrow();
    expect(socket.writableCorked).toBe(0);
    expect(underlyingSocket({ send: () => undefined })).toBeNull();
    expect(() => new TurnCork(null).hold()).not.toThrow();
  });
});
