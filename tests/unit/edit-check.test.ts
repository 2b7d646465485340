// Ordinary edits skip the schema check's copy (isCheckedEdit in document-schema.ts, GuardedDoc). That is safe
// only if the shortcut never takes an update the copy would refuse, and leaves the document exactly as the
// copy's path leaves it. This test drives two GuardedDocs side by side, one with the shortcut and one that
// copies every update, with the same stream of client updates: an editor's (typing, marks good and bad,
// deletions, new paragraphs, attributes, other sections), and crafted ones (a typing update re-encoded with
// its clock, origins or parent moved to any struct of the paper, or with bytes changed). Both must
// accept or refuse each alike, with the same error, and hold the same state after every step.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { paperFragmentNames, isCheckedEdit } from "~/modules/documents/document-schema";
import { GuardedDoc } from "../../server/collab/guarded-doc";
import { paperDoc } from "../support/collab-fuzz";
import { seededRandom, testSeed } from "../support/random";

const FRAGMENTS = paperFragmentNames(["finding", "recommendation"], "en");
const STEPS = Number(process.env.TYPING_CHECK_STEPS ?? 3_000);
const ROUND = 150;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Every text of a document, in document order. */
function textsOf(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  for (const name of ["finding", "recommendation", "finding:es", "annex"]) walk(doc.getXmlFragment(name));
  return texts;
}

const MARKS: Record<string, unknown>[] = [
  { bold: {} },
  { italic: {} },
  { bold: null },
  { link: { href: "https://example.org/informe" } },
  { link: { href: "javascript:alert(1)" } },
  { strike: {} },
  { bold: { weight: 900 } },
  { italic: true },
];

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[] = [],
  attrs: Record<string, unknown> = {},
) {
  const made = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) made.setAttribute(key, value as never);
  made.insert(0, children);
  return made;
}
const paragraphOf = (words: string) => element("paragraph", [new Y.XmlText(words)]);

/** Blocks an editor builds, and some it would not: the schema decides. */
const BLOCKS: ((random: Random) => Y.XmlElement)[] = [
  () => paragraphOf("nuevo"),
  () => element("paragraph"),
  () => element("paragraph", [new Y.XmlText("a"), element("hardBreak"), new Y.XmlText("b")]),
  (random) => element("heading", [new Y.XmlText("Título")], { level: pick(random, [1, 2, 3, 4, 7, "2"]) }),
  () => element("bulletList", [element("listItem", [paragraphOf("uno"), paragraphOf("dos")])]),
  () => element("bulletList"),
  () => element("bulletList", [element("listItem", [element("bulletList"), paragraphOf("x")])]),
  (random) =>
    element("orderedList", [element("listItem", [paragraphOf("tres")])], { start: pick(random, [1, 3, 0]) }),
  () => element("blockquote", [paragraphOf("cita")]),
  () => element("blockquote"),
  () => element("listItem", [paragraphOf("suelto")]),
  () => element("marquee", [paragraphOf("no")]),
  () => element("paragraph", [element("paragraph")]),
];

/** One change an editor (or a careless client) might make, as an update from `client`. */
function editorUpdate(client: Y.Doc, random: Random): Uint8Array {
  const before = Y.encodeStateVector(client);
  const texts = textsOf(client);
  client.transact(() => {
    const roll = random();
    const text = texts.length ? pick(random, texts) : null;
    if (text && roll < 0.45) {
      const marks = random() < 0.15 ? pick(random, MARKS) : undefined;
      text.insert(
        Math.floor(random() * (text.length + 1)),
        pick(random, ["a", " palabra", "ñ", "😀"]),
        marks,
      );
    } else if (text && roll < 0.6 && text.length > 0) {
      const at = Math.floor(random() * text.length);
      text.format(at, 1 + Math.floor(random() * (text.length - at)), pick(random, MARKS));
    } else if (text && roll < 0.75 && text.length > 0) {
      const at = Math.floor(random() * text.length);
      text.delete(at, 1 + Math.floor(random() * Math.min(5, text.length - at)));
    } else if (roll < 0.85) {
      const fragment = client.getXmlFragment(
        pick(random, ["finding", "recommendation", "finding:es", "annex"]),
      );
      const block = pick(random, BLOCKS)(random);
      fragment.insert(Math.floor(random() * (fragment.length + 1)), [block]);
      // Sometimes a child more, put before the others in the same update.
      if (random() < 0.2 && block.length > 0) block.insert(0, [pick(random, BLOCKS)(random)]);
    } else if (text && roll < 0.9) {
      text.setAttribute("style", "x");
    } else if (roll < 0.95) {
      const fragment = client.getXmlFragment(pick(random, ["finding", "recommendation"]));
      if (fragment.length > 0) fragment.delete(Math.floor(random() * fragment.length), 1);
    } else if (text) {
      // Typing and a deletion of it in one update, then more typing.
      text.insert(0, "xy", { strike: {} });
      text.delete(0, 1);
      text.insert(text.length, "z");
    }
  });
  return Y.encodeStateAsUpdate(client, before);
}

/** Every struct id the document holds, items and garbage-collected ranges alike. */
function idsOf(doc: Y.Doc): Y.ID[] {
  const ids: Y.ID[] = [];
  for (const [client, structs] of doc.store.clients)
    for (const struct of structs) {
      ids.push(Y.createID(client, struct.id.clock));
      if (struct.length > 1) ids.push(Y.createID(client, struct.id.clock + struct.length - 1));
    }
  return ids;
}

/**
 * A typing update of `client` re-encoded with one thing moved: its clock, its left or right origin, or
 * its parent (to any struct of the paper, or past what anyone holds).
 */
function craftedUpdate(client: Y.Doc, server: Y.Doc, random: Random): Uint8Array | null {
  const texts = textsOf(client);
  if (!texts.length) return null;
  const before = Y.encodeStateVector(client);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
  copy.clientID = client.clientID;
  const text = pick(random, textsOf(copy));
  text.insert(
    Math.floor(random() * (text.length + 1)),
    "q",
    random() < 0.3 ? pick(random, MARKS) : undefined,
  );
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(copy, before));
  copy.destroy();
  const items = structs.filter((struct): struct is Y.Item => struct instanceof Y.Item);
  if (!items.length) return null;
  const target = pick(random, items);
  const ids = idsOf(server);
  const anyId = () =>
    random() < 0.1
      ? Y.createID(pick(random, ids).client, 1_000_000)
      : pick(random, ids.length ? ids : [target.id]);
  const roll = random();
  if (roll < 0.15) target.id = Y.createID(target.id.client, target.id.clock + pick(random, [-1, 1, 5]));
  else if (roll < 0.45) target.origin = random() < 0.1 ? null : anyId();
  else if (roll < 0.7) target.rightOrigin = random() < 0.3 ? null : anyId();
  else {
    target.origin = null;
    target.rightOrigin = null;
    target.parent = random() < 0.2 ? (pick(random, ["finding", "annex"]) as never) : anyId();
  }
  if (target.origin === null && target.rightOrigin === null && target.parent === null)
    target.parent = anyId();
  // Re-encode (the V1 format): one client's structs, no deletions.
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, items.length);
  encoder.writeClient(items[0].id.client);
  encoding.writeVarUint(encoder.restEncoder, items[0].id.clock);
  for (const item of items) item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

function mutated(update: Uint8Array, random: Random): Uint8Array {
  const bytes = [...update];
  const at = Math.floor(random() * bytes.length);
  bytes[at] = Math.floor(random() * 256);
  return new Uint8Array(bytes);
}

/** What applying an update did: accepted, or the error's name and message. */
function outcome(run: () => void): string {
  try {
    run();
    return "accepted";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function stateOf(doc: Y.Doc): string {
  const sections = ["finding", "recommendation", "finding:es", "annex"].map((name) =>
    doc.getXmlFragment(name).toJSON(),
  );
  return JSON.stringify([sections, [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]]);
}

/**
 * A client that goes on from the server's state, as a reconnecting one would (without what the server
 * holds back for what it lacks, which the stock client would send back with every change).
 */
function resynced(client: Y.Doc, server: Y.Doc): Y.Doc {
  client.destroy();
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
  fresh.store.pendingStructs = null;
  fresh.store.pendingDs = null;
  return fresh;
}

describe("ordinary edits taken without the copy", () => {
  it("accepts and refuses exactly what the copy does, and leaves the same document", () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const totals = { direct: 0, copied: 0, accepted: 0, refused: 0 };
    // Rounds on a fresh paper: the careful path's cost grows with the document.
    for (let round = 0; round * ROUND < STEPS; round += 1) {
      const fast = new GuardedDoc();
      const careful = new GuardedDoc({ alwaysCopy: true });
      const start = Y.encodeStateAsUpdate(paperDoc());
      Y.applyUpdate(fast.doc, start, "load");
      Y.applyUpdate(careful.doc, start, "load");
      let client = resynced(new Y.Doc(), careful.doc);
      for (let step = round * ROUND; step < Math.min(STEPS, (round + 1) * ROUND); step += 1) {
        const roll = random();
        let update: Uint8Array | null;
        if (roll < 0.6) update = editorUpdate(client, random);
        else if (roll < 0.9) update = craftedUpdate(client, careful.doc, random);
        else update = mutated(editorUpdate(client, random), random);
        if (!update) continue;
        const expected = outcome(() => careful.applyClientUpdate(update, "client", FRAGMENTS));
        const actual = outcome(() => fast.applyClientUpdate(update, "client", FRAGMENTS));
        expect(actual, `seed ${seed}, step ${step}`).toBe(expected);
        expect(stateOf(fast.doc), `seed ${seed}, step ${step}`).toBe(stateOf(careful.doc));
        if (expected === "accepted") totals.accepted += 1;
        else totals.refused += 1;
        // A client whose change was refused, or that sent something crafted, goes on from the server's state.
        if (expected !== "accepted" || roll >= 0.6) client = resynced(client, careful.doc);
      }
      expect(Y.encodeStateAsUpdate(fast.doc)).toEqual(Y.encodeStateAsUpdate(careful.doc));
      totals.direct += fast.taken.direct;
      totals.copied += fast.taken.copied;
    }
    // The stream really exercised both paths, and both outcomes.
    expect(totals.direct).toBeGreaterThan(STEPS / 10);
    expect(totals.copied).toBeGreaterThan(STEPS / 10);
    expect(totals.refused).toBeGreaterThan(STEPS / 20);
    expect(totals.accepted).toBeGreaterThan(STEPS / 5);
  });

  it("vouches for ordinary edits of the paper's sections only, and not for a missing origin", () => {
    const server = paperDoc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const vouched = (change: (doc: Y.Doc) => void, fragments = FRAGMENTS) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
      const before = Y.encodeStateVector(copy);
      copy.transact(() => change(copy));
      return isCheckedEdit(server, Y.decodeUpdate(Y.encodeStateAsUpdate(copy, before)), fragments);
    };
    const first = (doc: Y.Doc, name = "finding") =>
      (doc.getXmlFragment(name).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const element = (name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attrs = {}) => {
      const made = new Y.XmlElement(name);
      for (const [key, value] of Object.entries(attrs)) made.setAttribute(key, value as never);
      made.insert(0, children);
      return made;
    };
    const paragraph = (words: string) => element("paragraph", [new Y.XmlText(words)]);
    expect(vouched((doc) => first(doc).insert(10, "abc"))).toBe(true);
    expect(vouched((doc) => first(doc).insert(10, "abc", { italic: {} }))).toBe(true);
    expect(vouched((doc) => first(doc).delete(0, 3))).toBe(true);
    expect(vouched((doc) => doc.getXmlFragment("finding").push([paragraph("nuevo")]))).toBe(true);
    expect(vouched((doc) => doc.getXmlFragment("finding:es").insert(0, [paragraph("nuevo")]))).toBe(true);
    const list = () => element("bulletList", [element("listItem", [paragraph("uno"), paragraph("dos")])]);
    expect(vouched((doc) => doc.getXmlFragment("recommendation").push([list()]))).toBe(true);
    const heading = (level: number) => element("heading", [new Y.XmlText("Título")], { level });
    expect(vouched((doc) => doc.getXmlFragment("finding").insert(0, [heading(2)]))).toBe(true);

    expect(vouched((doc) => first(doc).insert(10, "abc"), new Set(["recommendation"]))).toBe(false);
    expect(vouched((doc) => first(doc).insert(10, "abc", { strike: {} }))).toBe(false);
    expect(vouched((doc) => first(doc).setAttribute("style", "x"))).toBe(false);
    expect(vouched((doc) => doc.getXmlFragment("finding").insert(0, [heading(7)]))).toBe(false);
    expect(vouched((doc) => doc.getXmlFragment("annex").push([paragraph("nuevo")]))).toBe(false);
    expect(vouched((doc) => doc.getXmlFragment("finding").push([element("bulletList")]))).toBe(false);
    expect(vouched((doc) => doc.getXmlFragment("finding").push([element("script")]))).toBe(false);
    expect(
      vouched((doc) => doc.getXmlFragment("finding").push([element("listItem", [paragraph("x")])])),
    ).toBe(false);
    // listItem is "paragraph block*": a list first breaks it; children given out of order are not judged.
    expect(
      vouched((doc) =>
        doc
          .getXmlFragment("finding")
          .push([element("bulletList", [element("listItem", [list(), paragraph("x")])])]),
      ),
    ).toBe(false);
    expect(
      vouched((doc) => {
        const item = element("listItem", [paragraph("dos")]);
        doc.getXmlFragment("finding").push([element("bulletList", [item])]);
        item.insert(0, [paragraph("uno")]);
      }),
    ).toBe(false);
    // Added and deleted in the same update.
    expect(
      vouched((doc) => {
        doc.getXmlFragment("finding").push([paragraph("nuevo")]);
        doc.getXmlFragment("finding").delete(1, 1);
      }),
    ).toBe(false);
    // Typing after text the server does not hold yet (another client's, still on its way).
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
    first(other).insert(0, "otro ");
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(other));
    const before = Y.encodeStateVector(ahead);
    first(ahead).insert(2, "x");
    expect(isCheckedEdit(server, Y.decodeUpdate(Y.encodeStateAsUpdate(ahead, before)), FRAGMENTS)).toBe(
      false,
    );
  });
});
