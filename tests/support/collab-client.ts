import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import type { ClientRequestArgs } from "node:http";

/** The stock y-websocket client in Node, authenticated by the session cookie and sending our Origin. */
export function collabClient(
  baseUrl: string,
  cookie: string,
  paperId: string,
  options: { origin?: string } = {},
) {
  const origin = options.origin ?? baseUrl;
  class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: origin } } satisfies ClientRequestArgs);
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, paperId, doc, {
    WebSocketPolyfill: AuthenticatedWebSocket as unknown as typeof globalThis.WebSocket,
    // In one Node process, clients would otherwise sync through BroadcastChannel and skip the server.
    disableBc: true,
  });
  return {
    doc,
    provider,
    synced(): Promise<void> {
      if (provider.synced) return Promise.resolve();
      return new Promise((resolve) => provider.once("sync", (isSynced: boolean) => isSynced && resolve()));
    },
    destroy(): void {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Opens a raw WebSocket to /collab/:paperId; resolves with the socket (and every frame it received
 * from the first byte on) or the HTTP status that refused it.
 */
export function rawCollabSocket(
  baseUrl: string,
  paperId: string,
  headers: Record<string, string>,
): Promise<{ ws?: WebSocket; status?: number; frames: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${paperId}`, { headers });
    ws.binaryType = "nodebuffer";
    const frames: Buffer[] = [];
    ws.on("message", (data: Buffer) => frames.push(data));
    ws.once("open", () => resolve({ ws, frames }));
    ws.once("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode, frames });
      ws.terminate();
    });
    ws.once("error", (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** A SyncStep1 frame ([messageSync][step 1][state vector]): the server answers it with a SyncStep2. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Whether a frame from the server is a SyncStep2 (sent only in answer to a client's SyncStep1). */
export function isSyncStep2(frame: Uint8Array): boolean {
  return frame[0] === 0 && frame[1] === 1;
}

type StockClient = Pick<ReturnType<typeof collabClient>, "doc" | "provider">;

/**
 * Every frame the server sends a stock client from now on (on its current socket), as it arrives.
 */
export function recordFrames(client: StockClient): Uint8Array[] {
  const ws = client.provider.ws;
  if (!ws) throw new Error("the client has no socket");
  const frames: Uint8Array[] = [];
  ws.addEventListener("message", (event: MessageEvent) =>
    frames.push(new Uint8Array(event.data as ArrayBuffer)),
  );
  return frames;
}

/**
 * A sync round trip on a stock client's own socket: sends a SyncStep1 and resolves when the server's
 * answer arrives. The server handles one socket's frames in order and the socket keeps what it sends in
 * order, so by then the server has handled everything this client sent before (an edit it refused
 * included), and everything the server sent this client before has arrived; the answer itself brings
 * whatever the server holds that the client lacks.
 */
export function roundTrip(client: StockClient, timeoutMs = 5000): Promise<void> {
  const ws = client.provider.ws;
  if (!ws || ws.readyState !== ws.OPEN) return Promise.reject(new Error("the client's socket is not open"));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      ws.removeEventListener("message", onMessage);
      ws.removeEventListener("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (event: MessageEvent) => {
      if (isSyncStep2(new Uint8Array(event.data as ArrayBuffer))) done();
    };
    const onClose = () => done(new Error("the socket closed before the server answered a SyncStep1"));
    const timer = setTimeout(
      () => done(new Error(`no answer to a SyncStep1 within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.addEventListener("message", onMessage);
    ws.addEventListener("close", onClose);
    ws.send(syncStep1Frame(client.doc));
  });
}

/**
 * What the server holds of a paper at this moment, read over a raw socket: a SyncStep1 from an empty
 * document and the server's answer. Nothing else is sent, so nobody sees this reader among those present.
 */
export async function serverDoc(baseUrl: string, cookie: string, paperId: string): Promise<Y.Doc> {
  const { ws, status, frames } = await rawCollabSocket(baseUrl, paperId, { Origin: baseUrl, Cookie: cookie });
  if (!ws) throw new Error(`the collaboration server refused the upgrade with ${status}`);
  try {
    const empty = new Y.Doc();
    ws.send(syncStep1Frame(empty));
    empty.destroy();
    await waitFor(
      () => frames.some(isSyncStep2) || ws.readyState !== ws.OPEN,
      5000,
      "the answer to a SyncStep1",
    );
    const answer = frames.find(isSyncStep2);
    if (!answer) throw new Error("the socket closed before the server answered a SyncStep1");
    const decoder = decoding.createDecoder(answer);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    return doc;
  } finally {
    ws.close();
  }
}

/** Text of a section: all paragraphs' text joined by newlines. */
export function sectionText(doc: Y.Doc, key: string): string {
  return doc
    .getXmlFragment(key)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? String(t.toString()) : ""))
            .join("")
        : "",
    )
    .join("\n");
}

/** Appends a paragraph with `text` to a section, the way the editor would store it. */
export function appendParagraph(doc: Y.Doc, key: string, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  content.insert(0, text);
  paragraph.insert(0, [content]);
  doc.getXmlFragment(key).push([paragraph]);
  return content;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  message = "condition",
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
