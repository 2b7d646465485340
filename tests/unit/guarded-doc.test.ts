// The shadow copy of a GuardedDoc (server/collab/guarded-doc.ts) must hold exactly what the document
// holds when it is used, and a client's update must be applied to it once: checked there, then applied
// to the document without being followed back into the shadow. Typing skips it.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { GuardedDoc } from "../../server/collab/guarded-doc";

interface Internals {
  shadow: Y.Doc | null;
  lag: Uint8Array[];
  ensureShadow(): Y.Doc;
}
const internals = (guarded: GuardedDoc) => guarded as unknown as Internals;
/** The shadow, which the class keeps private, brought up to date as a client's update would. */
const shadowOf = (guarded: GuardedDoc) =>
  internals(guarded).shadow ? internals(guarded).ensureShadow() : null;

function contentOf(doc: Y.Doc): string {
  return ["finding", "recommendation"].map((name) => doc.getXmlFragment(name).toJSON()).join("|");
}

function paragraphUpdate(from: Y.Doc, text: string, fragment = "finding"): Uint8Array {
  const before = Y.encodeStateVector(from);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  from.getXmlFragment(fragment).push([paragraph]);
  return Y.encodeStateAsUpdate(from, before);
}

describe("GuardedDoc's shadow", () => {
  it("applies a client's update to the shadow once, not again when the document takes it", () => {
    const guarded = new GuardedDoc();
    const client = new Y.Doc();
    guarded.applyClientUpdate(paragraphUpdate(client, "first"), "client");
    const shadow = shadowOf(guarded)!;
    let transactions = 0;
    shadow.on("beforeTransaction", () => transactions++);
    guarded.applyClientUpdate(paragraphUpdate(client, "second"), "client");
    expect(transactions).toBe(1);
    expect(contentOf(shadow)).toBe(contentOf(guarded.doc));
  });

  it("follows every other change of the document, including one made in answer to a client's update", () => {
    const guarded = new GuardedDoc();
    const client = new Y.Doc();
    const peer = new Y.Doc();
    // Something that writes to the document when a client's update arrives, inside the same call.
    let answered = 0;
    guarded.doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (transaction.origin !== "client" || answered > 2) return;
      answered++;
      guarded.doc.getMap("meta").set(`answer-${answered}`, answered);
    });
    for (let round = 0; round < 6; round++) {
      guarded.applyClientUpdate(paragraphUpdate(client, `client ${round}`), "client");
      // Changes from elsewhere (a peer process, the database) go to the document directly.
      Y.applyUpdate(guarded.doc, paragraphUpdate(peer, `peer ${round}`, "recommendation"), "peer");
      Y.applyUpdate(client, Y.encodeStateAsUpdate(guarded.doc));
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(guarded.doc));
    }
    const shadow = shadowOf(guarded)!;
    expect(answered).toBe(3);
    expect(contentOf(shadow)).toBe(contentOf(guarded.doc));
    expect(shadow.getMap("meta").toJSON()).toEqual(guarded.doc.getMap("meta").toJSON());
    expect(Y.encodeStateVector(shadow)).toEqual(Y.encodeStateVector(guarded.doc));
  });

  it("still changes nothing when a client's update is refused, and follows again afterwards", () => {
    const guarded = new GuardedDoc();
    const client = new Y.Doc();
    const fragments = new Set(["finding"]);
    guarded.applyClientUpdate(paragraphUpdate(client, "kept"), "client", fragments);
    const before = contentOf(guarded.doc);
    // A section this paper does not have.
    expect(() =>
      guarded.applyClientUpdate(paragraphUpdate(new Y.Doc(), "stray", "nowhere"), "client", fragments),
    ).toThrow();
    expect(contentOf(guarded.doc)).toBe(before);
    Y.applyUpdate(guarded.doc, paragraphUpdate(new Y.Doc(), "loaded"), "load");
    guarded.applyClientUpdate(paragraphUpdate(client, "after"), "client", fragments);
    expect(contentOf(shadowOf(guarded)!)).toBe(contentOf(guarded.doc));
  });
});

describe("GuardedDoc and ordinary edits", () => {
  const FRAGMENTS = new Set(["finding", "recommendation"]);
  const typed = (from: Y.Doc, words: string) => {
    const before = Y.encodeStateVector(from);
    const text = (from.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(text.length, words);
    return Y.encodeStateAsUpdate(from, before);
  };
  /** A valid update the check does not vouch for: a paragraph and its deletion, in one update. */
  const addedAndDeleted = (from: Y.Doc) => {
    const before = Y.encodeStateVector(from);
    from.transact(() => {
      const fragment = from.getXmlFragment("recommendation");
      fragment.push([new Y.XmlElement("paragraph")]);
      fragment.delete(fragment.length - 1, 1);
    });
    return Y.encodeStateAsUpdate(from, before);
  };
  /** A document holding one paragraph, its client, and a GuardedDoc that has not copied anything yet. */
  const start = () => {
    const guarded = new GuardedDoc();
    const client = new Y.Doc();
    Y.applyUpdate(guarded.doc, paragraphUpdate(client, "Hallazgo"), "load");
    return { guarded, client };
  };

  it("takes typing and new paragraphs straight to the document: no copy is built", () => {
    const { guarded, client } = start();
    guarded.applyClientUpdate(typed(client, " uno"), "client", FRAGMENTS);
    guarded.applyClientUpdate(paragraphUpdate(client, "nuevo", "recommendation"), "client", FRAGMENTS);
    guarded.applyClientUpdate(typed(client, " dos"), "client", FRAGMENTS);
    expect(guarded.hasShadow).toBe(false);
    expect(guarded.taken).toEqual({ direct: 3, copied: 0 });
    expect(contentOf(guarded.doc)).toBe(
      "<paragraph>Hallazgo uno dos</paragraph>|<paragraph>nuevo</paragraph>",
    );
  });

  it("takes what it cannot vouch for through the copy, which then follows the document lazily", () => {
    const { guarded, client } = start();
    guarded.applyClientUpdate(addedAndDeleted(client), "client", FRAGMENTS);
    expect(guarded.taken).toEqual({ direct: 0, copied: 1 });
    const shadow = internals(guarded).shadow!;
    let transactions = 0;
    shadow.on("beforeTransaction", () => transactions++);
    for (let i = 0; i < 5; i += 1) guarded.applyClientUpdate(typed(client, ` ${i}`), "client", FRAGMENTS);
    // Queued, not applied: the edits did not touch the copy.
    expect(transactions).toBe(0);
    expect(internals(guarded).lag).toHaveLength(5);
    guarded.applyClientUpdate(addedAndDeleted(client), "client", FRAGMENTS);
    // The queue in one transaction, then the client's update.
    expect(transactions).toBe(2);
    expect(internals(guarded).lag).toHaveLength(0);
    expect(contentOf(shadow)).toBe(contentOf(guarded.doc));
    expect(Y.encodeStateVector(shadow)).toEqual(Y.encodeStateVector(guarded.doc));
  });

  it("drops a copy that falls too far behind, and builds a correct one when next needed", () => {
    const { guarded, client } = start();
    guarded.applyClientUpdate(addedAndDeleted(client), "client", FRAGMENTS);
    for (let i = 0; i < 600; i += 1) guarded.applyClientUpdate(typed(client, "a"), "client", FRAGMENTS);
    expect(guarded.hasShadow).toBe(false);
    guarded.applyClientUpdate(addedAndDeleted(client), "client", FRAGMENTS);
    expect(contentOf(shadowOf(guarded)!)).toBe(contentOf(guarded.doc));
    expect(contentOf(guarded.doc)).toContain(`Hallazgo${"a".repeat(600)}`);
  });

  it("sends what does not fit through the copy, which alone refuses", () => {
    const { guarded, client } = start();
    const before = Y.encodeStateVector(client);
    const text = (client.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(0, 3, { strike: {} });
    expect(() =>
      guarded.applyClientUpdate(Y.encodeStateAsUpdate(client, before), "client", FRAGMENTS),
    ).toThrow(/unknown mark "strike"/);
    expect(guarded.taken).toEqual({ direct: 0, copied: 1 });
    expect(contentOf(guarded.doc)).toBe("<paragraph>Hallazgo</paragraph>|");
  });

  it("copies every update of someone who may only suggest", () => {
    const { guarded, client } = start();
    const author = { userId: "u1", name: "Ana", delegation: "MX" };
    expect(() => guarded.applyClientUpdate(typed(client, " uno"), "client", FRAGMENTS, author)).toThrow();
    expect(guarded.taken).toEqual({ direct: 0, copied: 1 });
    expect(contentOf(guarded.doc)).toBe("<paragraph>Hallazgo</paragraph>|");
  });
});
