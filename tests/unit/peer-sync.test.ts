import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME_UPDATE } from "../../server/collab/fanout";
import { DEFAULT_PEER_TIMING, PeerSync } from "../../server/collab/peer-sync";
import { seededRandom, testSeed } from "../support/random";
import { contentOf, randomEdit, vectorOf } from "../support/random-edits";

// Processes holding one paper, on a bus that loses what it is told to: what one misses, it gets back.

const EDITS = process.env.SOAK === "1" ? 3000 : 300;

interface Frame {
  from: string;
  to?: string;
  kind: number;
  payload: Uint8Array;
}

class Bus {
  queue: Frame[] = [];
  nodes = new Map<string, Node>();
  /** Chance that a frame is lost on its way to one recipient. */
  dropChance = 0;
  random: () => number = Math.random;
  saves: string[] = [];
  now = 0;

  add(id: string, doc = new Y.Doc()): Node {
    const node = new Node(id, doc, this);
    this.nodes.set(id, node);
    return node;
  }

  deliver(): void {
    while (this.queue.length > 0) {
      const frame = this.queue.shift()!;
      for (const [id, node] of this.nodes) {
        if (id === frame.from || (frame.to && frame.to !== id)) continue;
        if (this.random() < this.dropChance) continue;
        node.receive(frame);
      }
    }
  }

  /** Moves the clock on in steps of 50 ms, ticking every node and delivering what they send. */
  run(ms: number): void {
    for (let t = 0; t < ms; t += 50) {
      this.now += 50;
      for (const node of this.nodes.values()) node.sync.tick(this.now);
      this.deliver();
    }
  }
}

class Node {
  readonly sync: PeerSync;
  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private readonly bus: Bus,
  ) {
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== "relay" && origin !== "peer")
        bus.queue.push({ from: id, kind: FRAME_UPDATE, payload: update });
    });
    this.sync = new PeerSync(doc, {
      publish: (kind, payload, to) => bus.queue.push({ from: id, to, kind, payload }),
      applyFromPeer: (update) => Y.applyUpdate(doc, update, "peer"),
      catchUpFromStore: () => Promise.resolve(),
      saveMissing: () => {
        bus.saves.push(id);
        return Promise.resolve();
      },
    });
  }

  receive(frame: Frame): void {
    if (frame.kind === FRAME_UPDATE) Y.applyUpdate(this.doc, frame.payload, "relay");
    else this.sync.receive(frame.kind, frame.payload, frame.from, this.bus.now);
  }
}

function typeInto(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment("finding");
  if (fragment.length === 0) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  const content = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  content.insert(content.length, text);
}

const same = (a: Y.Doc, b: Y.Doc) => contentOf(a) === contentOf(b) && vectorOf(a) === vectorOf(b);

describe("processes comparing notes about one paper", () => {
  it("finds a dropped last keystroke through the heartbeats within a second", () => {
    const bus = new Bus();
    const a = bus.add("a");
    const b = bus.add("b");
    typeInto(a.doc, "Remittance costs ");
    bus.deliver();
    bus.run(1200);
    expect(same(a.doc, b.doc)).toBe(true);
    bus.dropChance = 1;
    typeInto(a.doc, "fell.");
    bus.deliver();
    expect(contentOf(b.doc)).not.toContain("fell.");
    bus.dropChance = 0;
    bus.run(1000);
    expect(contentOf(b.doc)).toContain("fell.");
    expect(same(a.doc, b.doc)).toBe(true);
  });

  it("recovers a dropped update that later ones depend on (pending structs)", () => {
    const bus = new Bus();
    const a = bus.add("a");
    const b = bus.add("b");
    typeInto(a.doc, "one ");
    bus.deliver();
    bus.dropChance = 1;
    typeInto(a.doc, "two ");
    bus.deliver();
    bus.dropChance = 0;
    typeInto(a.doc, "three");
    bus.deliver();
    expect(b.doc.store.pendingStructs).not.toBeNull();
    bus.run(DEFAULT_PEER_TIMING.pendingMs + 100);
    expect(b.doc.store.pendingStructs).toBeNull();
    expect(contentOf(b.doc)).toContain("one two three");
  });

  it("finds a dropped deletion, which no state vector shows, through the digest", () => {
    const bus = new Bus();
    const a = bus.add("a");
    const b = bus.add("b");
    typeInto(a.doc, "Delegations agree on the text.");
    bus.deliver();
    bus.dropChance = 1;
    ((a.doc.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 12);
    bus.deliver();
    bus.dropChance = 0;
    expect(vectorOf(a.doc)).toBe(vectorOf(b.doc));
    expect(contentOf(a.doc)).not.toBe(contentOf(b.doc));
    bus.run(1500);
    expect(same(a.doc, b.doc)).toBe(true);
  });

  it("answers a process that opens the paper with what it had not written yet", () => {
    const bus = new Bus();
    const a = bus.add("a");
    typeInto(a.doc, "Typed before the other process subscribed.");
    bus.deliver();
    // B read the database before A's batch was written: it has nothing, and asks.
    const b = bus.add("b");
    b.sync.request(bus.now, "load", true);
    bus.deliver();
    expect(same(a.doc, b.doc)).toBe(true);
  });

  it("writes what only it holds when a peer goes silent, and not when a peer says goodbye", () => {
    const bus = new Bus();
    const a = bus.add("a");
    const b = bus.add("b");
    const c = bus.add("c");
    typeInto(a.doc, "x");
    bus.run(1000);
    c.sync.bye();
    bus.nodes.delete("c");
    bus.deliver();
    bus.run(DEFAULT_PEER_TIMING.peerTimeoutMs + 500);
    expect(bus.saves).toEqual([]);
    // A is killed: no goodbye.
    bus.nodes.delete("a");
    bus.run(DEFAULT_PEER_TIMING.peerTimeoutMs + 500);
    expect(bus.saves).toEqual(["b"]);
    expect(contentOf(b.doc)).toBe(contentOf(a.doc));
  });

  it(`converges three processes typing ${EDITS} edits over a bus that drops a fifth of the frames`, () => {
    const seed = testSeed();
    console.log(`peer-sync seed: ${seed} (replay with RANDOM_SEED=${seed})`);
    const random = seededRandom(seed);
    const bus = new Bus();
    bus.random = random;
    const nodes = ["a", "b", "c"].map((id) => bus.add(id));
    typeInto(nodes[0].doc, "Start. ");
    bus.deliver();
    bus.run(1000);
    bus.dropChance = 0.2;
    for (let i = 0; i < EDITS; i += 1) {
      randomEdit(nodes[Math.floor(random() * 3)].doc, random, `e${i} `);
      if (i % 5 === 0) bus.run(50);
      else bus.deliver();
    }
    bus.dropChance = 0;
    bus.run(1500);
    for (const node of nodes.slice(1)) expect(same(node.doc, nodes[0].doc), `seed ${seed}`).toBe(true);
  });
});
