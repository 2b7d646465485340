import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EditorState } from "@tiptap/pm/state";
import {
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProseMirrorRootNode,
} from "@tiptap/y-tiptap";
import { editorSchema } from "~/modules/documents/editor-schema";
import { SchemaViolation, paperFragmentNames, type ViolationKind } from "~/modules/documents/document-schema";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";
import {
  deletionTarget,
  suggestDeletion,
  suggestInsertion,
  type SuggestionContext,
} from "~/modules/suggestions/suggest-transaction";
import { GuardedDoc } from "../../server/collab/guarded-doc";

const FRAGMENTS = paperFragmentNames(["finding", "recommendation"], "en");
const ANA: SuggestionAuthor = { userId: "user-ana", name: "Ana Pérez", delegation: "MX" };
const BEN: SuggestionAuthor = { userId: "user-ben", name: "Ben Ortiz", delegation: "US" };

const attrsOf = (author: SuggestionAuthor, id: string): Record<string, string | null> => ({
  id,
  authorId: author.userId,
  authorName: author.name,
  delegation: author.delegation,
  createdAt: "2026-12-11T09:00:00.000Z",
});
const ins = (author: SuggestionAuthor, id: string) => ({ suggestionInsert: attrsOf(author, id) });
const del = (author: SuggestionAuthor, id: string) => ({ suggestionDelete: attrsOf(author, id) });

const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PMNode[]): PMNode =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };

/** "Members should act." with Ben's pending insertion " now" and Ben's pending deletion of "Members". */
const START: PMNode = {
  type: "doc",
  content: [
    p(
      text("Members", [{ type: "suggestionDelete", attrs: attrsOf(BEN, "ben2") }]),
      text(" should "),
      text("act", [{ type: "bold" }]),
      text(" now", [{ type: "suggestionInsert", attrs: attrsOf(BEN, "ben1") }]),
      text("."),
    ),
    p(text("Second paragraph.")),
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
  /** Sends what `change` does to the client's document, as `author` who may only suggest. */
  const send = (change: (doc: Y.Doc) => void, author: SuggestionAuthor = ANA) => {
    const before = Y.encodeStateVector(client);
    client.transact(() => change(client));
    server.applyClientUpdate(Y.encodeStateAsUpdate(client, before), "client", FRAGMENTS, author);
  };
  /** Edits the section the way the editor does: a ProseMirror transaction, synced by y-tiptap. */
  const edit = (
    change: (tr: EditorState["tr"], context: SuggestionContext) => void,
    author: SuggestionAuthor = ANA,
  ) => {
    const doc = yXmlFragmentToProseMirrorRootNode(fragment, editorSchema());
    const tr = EditorState.create({ doc, schema: editorSchema() }).tr;
    let ids = 0;
    change(tr, { author, now: () => new Date("2026-12-11T10:00:00.123Z"), newId: () => `new${(ids += 1)}` });
    send(() => updateYFragment(client, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() }), author);
  };
  const serverJson = () => fragmentToJson(server.doc.getXmlFragment("finding"), "keep");
  const textAt = (paragraph: number) => (fragment.get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
  return { server, client, send, edit, serverJson, textAt };
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

/** The change is refused, and the server's document is exactly what it was. */
function expectRefused(
  change: (doc: Y.Doc, text: Y.XmlText) => void,
  message: RegExp,
  kind: ViolationKind = "suggestion",
): void {
  const { server, send, textAt } = setup();
  const before = Y.encodeStateAsUpdate(server.doc);
  const violation = refusal(() => send((doc) => change(doc, textAt(0))));
  expect(violation.kind).toBe(kind);
  expect(violation.message).toMatch(message);
  expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
}

describe("what the editor sends in Suggesting mode passes the server's check", () => {
  it("accepts typed text as the author's insertion", () => {
    const { edit, serverJson } = setup();
    edit((tr, context) => suggestInsertion(tr, 9, 9, "not ", context));
    const paragraph = serverJson().content![0];
    const inserted = paragraph.content!.find((node) => node.text === "not ");
    expect(inserted?.marks).toEqual([
      {
        type: "suggestionInsert",
        attrs: { ...attrsOf(ANA, "new1"), createdAt: "2026-12-11T10:00:00.123Z" },
      },
    ]);
  });

  it("continues the author's own insertion when typing goes on at its end", () => {
    const { edit, serverJson } = setup();
    edit((tr, context) => suggestInsertion(tr, 9, 9, "n", context));
    edit((tr, context) => suggestInsertion(tr, 10, 10, "ot ", context));
    const inserted = serverJson().content![0].content!.filter((node) =>
      node.marks?.some((mark) => mark.type === "suggestionInsert" && mark.attrs?.authorId === ANA.userId),
    );
    expect(inserted.map((node) => node.text)).toEqual(["not "]);
  });

  it("accepts a deletion as a deletion mark, and strikes past text already struck", () => {
    const { edit, serverJson } = setup();
    edit((tr, context) => {
      suggestDeletion(tr, 9, 15, context);
    });
    const struck = serverJson().content![0].content!.find((node) => node.text === "should");
    expect(struck?.marks?.[0]).toMatchObject({ type: "suggestionDelete", attrs: { authorId: ANA.userId } });
    const { edit: edit2, client } = setup();
    const doc = yXmlFragmentToProseMirrorRootNode(client.getXmlFragment("finding"), editorSchema());
    // Backspace after "Members" (struck by Ben) stops at the start of the block: nothing to strike.
    expect(deletionTarget(doc, 8, -1)).toBeNull();
    expect(deletionTarget(doc, 9, -1)).toEqual({ from: 8, to: 9 });
    edit2((tr, context) => {
      suggestDeletion(tr, 8, 9, context);
    });
  });

  it("accepts a replacement: the old words struck and the new ones inserted, one suggestion", () => {
    const { edit, serverJson } = setup();
    edit((tr, context) => suggestInsertion(tr, 9, 15, "shall", context));
    const content = serverJson().content![0].content!;
    const struck = content.find((node) => node.text === "should")!;
    const added = content.find((node) => node.text === "shall")!;
    expect(struck.marks![0].attrs!.id).toBe("new1");
    expect(added.marks![0]).toMatchObject({ type: "suggestionInsert", attrs: { id: "new1" } });
  });

  it("really deletes the author's own pending insertion", () => {
    const { edit, serverJson } = setup();
    edit((tr, context) => suggestInsertion(tr, 9, 9, "not ", context));
    edit((tr, context) => {
      suggestDeletion(tr, 9, 13, context);
    });
    expect(JSON.stringify(serverJson())).not.toContain("not ");
  });

  it("accepts striking someone else's pending insertion (a suggestion on a suggestion)", () => {
    const { edit, serverJson } = setup();
    // " now" (Ben's insertion) is at 19..23.
    edit((tr, context) => {
      suggestDeletion(tr, 19, 23, context);
    });
    const now = serverJson().content![0].content!.find((node) => node.text === " now")!;
    expect(now.marks!.map((mark) => mark.type).sort()).toEqual(["suggestionDelete", "suggestionInsert"]);
  });

  it("accepts withdrawing one's own deletion mark with raw Yjs", () => {
    const { send, textAt } = setup();
    send(() => textAt(0).format(9, 6, del(ANA, "a1")));
    send(() => textAt(0).format(9, 6, { suggestionDelete: null }));
  });

  it("accepts typing into an empty paragraph (a new text container inside an existing block)", () => {
    const { edit } = setup({ type: "doc", content: [p()] });
    edit((tr, context) => suggestInsertion(tr, 1, 1, "Nuevo", context));
  });
});

describe("every way to sneak a direct change through is refused, and nothing is stored", () => {
  it("typing without the insertion mark", () =>
    expectRefused((_, t) => t.insert(9, "not "), /new text without a valid suggestion mark/));
  it("typing with bold but no insertion mark", () =>
    expectRefused((_, t) => t.insert(9, "not ", { bold: {} }), /without a valid suggestion mark/));
  it("typing under someone else's name", () =>
    expectRefused((_, t) => t.insert(9, "not ", ins(BEN, "fake")), /attributed to someone else/));
  it("typing with one's own id but another name or delegation", () =>
    expectRefused(
      (_, t) => t.insert(9, "not ", ins({ ...ANA, delegation: "US" }, "a1")),
      /another name or delegation/,
    ));
  it("typing into someone else's suggestion id", () =>
    expectRefused((_, t) => t.insert(9, "not ", ins(ANA, "ben1")), /reuses someone else's suggestion/));
  it("typing with a malformed insertion mark", () =>
    expectRefused(
      (_, t) => t.insert(9, "x", { suggestionInsert: { ...attrsOf(ANA, "a1"), createdAt: "yesterday" } }),
      /createdAt/,
      "attribute",
    ));
  it("typing text that is both inserted and struck", () =>
    expectRefused((_, t) => t.insert(9, "x", { ...ins(ANA, "a1"), ...del(ANA, "a1") }), /deletion mark/));
  it("deleting plain text", () => expectRefused((_, t) => t.delete(9, 6), /not your own pending insertion/));
  it("deleting someone else's pending insertion", () =>
    expectRefused((_, t) => t.delete(18, 4), /not your own pending insertion/));
  it("deleting text someone else suggested deleting (accepting their deletion)", () =>
    expectRefused((_, t) => t.delete(0, 7), /not your own pending insertion/));
  it("removing someone else's deletion mark (rejecting their suggestion)", () =>
    expectRefused((_, t) => t.format(0, 7, { suggestionDelete: null }), /someone else's suggested deletion/));
  it("taking over someone else's deletion mark", () =>
    expectRefused((_, t) => t.format(0, 7, del(ANA, "a1")), /someone else's suggested deletion/));
  it("turning someone else's pending insertion into adopted text (removing its mark)", () =>
    expectRefused((_, t) => t.format(18, 4, { suggestionInsert: null }), /formatting of existing text/));
  it("turning adopted text into a pending insertion (so that rejecting it deletes it)", () =>
    expectRefused((_, t) => t.format(9, 6, ins(ANA, "a1")), /formatting of existing text/));
  it("turning someone else's suggested deletion into a plain insertion", () =>
    expectRefused(
      (_, t) => t.format(0, 7, { suggestionDelete: null, ...ins(BEN, "ben2") }),
      /formatting of existing text|someone else's suggested deletion/,
    ));
  it("adding bold to existing text", () =>
    expectRefused((_, t) => t.format(9, 3, { bold: {} }), /formatting of existing text was changed/));
  it("removing bold from existing text", () =>
    expectRefused((_, t) => t.format(16, 3, { bold: null }), /formatting of existing text/));
  it("adding a link to existing text", () =>
    expectRefused(
      (_, t) => t.format(9, 6, { link: { href: "https://example.org" } }),
      /formatting of existing text/,
    ));
  it("a deletion mark under someone else's name", () =>
    expectRefused((_, t) => t.format(9, 6, del(BEN, "b9")), /attributed to someone else/));
  it("a deletion mark reusing someone else's suggestion id", () =>
    expectRefused((_, t) => t.format(9, 6, del(ANA, "ben1")), /reuses someone else's suggestion/));
  it("adding a paragraph", () =>
    expectRefused(
      (doc) => doc.getXmlFragment("finding").insert(1, [new Y.XmlElement("paragraph")]),
      /block was added/,
    ));
  it("removing a paragraph", () =>
    expectRefused((doc) => doc.getXmlFragment("finding").delete(1, 1), /block was removed/));
  it("turning a paragraph into a heading", () =>
    expectRefused((doc) => {
      const fragment = doc.getXmlFragment("finding");
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", 2 as unknown as string);
      fragment.delete(1, 1);
      fragment.insert(1, [heading]);
    }, /block was (removed|added)/));
  it("changing a block's attribute (a heading's level)", () => {
    const { server, send } = setup({
      type: "doc",
      content: [{ type: "heading", attrs: { level: 2 }, content: [text("Title")] }],
    });
    const before = Y.encodeStateAsUpdate(server.doc);
    const violation = refusal(() =>
      send((doc) =>
        (doc.getXmlFragment("finding").get(0) as Y.XmlElement).setAttribute("level", 3 as unknown as string),
      ),
    );
    expect(violation.message).toMatch(/block was changed/);
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  });
  it("emptying a paragraph by replacing its text container", () =>
    expectRefused((doc) => {
      const paragraph = doc.getXmlFragment("finding").get(1) as Y.XmlElement;
      paragraph.delete(0, 1);
      const replacement = new Y.XmlText();
      replacement.insert(0, "Second paragraph.");
      paragraph.insert(0, [replacement]);
    }, /not your own pending insertion/));
  it("a change in one section hidden behind a legitimate suggestion in another", () =>
    expectRefused((doc, t) => {
      t.insert(9, "x", ins(ANA, "a1"));
      const other = doc.getXmlFragment("recommendation");
      const paragraph = new Y.XmlElement("paragraph");
      other.insert(0, [paragraph]);
    }, /block was added/));
});

describe("two people suggesting at the same spot at once", () => {
  it("tolerates a pending character passing from one suggestion to another, as Yjs ranges merge", () => {
    const { send, textAt, serverJson } = setup();
    // Ana's update leaves Ben's pending " now" inside another pending insertion (not hers).
    const carla = { userId: "user-carla", name: "Carla Ruiz", delegation: "GT" };
    send(() => textAt(0).format(18, 4, ins(carla, "c9")));
    const now = serverJson().content![0].content!.find((node) => node.text === " now")!;
    expect(now.marks).toMatchObject([{ type: "suggestionInsert", attrs: { id: "c9" } }]);
  });

  it("but never lets the sender take over someone else's suggestion (to withdraw it next)", () => {
    const { server, send, textAt } = setup();
    const before = Y.encodeStateAsUpdate(server.doc);
    expect(refusal(() => send(() => textAt(0).format(18, 4, ins(ANA, "a9")))).message).toMatch(
      /formatting of existing text/,
    );
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  });
});

describe("a direct editor is not held to suggestions", () => {
  it("accepts plain typing and deleting when the connection may edit directly", () => {
    const { server, client, textAt } = setup();
    const before = Y.encodeStateVector(client);
    textAt(0).insert(8, "not ");
    textAt(0).delete(0, 8);
    server.applyClientUpdate(Y.encodeStateAsUpdate(client, before), "client", FRAGMENTS, null);
    expect(fragmentToJson(server.doc.getXmlFragment("finding")).content![0].content![0]).toEqual({
      type: "text",
      text: "not should ",
    });
  });
});
