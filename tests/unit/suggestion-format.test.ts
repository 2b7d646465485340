// Formatting as a suggestion (issue 18): what the editor sends passes the server's check, every way to
// format existing text directly (or to change someone else's format suggestion) is refused with nothing
// stored, and accepting/rejecting a format suggestion keeps or restores the formatting.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EditorState } from "@tiptap/pm/state";
import {
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProseMirrorRootNode,
} from "@tiptap/y-tiptap";
import { editorSchema } from "~/modules/documents/editor-schema";
import {
  SchemaViolation,
  paperFragmentNames,
  sectionJsonViolation,
  type ViolationKind,
} from "~/modules/documents/document-schema";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";
import { describeChange } from "~/modules/suggestions/describe-change";
import { listSectionSuggestions } from "~/modules/suggestions/list";
import {
  decideInFragment,
  decideSuggestions,
  finalView,
  originalView,
  suggestionById,
  suggestionsByAuthor,
} from "~/modules/suggestions/resolve";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";
import { FORMAT_MARKS } from "~/modules/suggestions/suggestion-marks";
import {
  suggestFormat,
  suggestInsertion,
  touchesOthersFormat,
  type SuggestionContext,
} from "~/modules/suggestions/suggest-transaction";
import { GuardedDoc } from "../../server/collab/guarded-doc";

const FRAGMENTS = paperFragmentNames(["finding"], "en");
const ANA: SuggestionAuthor = { userId: "user-ana", name: "Ana Pérez", delegation: "MX" };
const BEN: SuggestionAuthor = { userId: "user-ben", name: "Ben Ortiz", delegation: "US" };

const attrsOf = (author: SuggestionAuthor, id: string) => ({
  id,
  authorId: author.userId,
  authorName: author.name,
  delegation: author.delegation,
  createdAt: "2026-12-11T09:00:00.000Z",
});
const fmt = (author: SuggestionAuthor, id: string, add: string[], remove: string[] = []) => ({
  suggestionFormat: { ...attrsOf(author, id), add, remove },
});
const fmtMark = (author: SuggestionAuthor, id: string, add: string[], remove: string[] = []) => ({
  type: "suggestionFormat",
  attrs: { ...attrsOf(author, id), add, remove },
});

const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PMNode[]): PMNode => ({ type: "paragraph", content });

// "Members should act firmly." — "act" is bold (Yjs offsets 15..18); Ben suggests "firmly" in italic
// (offsets 19..25, PM 20..26); Ana has a pending insertion " now" (offsets 25..29).
const START: PMNode = {
  type: "doc",
  content: [
    p(
      text("Members should "),
      text("act", [{ type: "bold" }]),
      text(" "),
      text("firmly", [{ type: "italic" }, fmtMark(BEN, "ben1", ["italic"])]),
      text(" now", [{ type: "suggestionInsert", attrs: attrsOf(ANA, "ana0") }]),
      text("."),
    ),
  ],
};

function setup(start: PMNode = START) {
  const server = new GuardedDoc();
  const seed = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema(), start, seed.getXmlFragment("finding"));
  Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(seed));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));
  const fragment = client.getXmlFragment("finding");
  const send = (change: (doc: Y.Doc) => void, author: SuggestionAuthor = ANA) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => change(client));
    server.applyClientUpdate(Y.encodeStateAsUpdate(client, before), "client", FRAGMENTS, author);
  };
  let ids = 0;
  const edit = (
    change: (tr: EditorState["tr"], context: SuggestionContext) => void,
    author: SuggestionAuthor = ANA,
  ) => {
    const doc = yXmlFragmentToProseMirrorRootNode(fragment, editorSchema());
    const tr = EditorState.create({ doc, schema: editorSchema() }).tr;
    change(tr, { author, now: () => new Date("2026-12-11T10:00:00.123Z"), newId: () => `new${(ids += 1)}` });
    send(() => updateYFragment(client, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() }), author);
  };
  const serverJson = () => fragmentToJson(server.doc.getXmlFragment("finding"), "keep");
  const runs = () => serverJson().content![0].content!;
  const run = (value: string) => runs().find((node) => node.text === value);
  const textAt = () => (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { server, client, send, edit, serverJson, runs, run, textAt };
}

function refusal(run: () => void): SchemaViolation {
  try {
    run();
  } catch (error) {
    if (error instanceof SchemaViolation) return error;
    throw error;
  }
  throw new Error("the update was accepted");
}

function expectRefused(
  change: (text: Y.XmlText) => void,
  message: RegExp,
  kind: ViolationKind = "suggestion",
  author: SuggestionAuthor = ANA,
): void {
  const { server, send, textAt } = setup();
  const before = Y.encodeStateAsUpdate(server.doc);
  const violation = refusal(() => send(() => change(textAt()), author));
  expect(violation.kind).toBe(kind);
  expect(violation.message).toMatch(message);
  expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
}

const NEW_ATTRS = { ...attrsOf(ANA, "new1"), createdAt: "2026-12-11T10:00:00.123Z" };

describe("the format marks", () => {
  it("are exactly the editor schema's marks without attributes (besides suggestions)", () => {
    const schema = editorSchema();
    const plain = Object.values(schema.marks)
      .filter((type) => Object.keys(type.spec.attrs ?? {}).length === 0)
      .map((type) => type.name);
    expect(plain.sort()).toEqual([...FORMAT_MARKS].sort());
  });

  it("the document schema takes only known formatting names in add and remove", () => {
    const doc = (attrs: Record<string, unknown>) => ({
      type: "doc",
      content: [p(text("x", [{ type: "bold" }, { type: "suggestionFormat", attrs }]))],
    });
    expect(sectionJsonViolation(doc({ ...attrsOf(ANA, "a"), add: ["bold"], remove: [] }))).toBeNull();
    for (const bad of [["underline"], ["link"], ["bold", "bold"], "bold", [1]])
      expect(sectionJsonViolation(doc({ ...attrsOf(ANA, "a"), add: bad, remove: [] }))?.kind).toBe(
        "attribute",
      );
    expect(
      sectionJsonViolation(doc({ ...attrsOf(ANA, "a"), add: [], remove: ["suggestionInsert"] }))?.kind,
    ).toBe("attribute");
  });
});

describe("what the editor sends when formatting in Suggesting mode passes the server's check", () => {
  it("bold on plain text: the text is bold and carries Ana's format suggestion adding bold", () => {
    const { edit, run } = setup();
    edit((tr, context) => suggestFormat(tr, 9, 15, "bold", true, context));
    expect(run("should")?.marks).toEqual([
      { type: "bold" },
      { type: "suggestionFormat", attrs: { ...NEW_ATTRS, add: ["bold"], remove: [] } },
    ]);
  });

  it("taking bold off: the suggestion records what it removes", () => {
    const { edit, run } = setup();
    edit((tr, context) => suggestFormat(tr, 16, 19, "bold", false, context));
    expect(run("act")?.marks).toEqual([
      { type: "suggestionFormat", attrs: { ...NEW_ATTRS, add: [], remove: ["bold"] } },
    ]);
  });

  it("a second change on the same text extends the author's suggestion; undoing it drops the mark", () => {
    const { edit, run, runs } = setup();
    edit((tr, context) => suggestFormat(tr, 9, 15, "bold", true, context));
    edit((tr, context) => suggestFormat(tr, 9, 15, "italic", true, context));
    expect(run("should")?.marks).toEqual([
      { type: "bold" },
      { type: "italic" },
      { type: "suggestionFormat", attrs: { ...NEW_ATTRS, add: ["bold", "italic"], remove: [] } },
    ]);
    edit((tr, context) => suggestFormat(tr, 9, 15, "bold", false, context));
    edit((tr, context) => suggestFormat(tr, 9, 15, "italic", false, context));
    expect(runs()[0]).toEqual(text("Members should "));
  });

  it("formatting the author's own pending insertion is direct (no format suggestion)", () => {
    const { edit, run } = setup();
    edit((tr, context) => suggestFormat(tr, 26, 30, "bold", true, context));
    expect(run(" now")?.marks).toEqual([
      { type: "bold" },
      { type: "suggestionInsert", attrs: attrsOf(ANA, "ana0") },
    ]);
  });

  it("typed text inside a format suggestion is an insertion, not formatting", () => {
    const { edit, runs } = setup();
    edit((tr, context) => suggestFormat(tr, 9, 15, "bold", true, context));
    edit((tr, context) => suggestInsertion(tr, 12, 12, "XX", context));
    const typed = runs().find((node) => node.text === "XX")!;
    expect(typed.marks?.map((mark) => mark.type)).toEqual(["bold", "suggestionInsert"]);
  });

  it("the same through raw Yjs: bold with a matching mark, and withdrawing it", () => {
    const { send, textAt, run } = setup();
    send(() => textAt().format(8, 6, { bold: {}, ...fmt(ANA, "a1", ["bold"]) }));
    expect(run("should")?.marks?.[1]).toMatchObject({ type: "suggestionFormat", attrs: { id: "a1" } });
    send(() => textAt().format(8, 6, { bold: null, suggestionFormat: null }));
    expect(run("Members should ")).toBeDefined();
  });

  it("the editor sees someone else's format suggestion in the way", () => {
    const { client } = setup();
    const doc = yXmlFragmentToProseMirrorRootNode(client.getXmlFragment("finding"), editorSchema());
    expect(touchesOthersFormat(doc, 18, 22, ANA)).toBe(true);
    expect(touchesOthersFormat(doc, 18, 22, BEN)).toBe(false);
    expect(touchesOthersFormat(doc, 1, 15, ANA)).toBe(false);
  });
});

describe("every way to format existing text directly is refused, and nothing is stored", () => {
  it("bold without a format suggestion", () =>
    expectRefused((t) => t.format(8, 6, { bold: {} }), /formatting of existing text was changed/));
  it("taking italic off without one", () =>
    expectRefused((t) => t.format(15, 3, { bold: null }), /formatting of existing text was changed/));
  it("a format suggestion naming other formatting than the change", () =>
    expectRefused((t) => t.format(8, 6, { bold: {}, ...fmt(ANA, "a1", ["italic"]) }), /does not match/));
  it("a format suggestion without the formatting it claims to add", () =>
    expectRefused((t) => t.format(8, 6, fmt(ANA, "a1", ["bold"])), /does not match/));
  it("a format suggestion under someone else's name", () =>
    expectRefused(
      (t) => t.format(8, 6, { bold: {}, ...fmt(BEN, "b9", ["bold"]) }),
      /attributed to someone else/,
    ));
  it("a format suggestion reusing someone else's suggestion id", () =>
    expectRefused(
      (t) => t.format(8, 6, { bold: {}, ...fmt(ANA, "ben1", ["bold"]) }),
      /reuses someone else's suggestion/,
    ));
  it("a format suggestion that names no change", () =>
    expectRefused((t) => t.format(8, 6, fmt(ANA, "a1", [])), /must name what it adds or removes/));
  it("a format suggestion naming unknown formatting", () =>
    expectRefused((t) => t.format(8, 6, { bold: {}, ...fmt(ANA, "a1", ["underline"]) }), /add/, "attribute"));
  it("removing someone else's format suggestion (accepting it)", () =>
    expectRefused(
      (t) => t.format(19, 6, { suggestionFormat: null }),
      /someone else's formatting suggestion/,
    ));
  it("removing someone else's format suggestion and its formatting (rejecting it)", () =>
    expectRefused(
      (t) => t.format(19, 6, { suggestionFormat: null, italic: null }),
      /someone else's formatting suggestion/,
    ));
  it("changing what someone else's format suggestion records", () =>
    expectRefused(
      (t) => t.format(19, 6, { bold: {}, ...fmt(BEN, "ben1", ["italic", "bold"]) }),
      /someone else's formatting suggestion/,
      "suggestion",
    ));
  it("formatting text under someone else's format suggestion, leaving their mark", () =>
    expectRefused((t) => t.format(19, 6, { bold: {} }), /formatting of existing text was changed/));
  it("dropping one's own format suggestion but keeping its formatting (adopting it)", () => {
    const { server, send, textAt } = setup();
    send(() => textAt().format(8, 6, { bold: {}, ...fmt(ANA, "a1", ["bold"]) }));
    const before = Y.encodeStateAsUpdate(server.doc);
    expect(refusal(() => send(() => textAt().format(8, 6, { suggestionFormat: null }))).message).toMatch(
      /formatting of existing text was changed/,
    );
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  });
  it("new text carrying a format suggestion", () =>
    expectRefused(
      (t) => t.insert(8, "x", { suggestionInsert: attrsOf(ANA, "a2"), ...fmt(ANA, "a2", ["bold"]) }),
      /new text carries a formatting suggestion/,
    ));
  it("deleting text under a format suggestion", () =>
    expectRefused((t) => t.delete(19, 6), /not your own pending insertion/));
  it("formatting someone else's pending insertion without a format suggestion", () => {
    const { server, send, textAt } = setup();
    const before = Y.encodeStateAsUpdate(server.doc);
    expect(refusal(() => send(() => textAt().format(25, 4, { bold: {} }), BEN)).message).toMatch(
      /formatting of existing text was changed/,
    );
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  });
});

describe("deciding a format suggestion", () => {
  const FORMATTED: PMNode = {
    type: "doc",
    content: [
      p(
        text("Members "),
        text("should", [{ type: "bold" }, fmtMark(ANA, "a1", ["bold"])]),
        text(" "),
        text("act", [fmtMark(BEN, "b1", [], ["italic"])]),
        text("."),
      ),
    ],
  };

  it("accepting keeps the formatting and drops the mark; rejecting restores what it changed", () => {
    expect(decideSuggestions(FORMATTED, suggestionById("a1"), "accept").content![0].content![1]).toEqual(
      text("should", [{ type: "bold" }]),
    );
    expect(decideSuggestions(FORMATTED, suggestionById("a1"), "reject").content![0].content![0]).toEqual(
      text("Members should "),
    );
    expect(
      decideSuggestions(FORMATTED, suggestionsByAuthor("user-ben"), "reject").content![0].content![3],
    ).toEqual(text("act", [{ type: "italic" }]));
  });

  it("the original and final views", () => {
    expect(originalView(FORMATTED).content![0].content).toEqual([
      text("Members should "),
      text("act", [{ type: "italic" }]),
      text("."),
    ]);
    expect(finalView(FORMATTED).content![0].content).toEqual([
      text("Members "),
      text("should", [{ type: "bold" }]),
      text(" act."),
    ]);
  });

  it("on the live document: reject restores the formatting, accept keeps it, one Yjs update each", () => {
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(editorSchema(), FORMATTED, doc.getXmlFragment("finding"));
    const fragment = doc.getXmlFragment("finding");
    expect(decideInFragment(fragment, suggestionById("b1"), "reject")).toBe(1);
    expect(decideInFragment(fragment, suggestionById("a1"), "accept")).toBe(1);
    expect(fragmentToJson(fragment, "keep").content![0].content).toEqual([
      text("Members "),
      text("should", [{ type: "bold" }]),
      text(" "),
      text("act", [{ type: "italic" }]),
      text("."),
    ]);
    expect(decideInFragment(fragment, suggestionById("a1"), "accept")).toBe(0);
  });

  it("a card and the audit say what it changes, in both languages", () => {
    const [ana, ben] = listSectionSuggestions("finding", FORMATTED);
    expect(ana).toMatchObject({
      id: "a1",
      kind: "format",
      format: { text: "should", add: ["bold"], remove: [] },
    });
    expect(describeChange("en", "", "", ana.format)).toBe("Format “should”: bold");
    expect(describeChange("es", "", "", ben.format)).toBe("Dar formato a «act»: sin cursiva");
    expect(describeChange("en", "", "", { text: "x", add: ["bold"], remove: ["italic"] })).toBe(
      "Format “x”: bold, not italic",
    );
  });
});
