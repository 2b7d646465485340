import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Mark, getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema, schemaExtensions } from "~/modules/documents/editor-schema";
import {
  MAX_DOCUMENT_DEPTH,
  SchemaViolation,
  deriveDocumentSchema,
  normalizeSectionJson,
  paperFragmentNames,
  sectionJsonViolation,
  type DocumentSchema,
  type ViolationKind,
} from "~/modules/documents/document-schema";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { GuardedDoc } from "../../server/collab/guarded-doc";

const FRAGMENTS = paperFragmentNames(["finding", "recommendation"], "en");

const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PMNode[]): PMNode =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };

const richDoc: PMNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 3 }, content: [text("Migración laboral")] },
    p(
      text("Abrir "),
      text("visas", [{ type: "bold" }, { type: "italic" }]),
      text(" según el "),
      text("informe", [{ type: "link", attrs: { href: "https://example.org/informe" } }]),
      { type: "hardBreak" },
      text("fin."),
    ),
    { type: "bulletList", content: [{ type: "listItem", content: [p(text("uno"))] }] },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [{ type: "listItem", content: [p(text("tres")), { type: "blockquote", content: [p()] }] }],
    },
    { type: "blockquote", content: [p(text("cita"))] },
  ],
};

/** The server's document (with a finding already typed) and a client synced to it. */
function setup() {
  const server = new GuardedDoc();
  const seed = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    editorSchema(),
    { type: "doc", content: [p(text("Hallazgo"))] },
    seed.getXmlFragment("finding"),
  );
  Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(seed));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));
  /** What the client changes, sent to the server as one update. */
  const send = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => change(client));
    server.applyClientUpdate(Y.encodeStateAsUpdate(client, before), "client", FRAGMENTS);
  };
  return { server, client, send };
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

function expectRefused(change: (doc: Y.Doc) => void, kind: ViolationKind) {
  const { server, send } = setup();
  const before = Y.encodeStateAsUpdate(server.doc);
  const stored: Uint8Array[] = [];
  server.doc.on("update", (update: Uint8Array) => stored.push(update));
  expect(refusal(() => send(change)).kind).toBe(kind);
  // Refused whole: the real document did not change, and nothing was emitted to store or broadcast.
  expect(stored).toEqual([]);
  expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  // The shadow was rebuilt: a good update right after is taken.
  const good = new Y.Doc();
  Y.applyUpdate(good, before);
  const sv = Y.encodeStateVector(good);
  prosemirrorJSONToYXmlFragment(
    editorSchema(),
    { type: "doc", content: [p(text("ok"))] },
    good.getXmlFragment("recommendation"),
  );
  server.applyClientUpdate(Y.encodeStateAsUpdate(good, sv), "client", FRAGMENTS);
  expect(server.doc.getXmlFragment("recommendation").length).toBe(1);
}

const paragraphText = (doc: Y.Doc) =>
  (doc.getXmlFragment("finding").get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** Blockquotes nested `depth` deep around an empty paragraph, added to a section (iteratively). */
function pushNested(fragment: Y.XmlFragment, depth: number): void {
  let current = new Y.XmlElement("blockquote");
  fragment.insert(fragment.length, [current]);
  for (let level = 1; level < depth; level += 1) {
    const next = new Y.XmlElement("blockquote");
    current.insert(0, [next]);
    current = next;
  }
  current.insert(0, [new Y.XmlElement("paragraph")]);
}

describe("the document schema on client updates", () => {
  it("accepts everything the editor writes: every node, mark and attribute of the schema", () => {
    const { server, send } = setup();
    send((doc) =>
      prosemirrorJSONToYXmlFragment(editorSchema(), richDoc, doc.getXmlFragment("recommendation")),
    );
    send((doc) => prosemirrorJSONToYXmlFragment(editorSchema(), richDoc, doc.getXmlFragment("finding:es")));
    send((doc) => paragraphText(doc).insert(3, "más ", { italic: {} }));
    send((doc) =>
      (doc.getXmlFragment("recommendation").get(0) as Y.XmlElement).setAttribute("level", 4 as never),
    );
    expect(server.doc.getXmlFragment("recommendation").length).toBe(richDoc.content!.length);
  });

  it("accepts deletions even where they leave an order the schema would not build (concurrent edits merge so)", () => {
    const { server, send } = setup();
    send((doc) =>
      prosemirrorJSONToYXmlFragment(editorSchema(), richDoc, doc.getXmlFragment("recommendation")),
    );
    // The bullet list's only item goes: an empty list, as two people deleting different items could leave.
    send((doc) => (doc.getXmlFragment("recommendation").get(2) as Y.XmlElement).delete(0, 1));
    expect((server.doc.getXmlFragment("recommendation").get(2) as Y.XmlElement).length).toBe(0);
  });

  it("refuses a top-level type that is not a section of the paper (nor its translation)", () => {
    expectRefused((doc) => doc.getXmlFragment("annex").push([new Y.XmlElement("paragraph")]), "fragment");
    expectRefused(
      (doc) => doc.getXmlFragment("finding:fr").push([new Y.XmlElement("paragraph")]),
      "fragment",
    );
    expectRefused(
      (doc) => doc.getXmlFragment("finding:en").push([new Y.XmlElement("paragraph")]),
      "fragment",
    );
    expectRefused((doc) => doc.getMap("settings").set("x", 1), "fragment");
  });

  it("refuses values that are neither elements nor text", () => {
    expectRefused((doc) => doc.getXmlFragment("finding").insert(0, [new Y.XmlText("loose")]), "content");
    expectRefused((doc) => doc.getArray("finding").insert(0, ["a string"]), "value");
    expectRefused((doc) => doc.getArray("finding").insert(0, [{ type: "paragraph" }]), "value");
    expectRefused(
      (doc) => doc.getXmlFragment("finding").insert(0, [new Y.XmlHook("paragraph") as never]),
      "value",
    );
    expectRefused((doc) => doc.getMap("finding").set("k", 1), "value");
    expectRefused((doc) => paragraphText(doc).insertEmbed(0, { image: "x" }), "value");
    expectRefused(
      (doc) =>
        (doc.getXmlFragment("finding").get(0) as Y.XmlElement).insert(0, [new Y.XmlElement("paragraph")]),
      "content",
    );
  });

  it("refuses unknown nodes, marks and attributes", () => {
    expectRefused((doc) => doc.getXmlFragment("finding").push([new Y.XmlElement("script")]), "node");
    expectRefused((doc) => doc.getXmlFragment("finding").push([new Y.XmlElement("doc")]), "node");
    expectRefused((doc) => doc.getXmlFragment("finding").push([new Y.XmlElement("text")]), "node");
    expectRefused((doc) => paragraphText(doc).format(0, 3, { strike: {} }), "mark");
    expectRefused((doc) => paragraphText(doc).format(0, 3, { "bold--AAAAAAAA": {} }), "mark");
    expectRefused((doc) => paragraphText(doc).format(0, 3, { bold: { weight: 900 } }), "attribute");
    expectRefused(
      (doc) => (doc.getXmlFragment("finding").get(0) as Y.XmlElement).setAttribute("onclick", "x"),
      "attribute",
    );
    expectRefused((doc) => paragraphText(doc).setAttribute("style", "x"), "attribute");
  });

  it("refuses attribute values out of range", () => {
    const heading = (level: unknown) => (doc: Y.Doc) => {
      const element = new Y.XmlElement("heading");
      doc.getXmlFragment("finding").push([element]);
      element.setAttribute("level", level as never);
    };
    for (const level of [1, 5, "2", 2.5, null, { x: 1 }]) expectRefused(heading(level), "attribute");
    const list = (start: unknown) => (doc: Y.Doc) => {
      const element = new Y.XmlElement("orderedList");
      doc.getXmlFragment("finding").push([element]);
      element.setAttribute("start", start as never);
      const item = new Y.XmlElement("listItem");
      element.insert(0, [item]);
      item.insert(0, [new Y.XmlElement("paragraph")]);
    };
    for (const start of [0, -1, 1e9, Number.NaN, "1"]) expectRefused(list(start), "attribute");
    for (const href of ["javascript:alert(1)", "data:text/html,x", 42, "https://x/" + "a".repeat(3000)])
      expectRefused((doc) => paragraphText(doc).format(0, 3, { link: { href } }), "attribute");
    expectRefused(
      (doc) => paragraphText(doc).format(0, 3, { link: { href: "https://ok.org", target: "_top" } }),
      "attribute",
    );
    expectRefused(
      (doc) => paragraphText(doc).format(0, 3, { link: { href: "https://ok.org", title: "t".repeat(2001) } }),
      "attribute",
    );
    expectRefused((doc) => paragraphText(doc).format(0, 3, { italic: true }), "attribute");
  });

  it("refuses content expressions the schema breaks", () => {
    const build =
      (outer: string, ...inner: string[]) =>
      (doc: Y.Doc) => {
        const element = new Y.XmlElement(outer);
        element.push(inner.map((name) => new Y.XmlElement(name)));
        doc.getXmlFragment("finding").push([element]);
      };
    expectRefused(build("bulletList"), "content"); // listItem+
    expectRefused(build("bulletList", "paragraph"), "content");
    expectRefused(build("listItem", "paragraph"), "content"); // not a block
    expectRefused(build("paragraph", "paragraph"), "content");
    expectRefused(build("blockquote"), "content"); // block+
    expectRefused(build("heading", "hardBreak", "bulletList"), "content");
    expectRefused((doc) => {
      const list = new Y.XmlElement("bulletList");
      const item = new Y.XmlElement("listItem");
      doc.getXmlFragment("finding").push([list]);
      list.insert(0, [item]);
      const heading = new Y.XmlElement("heading");
      item.insert(0, [heading]); // paragraph block*
      heading.setAttribute("level", 2 as never);
    }, "content");
    expectRefused((doc) => doc.getXmlFragment("finding").push([new Y.XmlElement("hardBreak")]), "content");
  });

  it(`refuses nesting deeper than ${MAX_DOCUMENT_DEPTH} elements, in one update or one level at a time`, () => {
    const { send } = setup();
    send((doc) => pushNested(doc.getXmlFragment("recommendation"), MAX_DOCUMENT_DEPTH - 1));
    expectRefused((doc) => pushNested(doc.getXmlFragment("finding"), MAX_DOCUMENT_DEPTH), "depth");
    expectRefused((doc) => pushNested(doc.getXmlFragment("finding"), 20_000), "depth");
    // Up to the limit one level per update, then one more level is refused.
    const { send: sendStep } = setup();
    let deepest: Y.XmlElement | null = null;
    const addLevel = () =>
      sendStep((doc) => {
        const next = new Y.XmlElement("blockquote");
        if (deepest) deepest.insert(0, [next]);
        else doc.getXmlFragment("recommendation").insert(0, [next]);
        next.insert(0, [new Y.XmlElement("paragraph")]);
        deepest = next;
      });
    for (let depth = 1; depth < MAX_DOCUMENT_DEPTH; depth += 1) addLevel();
    expect(refusal(addLevel).kind).toBe("depth");
  });

  it("does not judge what was stored before: an old paper with foreign content can still be edited", () => {
    const server = new GuardedDoc();
    const legacy = new Y.Doc();
    legacy.getXmlFragment("finding").push([new Y.XmlElement("marquee"), new Y.XmlElement("paragraph")]);
    (legacy.getXmlFragment("finding").get(1) as Y.XmlElement).insert(0, [new Y.XmlText("old")]);
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(legacy));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));
    const sv = Y.encodeStateVector(client);
    ((client.getXmlFragment("finding").get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(3, " text");
    client.getXmlFragment("finding").delete(0, 1); // and the foreign element can be removed
    server.applyClientUpdate(Y.encodeStateAsUpdate(client, sv), "client", FRAGMENTS);
    expect(server.doc.getXmlFragment("finding").toJSON()).toBe("<paragraph>old text</paragraph>");
  });

  it("grows with the editor: a mark added to the extension list is accepted and its attributes checked", () => {
    const insertion = Mark.create({
      name: "insertion",
      addAttributes: () => ({ author: { default: null } }),
      parseHTML: () => [{ tag: "ins" }],
      renderHTML: () => ["ins", 0],
    });
    const rules: DocumentSchema = deriveDocumentSchema(getSchema([...schemaExtensions(), insertion]));
    const marked = (attrs: unknown) => ({
      type: "doc",
      content: [p(text("nuevo", [{ type: "insertion", attrs } as never]))],
    });
    expect(sectionJsonViolation(marked({ author: "u1" }), rules)).toBeNull();
    expect(sectionJsonViolation(marked({ author: "u1", colour: "red" }), rules)?.kind).toBe("attribute");
    expect(sectionJsonViolation(marked({ author: "x".repeat(5000) }), rules)?.kind).toBe("attribute");
    // The editor's own schema does not know it.
    expect(sectionJsonViolation(marked({ author: "u1" }))?.kind).toBe("mark");
  });
});

describe("the guarded document's shadow copy", () => {
  const insertAt = (doc: Y.Doc, words: string) => {
    const paragraph = doc.getXmlFragment("finding").get(0) as Y.XmlElement;
    const node = paragraph.get(0) as Y.XmlText;
    node.insert(node.length, words);
  };
  const foreign = (doc: Y.Doc) => doc.getXmlFragment("finding").push([new Y.XmlElement("marquee")]);

  it("exists only while clients send more than ordinary edits, and checks as well after it was dropped and rebuilt", () => {
    const { server, client, send } = setup();
    // Loaded and read, never written to: one copy of the state.
    expect(server.hasShadow).toBe(false);
    // Typing and a new paragraph do not need it.
    send((doc) => insertAt(doc, " uno"));
    send((doc) => doc.getXmlFragment("recommendation").push([new Y.XmlElement("paragraph")]));
    expect(server.hasShadow).toBe(false);
    // A paragraph added and deleted in one update does.
    send((doc) => {
      doc.getXmlFragment("recommendation").push([new Y.XmlElement("paragraph")]);
      doc.getXmlFragment("recommendation").delete(1, 1);
    });
    expect(server.hasShadow).toBe(true);
    // Not idle long enough: kept.
    server.relax(performance.now(), 60_000);
    expect(server.hasShadow).toBe(true);
    server.relax(performance.now() + 60_000, 60_000);
    expect(server.hasShadow).toBe(false);
    // Changes that reach the document meanwhile (another process, the database) are in the rebuilt copy.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server.doc));
    const before = Y.encodeStateVector(peer);
    insertAt(peer, " dos");
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(peer, before), "peer");
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server.doc));

    const stored = Y.encodeStateAsUpdate(server.doc);
    expect(refusal(() => send(foreign)).kind).toBe("node");
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(stored);
    // The refused change is in the client only; a fresh client goes on from the server's state.
    const next = new Y.Doc();
    Y.applyUpdate(next, stored);
    const sv = Y.encodeStateVector(next);
    insertAt(next, " tres");
    server.applyClientUpdate(Y.encodeStateAsUpdate(next, sv), "client", FRAGMENTS);
    expect(server.doc.getXmlFragment("finding").toJSON()).toBe(
      "<paragraph>Hallazgo uno dos tres</paragraph>",
    );
  });
});

describe("the document schema on ProseMirror JSON (imports)", () => {
  it("accepts and normalises a section of the schema", () => {
    const joined = normalizeSectionJson({ type: "doc", content: [p(text("a"), text("b"))] });
    expect(joined).toEqual({ type: "doc", content: [p(text("ab"))] });
    expect(normalizeSectionJson(richDoc)).toMatchObject({ type: "doc" });
    expect(normalizeSectionJson({ type: "doc" })).toEqual({ type: "doc" });
  });

  it.each([
    ["a string", "value", { type: "doc", content: ["texto"] }],
    ["null content", "value", { type: "doc", content: [null] }],
    ["an unknown node", "node", { type: "doc", content: [{ type: "table" }] }],
    ["an unknown mark", "mark", { type: "doc", content: [p(text("x", [{ type: "strike" }]))] }],
    [
      "an unknown attribute",
      "attribute",
      { type: "doc", content: [{ type: "paragraph", attrs: { id: "x" } }] },
    ],
    ["a heading level 1", "attribute", { type: "doc", content: [{ type: "heading", attrs: { level: 1 } }] }],
    [
      "a javascript link",
      "attribute",
      { type: "doc", content: [p(text("x", [{ type: "link", attrs: { href: "javascript:x" } }]))] },
    ],
    ["text at the top", "content", { type: "doc", content: [text("x")] }],
    ["a list without items", "content", { type: "doc", content: [{ type: "bulletList", content: [] }] }],
    ["empty text", "value", { type: "doc", content: [p({ type: "text", text: "" })] }],
    ["not a doc", "node", { type: "paragraph" }],
  ])("refuses %s", (_label, kind, json) => {
    expect(sectionJsonViolation(json)?.kind).toBe(kind);
  });

  it(`refuses nesting deeper than ${MAX_DOCUMENT_DEPTH} without overflowing the stack`, () => {
    let node: PMNode = p(text("fondo"));
    for (let i = 0; i < 100_000; i += 1) node = { type: "blockquote", content: [node] };
    expect(sectionJsonViolation({ type: "doc", content: [node] })?.kind).toBe("depth");
  });
});

describe("the fragments of a paper", () => {
  it("are its section keys and, for the other language, <key>:<lang>", () => {
    expect([...paperFragmentNames(["finding", "rec"], "es")].sort()).toEqual([
      "finding",
      "finding:en",
      "rec",
      "rec:en",
    ]);
  });
});
