// The benchmark's clients: one child process hosting many stock providers (y-websocket's
// WebsocketProvider for Acuerdo and the reference server, @hocuspocus/provider for Hocuspocus), driven
// by the orchestrator over IPC, so that client CPU never sits in a server's process.
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { ClientRequestArgs } from "node:http";
import { summarize, type Summary } from "./stats";
import type { Target, WorkerRequest } from "./client-protocol";

// A section of the template bench papers are created from: the server refuses any other top-level type.
const FRAGMENT = "finding";
const SYNC_TIMEOUT_MS = 60_000;

interface Client {
  id: number;
  /** Times the socket closed after it had opened (a server closing it, or a reconnect). */
  closes: number;
  room: string;
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

// Every stock y-websocket provider adds a process "exit" listener.
process.setMaxListeners(0);

const clients = new Map<number, Client>();
let nextId = 1;

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

function connect(target: Target, room: string, doc = new Y.Doc(), cookie?: string): Client {
  const wsUrl = target.url.replace(/^http/, "ws");
  let provider: { destroy(): void };
  let synced: Promise<void>;
  if (target.kind === "hocuspocus") {
    // One socket per client, as separate browsers would have (providers can also share one).
    const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket });
    const hp = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc });
    hp.attach();
    synced = new Promise((resolve) => {
      if (hp.isSynced) return resolve();
      hp.on("synced", ({ state }: { state: boolean }) => state && resolve());
    });
    hp.on("close", () => (client.closes += 1));
    provider = {
      destroy() {
        hp.destroy();
        socket.destroy();
      },
    };
  } else {
    let Polyfill: typeof WebSocket = WebSocket;
    if (target.kind === "acuerdo") {
      const headers = { Cookie: cookie ?? "", Origin: target.url };
      Polyfill = class AuthenticatedWebSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers } satisfies ClientRequestArgs);
        }
      } as unknown as typeof WebSocket;
    }
    const base = target.kind === "acuerdo" ? `${wsUrl}/collab` : wsUrl;
    // disableBc: clients in one process would otherwise sync through BroadcastChannel, not the server.
    const yp = new WebsocketProvider(base, room, doc, {
      WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    synced = new Promise((resolve) => {
      if (yp.synced) return resolve();
      yp.on("sync", (isSynced: boolean) => isSynced && resolve());
    });
    yp.on("connection-close", () => (client.closes += 1));
    provider = yp;
  }
  const client: Client = {
    id: nextId++,
    closes: 0,
    room,
    doc,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
      clients.delete(client.id);
    },
  };
  clients.set(client.id, client);
  return client;
}

function fragmentLength(doc: Y.Doc): number {
  let length = 0;
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) {
    if (node instanceof Y.XmlElement)
      for (const child of node.toArray()) if (child instanceof Y.XmlText) length += child.length;
  }
  return length;
}

async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function paragraph(text: string): { element: Y.XmlElement; content: Y.XmlText } {
  const element = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  if (text) content.insert(0, text);
  element.insert(0, [content]);
  return { element, content };
}

/**
 * A typist's paragraph: its key, a line break, then what it types (the schema has no attribute to
 * carry the key; a receiver reads it from the text before the break).
 */
function typistParagraph(key: string): { element: Y.XmlElement; content: Y.XmlText } {
  const element = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  element.insert(0, [new Y.XmlText(key), new Y.XmlElement("hardBreak"), content]);
  return { element, content };
}

/** A paper whose history is `count` single-character updates, typed at the end the way an editor sends them. */
function typedHistory(count: number): Y.Doc {
  const doc = new Y.Doc();
  const { element, content } = paragraph("");
  doc.getXmlFragment(FRAGMENT).insert(0, [element]);
  for (let i = 0; i < count - 1; i += 1) content.insert(content.length, "abcdefghij"[i % 10]);
  return doc;
}

const LOREM =
  "Delegations agree that regular pathways reduce irregular movement and that remittance costs should fall below three percent. ";

/** Paragraphs of ~1 KB, one transaction each (a paste, not typing), until `bytes` characters. */
function fill(doc: Y.Doc, bytes: number): void {
  const chunk = LOREM.repeat(Math.ceil(1000 / LOREM.length)).slice(0, 1000);
  for (let written = 0; written < bytes; written += chunk.length) {
    doc.getXmlFragment(FRAGMENT).push([paragraph(chunk).element]);
  }
}

/** Typists append one character every `intervalMs`; every other client in the room records arrival latency. */
async function type(
  roomTypists: Record<string, number[]>,
  intervalMs: number,
  durationMs: number,
  recordSends: boolean,
  settleMs: number,
) {
  const samples: number[] = [];
  const sentAt = new Map<string, number[]>();
  const unobserve: (() => void)[] = [];
  const byRoom = new Map<string, Client[]>();
  for (const client of clients.values()) {
    if (!(client.room in roomTypists)) continue;
    const list = byRoom.get(client.room) ?? [];
    list.push(client);
    byRoom.set(client.room, list);
  }
  // Each typist gets its own paragraph, so a receiver can tell arrivals apart by text length alone.
  const typists: { key: string; text: Y.XmlText }[] = [];
  for (const [room, ids] of Object.entries(roomTypists)) {
    for (const id of ids) {
      const client = clients.get(id);
      if (!client) throw new Error(`no client ${id}`);
      const key = `${room}#${id}#${Math.random().toString(36).slice(2, 8)}`;
      const { element, content } = typistParagraph(key);
      client.doc.getXmlFragment(FRAGMENT).push([element]);
      typists.push({ key, text: content });
      sentAt.set(key, []);
    }
  }
  const keys = new Set(sentAt.keys());
  // Every client must see every typist's paragraph before the clock starts.
  const findTexts = (client: Client) => {
    const found = new Map<string, Y.XmlText>();
    for (const node of client.doc.getXmlFragment(FRAGMENT).toArray()) {
      if (!(node instanceof Y.XmlElement)) continue;
      const [label, , typed] = node.toArray() as unknown[];
      const key = label instanceof Y.XmlText ? String(label.toString()) : "";
      if (keys.has(key) && typed instanceof Y.XmlText) found.set(key, typed);
    }
    return found;
  };
  let arrivals = 0;
  for (const members of byRoom.values()) {
    const roomKeys = typists
      .filter((t) => members.some((m) => t.key.startsWith(`${m.room}#`)))
      .map((t) => t.key);
    for (const member of members) {
      await waitUntil(
        () => roomKeys.every((k) => findTexts(member).has(k)),
        30_000,
        `typist paragraphs in ${member.room}`,
      );
      for (const [key, text] of findTexts(member)) {
        if (key.split("#")[1] === String(member.id)) continue;
        const times = sentAt.get(key)!;
        let seen = 0;
        const observer = () => {
          const now = performance.now();
          const length = text.length;
          for (let k = seen; k < length; k += 1) samples.push(now - times[k]);
          arrivals += length - seen;
          seen = length;
        };
        text.observe(observer);
        unobserve.push(() => text.unobserve(observer));
      }
    }
  }
  // The paragraphs themselves are edits too: let them be written before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const start = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let sends = 0;
  await new Promise<void>((resolve) => {
    typists.forEach(({ key, text }, i) => {
      const times = sentAt.get(key)!;
      const tick = () => {
        times.push(performance.now());
        text.insert(text.length, "abcdefghij"[times.length % 10]);
        sends += 1;
      };
      // Staggered so that ten typists do not all press a key in the same millisecond.
      const offset = (i * intervalMs) / typists.length;
      timers.push(
        setTimeout(() => {
          tick();
          timers.push(setInterval(tick, intervalMs));
        }, offset),
      );
    });
    timers.push(setTimeout(resolve, durationMs));
  });
  for (const timer of timers) clearTimeout(timer);
  const elapsed = performance.now() - start;
  const totalExpected = [...sentAt.entries()].reduce((sum, [key, times]) => {
    const room = key.split("#")[0];
    return sum + times.length * ((byRoom.get(room)?.length ?? 1) - 1);
  }, 0);
  // Let the last characters arrive (bounded).
  const tailStart = Date.now();
  while (arrivals < totalExpected && Date.now() - tailStart < 5000)
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (const off of unobserve) off();
  const latency: Summary = summarize(samples);
  const sendTimes = recordSends
    ? [...sentAt.values()]
        .flat()
        .map((t) => performance.timeOrigin + t)
        .sort((a, b) => a - b)
    : [];
  return {
    latency,
    sends,
    elapsedMs: elapsed,
    arrivals,
    expected: totalExpected,
    sendTimes,
    typists: typists.length,
  };
}

/**
 * Each client inserts a character every `intervalMs` (timers permitting) for `durationMs`: far faster
 * than anyone types, yet paced, so the offered load is known and no socket is flooded in one burst.
 */
async function blast(ids: number[], intervalMs: number, durationMs: number) {
  const end = performance.now() + durationMs;
  let sent = 0;
  const closesBefore = ids.reduce((sum, id) => sum + clients.get(id)!.closes, 0);
  await Promise.all(
    ids.map(async (id) => {
      const client = clients.get(id)!;
      const { element, content } = paragraph("");
      client.doc.getXmlFragment(FRAGMENT).push([element]);
      sent += 1;
      while (performance.now() < end) {
        content.insert(content.length, "x");
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    }),
  );
  const closes = ids.reduce((sum, id) => sum + clients.get(id)!.closes, 0) - closesBefore;
  return { sent, closes };
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.cmd) {
    case "open": {
      const opened: Client[] = [];
      for (let i = 0; i < request.count; i += 1)
        opened.push(
          connect(request.target, request.room, undefined, request.cookies[i % request.cookies.length]),
        );
      await timeout(
        Promise.all(opened.map((c) => c.synced)),
        SYNC_TIMEOUT_MS,
        `${request.count} clients synced on ${request.room}`,
      );
      return opened.map((c) => c.id);
    }
    case "fill": {
      const client = clients.get(request.id)!;
      fill(client.doc, request.bytes);
      const length = fragmentLength(client.doc);
      const others = [...clients.values()].filter((c) => c.room === client.room && c !== client);
      await waitUntil(
        () => others.every((c) => fragmentLength(c.doc) >= length),
        60_000,
        `fill to reach ${client.room}`,
      );
      return { length, stateBytes: Y.encodeStateAsUpdate(client.doc).length };
    }
    case "hold": {
      // A paper with a long typed history (or a large pasted one), uploaded by a client that stays connected.
      const doc = request.updates ? typedHistory(request.updates) : new Y.Doc();
      if (request.bytes) fill(doc, request.bytes);
      const client = connect(request.target, request.room, doc, request.cookie);
      await timeout(client.synced, SYNC_TIMEOUT_MS, `holder synced on ${request.room}`);
      // The server has it all once a second client sees it.
      const length = fragmentLength(doc);
      const probe = connect(request.target, request.room, undefined, request.cookie);
      await timeout(probe.synced, SYNC_TIMEOUT_MS, `probe synced on ${request.room}`);
      await waitUntil(() => fragmentLength(probe.doc) >= length, 60_000, `history to reach ${request.room}`);
      probe.destroy();
      return { id: client.id, length, stateBytes: Y.encodeStateAsUpdate(doc).length };
    }
    case "coldOpen": {
      const start = performance.now();
      const client = connect(request.target, request.room, undefined, request.cookie);
      await timeout(client.synced, SYNC_TIMEOUT_MS, `cold open of ${request.room}`);
      const ms = performance.now() - start;
      const length = fragmentLength(client.doc);
      client.destroy();
      return { ms, length };
    }
    case "type":
      return type(
        request.rooms,
        request.intervalMs,
        request.durationMs,
        request.recordSends,
        request.settleMs,
      );
    case "blast":
      return blast(request.ids, request.intervalMs, request.durationMs);
    case "close": {
      const ids = request.ids ?? [...clients.keys()];
      for (const id of ids) clients.get(id)?.destroy();
      return clients.size;
    }
    case "memory":
      return process.memoryUsage().rss;
  }
}

process.on("message", (message: { seq: number; request: WorkerRequest }) => {
  handle(message.request).then(
    (result) => process.send!({ seq: message.seq, ok: true, result }),
    (error: Error) => process.send!({ seq: message.seq, ok: false, error: error.stack ?? String(error) }),
  );
});
// The orchestrator going away takes its clients with it.
process.on("disconnect", () => process.exit(0));
