import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { presenceCursor } from "~/modules/documents/presence";

const FRAGMENTS = new Set(["finding", "finding:es"]);

function paper() {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("Hallazgo");
  doc.getXmlFragment("finding").insert(0, [paragraph]);
  paragraph.insert(0, [text]);
  doc.getMap("stray").set("x", 1); // a root that is no section
  return { doc, text };
}

describe("the cursor of a presence state", () => {
  it("keeps a pair of relative positions into a section, rebuilt from known fields", () => {
    const { doc, text } = paper();
    const at = (index: number): unknown =>
      Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index)) as unknown;
    const cursor = { anchor: at(1), head: at(4) };
    const sent: unknown = JSON.parse(JSON.stringify(cursor));
    expect(presenceCursor(sent, doc, FRAGMENTS)).toEqual(sent);
    const end = { tname: "finding", assoc: 0 };
    expect(presenceCursor({ anchor: end, head: end }, doc, FRAGMENTS)).toEqual({ anchor: end, head: end });
  });

  it.each([
    ["absent", undefined],
    ["null", null],
    ["a string", "0,5"],
    ["an array", [1, 2]],
    ["only an anchor", { anchor: { tname: "finding" } }],
    ["an extra field", { anchor: { tname: "finding" }, head: { tname: "finding" }, style: "x" }],
    ["a position with an extra field", { anchor: { tname: "finding", x: 1 }, head: { tname: "finding" } }],
    ["an unknown fragment", { anchor: { tname: "annex" }, head: { tname: "annex" } }],
    ["a root that is no section", { anchor: { tname: "stray" }, head: { tname: "stray" } }],
    ["a negative clock", { anchor: { item: { client: 1, clock: -1 } }, head: { tname: "finding" } }],
    ["a fractional client", { anchor: { item: { client: 1.5, clock: 0 } }, head: { tname: "finding" } }],
    ["a string id", { anchor: { item: { client: "1", clock: 0 } }, head: { tname: "finding" } }],
    ["an item nobody wrote", { anchor: { item: { client: 42, clock: 7 } }, head: { tname: "finding" } }],
    ["an assoc out of range", { anchor: { tname: "finding", assoc: 99 }, head: { tname: "finding" } }],
    ["no target", { anchor: { assoc: 0 }, head: { tname: "finding" } }],
  ])("drops a cursor that is %s", (_label, raw) => {
    const { doc } = paper();
    expect(presenceCursor(raw, doc, FRAGMENTS)).toBeUndefined();
  });

  it("drops positions that resolve to a non-type item or outside the paper's sections", () => {
    const { doc, text } = paper();
    const textItem = text._start!; // a string item, not a type
    const asType = { type: { client: textItem.id.client, clock: textItem.id.clock } };
    expect(presenceCursor({ anchor: asType, head: asType }, doc, FRAGMENTS)).toBeUndefined();
    const stray = doc.getMap("stray")._map.get("x")!;
    const intoStray = { item: { client: stray.id.client, clock: stray.id.clock } };
    expect(presenceCursor({ anchor: intoStray, head: intoStray }, doc, FRAGMENTS)).toBeUndefined();
  });
});
