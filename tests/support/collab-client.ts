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
  condition: () => boolean,
  timeoutMs = 5000,
  message = "condition",
): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
