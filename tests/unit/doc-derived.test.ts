// Values derived from a document, kept until it changes (app/modules/documents/doc-derived.ts).
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { deriveFromDoc } from "~/modules/documents/doc-derived";
import { sectionBodies } from "~/modules/translations/translations.server";

function paragraph(doc: Y.Doc, name: string, text: string): Y.XmlText {
  const p = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  doc.getXmlFragment(name).push([p]);
  return t;
}

/** The characters of a fragment's paragraphs, without formatting. */
function plainText(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .flatMap((p) => (p as Y.XmlElement).toArray())
    .map((t) => (t as Y.XmlText).toDelta() as { insert: string }[])
    .flatMap((delta) => delta.map((d) => d.insert))
    .join("");
}

describe("values derived from a document", () => {
  it("are derived once until the document changes, by any kind of change", () => {
    const doc = new Y.Doc();
    const text = paragraph(doc, "summary", "Remittances fell");
    let derivations = 0;
    const length = () =>
      deriveFromDoc(doc, "length", () => {
        derivations += 1;
        return plainText(doc.getXmlFragment("summary")).length;
      });
    const first = length();
    expect(length()).toBe(first);
    expect(derivations).toBe(1);
    // An insertion.
    text.insert(0, "Rural ");
    expect(length()).toBe(first + 6);
    expect(derivations).toBe(2);
    // A deletion alone (it leaves the state vector as it was).
    text.delete(0, 6);
    expect(length()).toBe(first);
    expect(derivations).toBe(3);
    // A formatting change.
    text.format(0, 4, { bold: true });
    length();
    expect(derivations).toBe(4);
    // Someone else's update.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    (other.getXmlFragment("summary").get(0) as Y.XmlElement).insert(0, [new Y.XmlText("x")]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(length()).toBe(first + 1);
    expect(derivations).toBe(5);
    length();
    expect(derivations).toBe(5);
  });

  it("keeps each key and each document apart", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(deriveFromDoc(a, "k", () => "a")).toBe("a");
    expect(deriveFromDoc(b, "k", () => "b")).toBe("b");
    expect(deriveFromDoc(a, "other", () => "a2")).toBe("a2");
    expect(deriveFromDoc(a, "k", () => "never")).toBe("a");
  });

  it("gives a section's canonical body as it is now, also right after an edit", () => {
    const doc = new Y.Doc();
    const text = paragraph(doc, "summary", "Remittances fell by a tenth.");
    paragraph(doc, "summary:es", "Las remesas cayeron.");
    const before = sectionBodies(doc, ["summary"], "es");
    expect(before.summary).toContain("Remittances fell by a tenth.");
    expect(before["summary:es"]).toContain("Las remesas cayeron.");
    text.delete(text.length - 1, 1);
    text.insert(text.length, "!");
    expect(sectionBodies(doc, ["summary"], "es").summary).toContain("Remittances fell by a tenth!");
    // A section the document never had reads as empty, and is not created by the reading.
    expect(sectionBodies(doc, ["missing"], "es")).toEqual({ missing: "", "missing:es": "" });
    expect(doc.share.has("missing")).toBe(false);
  });
});
