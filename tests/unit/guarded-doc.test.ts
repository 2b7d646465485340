// The shadow copy of a GuardedDoc (server/collab/guarded-doc.ts) must hold exactly what the document
// holds, and a client's update must be applied to it once: checked there, then applied to the document
// without being followed back into the shadow.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { GuardedDoc } from "../../server/collab/guarded-doc";

/** The shadow, which the class keeps private: the test compares it with the document. */
const shadowOf = (guarded: GuardedDoc) => (guarded as unknown as { shadow: Y.Doc | null }).shadow;

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
