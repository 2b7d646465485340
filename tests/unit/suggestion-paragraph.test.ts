// A suggested paragraph break (issue 18): Enter in Suggesting mode strikes the text after the caret and
// carries it into a new paragraph marked as the author's suggestion. The server takes exactly that (and
// the author withdrawing it), refuses every other new, removed or changed block, and deciding it keeps the
// split or puts the text back as it was.
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
} from "~/modules/documents/document-schema";
import { fragmentToJson, type PMNode } from "~/modules/documents/prosemirror-json";
import { describeChange } from "~/modules/suggestions/describe-change";
import { listSectionSuggestions } from "~/modules/suggestions/list";
import { decideInFragment, finalView, originalView, suggestionById } from "~/modules/suggestions/resolve";
import type { SuggestionAuthor } from "~/modules/suggestions/suggestion-check";
import { encodeParagraphSuggestion } from "~/modules/suggestions/suggestion-marks";
import {
  suggestDeletion,
  suggestInsertion,
  suggestParagraph,
  type SuggestionContext,
} from "~/modules/suggestions/suggest-transaction";
import { GuardedDoc } from "../../server/collab/guarded-doc";
import { marked } from "../support/suggestion-text";

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
const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PMNode[]): PMNode => ({ type: "paragraph", content });

const START: PMNode = { type: "doc", content: [p(text("Members should act.")), p(text("Second."))] };

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
  /** The section as lines, one per block, with [+inserted], [-deleted] and "¶+ " before a suggested paragraph. */
  const lines = (doc: Y.Doc = server.doc) =>
    (fragmentToJson(doc.getXmlFragment("finding"), "keep").content ?? []).map((block) => {
      const one = new Y.Doc();
      prosemirrorJSONToYXmlFragment(
        editorSchema(),
        { type: "doc", content: [block] },
        one.getXmlFragment("x"),
      );
      return `${block.attrs?.suggestion ? "¶+ " : ""}${marked(one, "x")}`;
    });
  return { server, client, send, edit, lines, fragment };
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

const paragraphElement = (attrs: Record<string, unknown> | null, words = "") => {
  const element = new Y.XmlElement("paragraph");
  if (attrs) element.setAttribute("suggestion", encodeParagraphSuggestion(attrs as never));
  if (words) {
    const content = new Y.XmlText();
    content.insert(0, words, { suggestionInsert: attrs });
    element.insert(0, [content]);
  }
  return element;
};

describe("Enter in Suggesting mode", () => {
  it("strikes the text after the caret and carries it into a new paragraph of the author's, one suggestion", () => {
    const { edit, lines, server } = setup();
    let caret: number | null = null;
    edit((tr, context) => {
      caret = suggestParagraph(tr, 16, context);
    });
    expect(caret).toBe(22);
    expect(lines()).toEqual(["Members should [-act.]", "¶+ [+act.]", "Second."]);
    const [pending] = listSectionSuggestions(
      "finding",
      fragmentToJson(server.doc.getXmlFragment("finding"), "keep"),
    );
    expect(pending).toMatchObject({ id: "new1", kind: "paragraph", inserted: "act.", deleted: "act." });
    expect(describeChange("en", pending.inserted, pending.deleted, null, true)).toBe("New paragraph: “act.”");
    expect(describeChange("es", "", "", null, true)).toBe("Nuevo párrafo");
  });

  it("at the end of a paragraph makes an empty one; typing in it continues the same suggestion", () => {
    const { edit, lines, server } = setup();
    edit((tr, context) => {
      suggestParagraph(tr, 20, context);
    });
    expect(lines()).toEqual(["Members should act.", "¶+ ", "Second."]);
    edit((tr, context) => suggestInsertion(tr, 22, 22, "New words.", context));
    expect(lines()).toEqual(["Members should act.", "¶+ [+New words.]", "Second."]);
    expect(
      listSectionSuggestions("finding", fragmentToJson(server.doc.getXmlFragment("finding"), "keep")),
    ).toEqual([
      expect.objectContaining({ id: "new1", kind: "paragraph", inserted: "New words.", deleted: "" }),
    ]);
  });

  it("is not a suggestion where the text after the caret holds a pending suggestion", () => {
    const { edit, client } = setup();
    edit((tr, context) => {
      suggestDeletion(tr, 9, 15, context);
    });
    const doc = yXmlFragmentToProseMirrorRootNode(client.getXmlFragment("finding"), editorSchema());
    const tr = EditorState.create({ doc, schema: editorSchema() }).tr;
    const context = { author: ANA, now: () => new Date(), newId: () => "x" };
    expect(suggestParagraph(tr, 5, context)).toBeNull();
    expect(tr.docChanged).toBe(false);
    expect(suggestParagraph(tr, 16, context)).toBe(22);
  });

  it("the author may withdraw it: the new paragraph and its text go, the strike goes", () => {
    const { edit, send, lines } = setup();
    edit((tr, context) => {
      suggestParagraph(tr, 16, context);
    });
    send((doc) => {
      const fragment = doc.getXmlFragment("finding");
      fragment.delete(1, 1);
      ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(15, 4, { suggestionDelete: null });
    });
    expect(lines()).toEqual(["Members should act.", "Second."]);
  });
});

describe("deciding a suggested paragraph", () => {
  const decided = (decision: "accept" | "reject") => {
    const { edit, server, lines } = setup();
    edit((tr, context) => {
      suggestParagraph(tr, 16, context);
    });
    const before = fragmentToJson(server.doc.getXmlFragment("finding"), "keep");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc));
    expect(decideInFragment(doc.getXmlFragment("finding"), suggestionById("new1"), decision)).toBeGreaterThan(
      0,
    );
    return { before, after: lines(doc) };
  };

  it("accepting keeps the split: the struck copy goes, the new paragraph is ordinary", () => {
    const { before, after } = decided("accept");
    expect(after).toEqual(["Members should ", "act.", "Second."]);
    expect(finalView(before).content).toEqual([
      p(text("Members should ")),
      p(text("act.")),
      p(text("Second.")),
    ]);
  });

  it("rejecting puts the text back as it was: the new paragraph goes, the strike goes", () => {
    const { before, after } = decided("reject");
    expect(after).toEqual(["Members should act.", "Second."]);
    expect(originalView(before)).toEqual(START);
  });
});

describe("blocks from someone who may only suggest", () => {
  const expectRefused = (change: (fragment: Y.XmlFragment) => void, message: RegExp, author = ANA) => {
    const { server, send, edit } = setup();
    // Ben has a suggested paragraph already.
    edit((tr, context) => {
      suggestParagraph(tr, 16, context);
    }, BEN);
    const before = Y.encodeStateAsUpdate(server.doc);
    expect(refusal(() => send((doc) => change(doc.getXmlFragment("finding")), author)).message).toMatch(
      message,
    );
    expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before);
  };

  it("accepts a new paragraph of her own sent raw", () => {
    const { send, lines } = setup();
    send((doc) => doc.getXmlFragment("finding").insert(1, [paragraphElement(attrsOf(ANA, "a1"), "More.")]));
    expect(lines()).toEqual(["Members should act.", "¶+ [+More.]", "Second."]);
  });
  it("refuses a paragraph without her attribute", () =>
    expectRefused(
      (f) => f.insert(1, [paragraphElement(null)]),
      /block was added that is not your suggested paragraph/,
    ));
  it("refuses a paragraph under someone else's name", () =>
    expectRefused(
      (f) => f.insert(1, [paragraphElement(attrsOf(BEN, "b9"))]),
      /new paragraph attributed to someone else/,
    ));
  it("refuses a paragraph reusing someone else's suggestion id", () =>
    expectRefused(
      (f) => f.insert(1, [paragraphElement(attrsOf(ANA, "new1"))]),
      /reuses someone else's suggestion/,
    ));
  it("refuses a new heading, even with her attribute", () =>
    expectRefused((f) => {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", 2 as unknown as string);
      f.insert(1, [heading]);
    }, /block was added that is not your suggested paragraph/));
  it("refuses removing someone else's suggested paragraph (rejecting it)", () =>
    expectRefused((f) => f.delete(1, 1), /not your own (suggested paragraph|pending insertion)/));
  it("refuses clearing someone else's paragraph attribute (accepting it)", () =>
    expectRefused((f) => (f.get(1) as Y.XmlElement).removeAttribute("suggestion"), /block was changed/));
  it("refuses taking over someone else's suggested paragraph", () =>
    expectRefused(
      (f) =>
        (f.get(1) as Y.XmlElement).setAttribute("suggestion", encodeParagraphSuggestion(attrsOf(ANA, "a1"))),
      /block was changed/,
    ));
  it("refuses removing an ordinary paragraph", () =>
    expectRefused((f) => f.delete(2, 1), /block was removed that is not your own suggested paragraph/));
  it("refuses a real split: a plain new paragraph taking the text over", () =>
    expectRefused((f) => {
      const first = (f.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      first.delete(15, 4);
      const moved = new Y.XmlElement("paragraph");
      const content = new Y.XmlText();
      content.insert(0, "act.");
      moved.insert(0, [content]);
      f.insert(1, [moved]);
    }, /not your own pending insertion|not your suggested paragraph/));
  it("the document schema refuses a malformed attribute", () => {
    const json = (value: unknown) => ({
      type: "doc",
      content: [{ type: "paragraph", attrs: { suggestion: value } }],
    });
    expect(sectionJsonViolation(json(encodeParagraphSuggestion(attrsOf(ANA, "a1"))))).toBeNull();
    expect(sectionJsonViolation(json("{}"))?.kind).toBe("attribute");
    expect(sectionJsonViolation(json(attrsOf(ANA, "a1")))?.kind).toBe("attribute");
  });
});
