import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "~/modules/documents/editor-schema";
import { fragmentToJson, sanitizeDoc, type PMNode } from "~/modules/documents/prosemirror-json";
import { canonicalSectionText } from "~/modules/documents/canonical-section";
import {
  allSuggestions,
  decideInFragment,
  decideSuggestions,
  finalView,
  originalView,
  suggestionById,
  suggestionsByAuthor,
} from "~/modules/suggestions/resolve";

const attrs = (authorId: string, id: string): Record<string, string | null> => ({
  id,
  authorId,
  authorName: authorId === "ana" ? "Ana Pérez" : "Ben Ortiz",
  delegation: authorId === "ana" ? "MX" : "US",
  createdAt: "2026-12-11T09:00:00.000Z",
});
const ins = (authorId: string, id: string) => ({ type: "suggestionInsert", attrs: attrs(authorId, id) });
const del = (authorId: string, id: string) => ({ type: "suggestionDelete", attrs: attrs(authorId, id) });
const text = (value: string, ...marks: NonNullable<PMNode["marks"]>): PMNode =>
  marks.length ? { type: "text", text: value, marks } : { type: "text", text: value };
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content: [{ type: "paragraph", content }] });

// "States should act." Ana replaces "should" with "shall" (a1); Ben suggests deleting Ana's "shall" (b1)
// and inserting " now" (b2), bold inside his insertion.
const START = doc(
  text("States "),
  text("should", del("ana", "a1")),
  text("shall", ins("ana", "a1"), del("ben", "b1")),
  text(" act"),
  text(" now", { type: "bold" }, ins("ben", "b2")),
  text("."),
);

const plain = (node: PMNode): string =>
  node.text ?? (node.content ?? []).map(plain).join(node.type === "doc" ? "\n" : "");

describe("deciding suggestions on the text", () => {
  it("shows the adopted text as the original view and every suggestion applied as the final view", () => {
    expect(plain(originalView(START))).toBe("States should act.");
    // Ben's deletion of Ana's insertion is accepted too: the final view takes every suggestion.
    expect(plain(finalView(START))).toBe("States  act now.");
  });

  it("accepts one suggestion and leaves the others pending", () => {
    const result = decideSuggestions(START, suggestionById("a1"), "accept");
    expect(result.content![0].content).toEqual([
      text("States "),
      text("shall", del("ben", "b1")),
      text(" act"),
      text(" now", { type: "bold" }, ins("ben", "b2")),
      text("."),
    ]);
  });

  it("rejects one suggestion: its insertion goes with any suggestion made on it", () => {
    const result = decideSuggestions(START, suggestionById("a1"), "reject");
    expect(result.content![0].content).toEqual([
      text("States should act"),
      text(" now", { type: "bold" }, ins("ben", "b2")),
      text("."),
    ]);
  });

  it("rejecting a deletion made on someone's insertion keeps the insertion pending", () => {
    const result = decideSuggestions(START, suggestionById("b1"), "reject");
    expect(result.content![0].content![2]).toEqual(text("shall", ins("ana", "a1")));
  });

  it("accepts or rejects everything by one author", () => {
    expect(plain(decideSuggestions(START, suggestionsByAuthor("ben"), "accept"))).toBe(
      "States should act now.",
    );
    expect(plain(originalView(decideSuggestions(START, suggestionsByAuthor("ana"), "accept")))).toBe(
      "States shall act.",
    );
    expect(plain(decideSuggestions(START, suggestionsByAuthor("ben"), "reject"))).toBe(
      "States shouldshall act.",
    );
  });

  it("does not change its input and keeps an emptied paragraph", () => {
    const copy = JSON.parse(JSON.stringify(START)) as PMNode;
    const emptied = decideSuggestions(doc(text("x", ins("ana", "a1"))), allSuggestions, "reject");
    expect(emptied).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(START).toEqual(copy);
  });

  it("every reader sees the adopted text: sanitised documents and canonical text leave pending suggestions out", () => {
    expect(plain(sanitizeDoc(START))).toBe("States should act.");
    expect(canonicalSectionText(START)).toBe(canonicalSectionText(doc(text("States should act."))));
    expect(sanitizeDoc(START, "keep")).toEqual(START);
  });

  it("a suggestion mark without its author is plain text", () => {
    const broken = doc(text("x", { type: "suggestionInsert", attrs: { id: "a1" } }));
    expect(sanitizeDoc(broken, "keep")).toEqual(doc(text("x")));
  });
});

describe("deciding suggestions in the live document", () => {
  function section(json: PMNode) {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment("finding");
    prosemirrorJSONToYXmlFragment(editorSchema(), json, fragment);
    return { ydoc, fragment };
  }

  for (const [name, select] of [
    ["one suggestion", suggestionById("a1")],
    ["one author", suggestionsByAuthor("ben")],
    ["everything", allSuggestions],
  ] as const)
    for (const decision of ["accept", "reject"] as const)
      it(`gives the same text as the pure function (${decision}, ${name})`, () => {
        const { fragment } = section(START);
        decideInFragment(fragment, select, decision);
        expect(fragmentToJson(fragment, "keep")).toEqual(
          sanitizeDoc(decideSuggestions(START, select, decision), "keep"),
        );
      });

  it("is one update that merges with what someone typed meanwhile", () => {
    const { ydoc, fragment } = section(START);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
    ((other.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "All ");
    const updates: Uint8Array[] = [];
    ydoc.on("update", (update: Uint8Array) => updates.push(update));
    expect(decideInFragment(fragment, suggestionById("a1"), "accept")).toBeGreaterThan(0);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(other));
    expect(plain(fragmentToJson(fragment))).toBe("All States shall act.");
  });

  it("changes nothing when no suggestion matches", () => {
    const { fragment } = section(START);
    expect(decideInFragment(fragment, suggestionById("nope"), "accept")).toBe(0);
  });
});
