import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { editorSchema } from "~/modules/documents/editor-schema";
import {
  SECTION_MARK_TYPES,
  SECTION_NODE_TYPES,
  fragmentToJson,
  jsonToFragment,
  sanitizeDoc,
  textDoc,
  type PMNode,
} from "~/modules/documents/prosemirror-json";

const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PMNode[]): PMNode =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };
const item = (...content: PMNode[]): PMNode => ({ type: "listItem", content });

function section(): Y.XmlFragment {
  return new Y.Doc().getXmlFragment("recommendation");
}

const richDoc: PMNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Migración laboral regular")] },
    p(
      text("Los gobiernos deben abrir "),
      text("visas de trabajo", [{ type: "bold" }]),
      text(" con "),
      text("preferencia", [{ type: "bold" }, { type: "italic" }]),
      text(" regional, según el "),
      text("informe", [{ type: "link", attrs: { href: "https://example.org/informe?año=2024" } }]),
      text("."),
      { type: "hardBreak" },
      text("Señalan también la cooperación.", [{ type: "italic" }]),
    ),
    {
      type: "bulletList",
      content: [
        item(p(text("Guatemala"))),
        item(p(text("Honduras")), { type: "bulletList", content: [item(p(text("San Pedro Sula")))] }),
      ],
    },
    {
      type: "orderedList",
      attrs: { start: 3 },
      content: [item(p(text("Primero"))), item(p(text("Segundo")), p(text("más detalle")))],
    },
    { type: "blockquote", content: [p(text("Una cita.")), p(text("Otra línea, ñandú."))] },
    { type: "heading", attrs: { level: 4 }, content: [text("Anexo")] },
    p(),
  ],
};

describe("section content as ProseMirror JSON", () => {
  it("reads back exactly what was written: headings, marks, links, lists, quotes, accents, line breaks", () => {
    const fragment = section();
    jsonToFragment(richDoc, fragment);
    expect(fragmentToJson(fragment)).toEqual(richDoc);
  });

  it("writes demo text one paragraph per string", () => {
    const fragment = section();
    jsonToFragment(textDoc("Primera idea.", "", "Segunda idea."), fragment);
    expect(fragmentToJson(fragment)).toEqual({
      type: "doc",
      content: [p(text("Primera idea.")), p(), p(text("Segunda idea."))],
    });
  });

  it("reads an untouched section as an empty document", () => {
    expect(fragmentToJson(section())).toEqual({ type: "doc", content: [] });
  });

  it("refuses to seed content outside the editor schema", () => {
    expect(() => jsonToFragment({ type: "doc", content: [{ type: "table" }] }, section())).toThrow();
    expect(() =>
      jsonToFragment(
        { type: "doc", content: [{ type: "bulletList", content: [p(text("not an item"))] }] },
        section(),
      ),
    ).toThrow();
  });

  it("knows every node and mark of the editor schema, marks in the schema's order", () => {
    expect([...SECTION_NODE_TYPES].sort()).toEqual(Object.keys(editorSchema().nodes).sort());
    expect([...SECTION_MARK_TYPES]).toEqual(Object.keys(editorSchema().marks));
  });
});

describe("hostile raw Yjs content", () => {
  it("never lets through script elements, event handler attributes or javascript: links", () => {
    const fragment = section();
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.setAttribute("onclick", "alert(2)");
    const link = new Y.XmlText();
    paragraph.insert(0, [link]);
    fragment.insert(0, [script, paragraph]);
    link.insert(0, "pulse aquí", {
      link: { href: "javascript:alert(3)", class: "evil" },
      onmouseover: { x: 1 },
    });

    const json = fragmentToJson(fragment);
    expect(json).toEqual({ type: "doc", content: [p(text("alert(1)")), p(text("pulse aquí"))] });
    expect(JSON.stringify(json)).not.toMatch(/script|onclick|javascript|evil|onmouseover/);
  });

  it("keeps only the href of a safe link and drops its other attributes", () => {
    const fragment = section();
    const paragraph = new Y.XmlElement("paragraph");
    const run = new Y.XmlText();
    paragraph.insert(0, [run]);
    fragment.insert(0, [paragraph]);
    run.insert(0, "informe", {
      link: { href: "https://example.org", class: "x", target: "_top", style: "color:red" },
    });
    expect(fragmentToJson(fragment)).toEqual({
      type: "doc",
      content: [p(text("informe", [{ type: "link", attrs: { href: "https://example.org" } }]))],
    });
  });

  it("clamps heading levels and ordered list starts to what the editor allows", () => {
    const fragment = section();
    const headings = [1, "9", "abc"].map((level) => {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", level as string);
      heading.insert(0, [new Y.XmlText("T")]);
      return heading;
    });
    const list = new Y.XmlElement("orderedList");
    list.setAttribute("start", -4 as unknown as string);
    list.setAttribute("type", "I");
    const listItem = new Y.XmlElement("listItem");
    list.insert(0, [listItem]);
    fragment.insert(0, [...headings, list]);
    expect(fragmentToJson(fragment)).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("T")] },
        { type: "heading", attrs: { level: 4 }, content: [text("T")] },
        { type: "heading", attrs: { level: 2 }, content: [text("T")] },
        { type: "orderedList", attrs: { start: 1 }, content: [item(p())] },
      ],
    });
  });

  it("repairs structure the editor cannot hold: loose text, items outside lists, blocks inside text", () => {
    const raw = {
      type: "doc",
      content: [
        [text("suelto")],
        item(p(text("huérfano"))),
        {
          type: "paragraph",
          content: [
            text("a"),
            { type: "heading", content: [text("b")] },
            { type: "marquee", content: [text("c")] },
          ],
        },
        { type: "bulletList", content: [p(text("sin item"))] },
        { type: "bulletList", content: [] },
        { type: "blockquote" },
        { type: "listItem", content: [{ type: "bulletList", content: [item(p(text("anidado")))] }] },
        { type: "text", text: "" },
        "not a node",
        null,
      ],
    };
    expect(sanitizeDoc(raw)).toEqual({
      type: "doc",
      content: [
        p(text("suelto")),
        { type: "bulletList", content: [item(p(text("huérfano")))] },
        p(text("ab")),
        { type: "bulletList", content: [item(p(text("sin item")))] },
        { type: "blockquote", content: [p()] },
        {
          type: "bulletList",
          content: [item(p(), { type: "bulletList", content: [item(p(text("anidado")))] })],
        },
      ],
    });
  });

  it("puts marks in one order and merges runs however the marks were applied", () => {
    const raw = {
      type: "doc",
      content: [
        p(
          text("a", [{ type: "italic" }, { type: "bold" }, { type: "bold" }]),
          text("b", [{ type: "bold" }, { type: "italic" }]),
          text("c", [{ type: "underline" }]),
        ),
      ],
    };
    expect(sanitizeDoc(raw)).toEqual({
      type: "doc",
      content: [p(text("ab", [{ type: "bold" }, { type: "italic" }]), text("c"))],
    });
  });

  it("reads a section holding Yjs types the editor never writes instead of failing", () => {
    const fragment = section();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("visible")]);
    // A hostile client is not held to the types: a fragment can hold any Yjs type.
    fragment.insert(0, [new Y.XmlHook("widget") as unknown as Y.XmlElement, paragraph]);
    expect(fragmentToJson(fragment)).toEqual({ type: "doc", content: [p(text("visible"))] });
  });

  it("keeps the text of absurdly deep nesting without following it all the way down", () => {
    let node: unknown = text("fondo");
    for (let depth = 0; depth < 500; depth += 1) node = { type: "blockquote", content: [node] };
    const json = sanitizeDoc({ type: "doc", content: [node] });
    expect(JSON.stringify(json)).toContain("fondo");
    expect(JSON.stringify(json).length).toBeLessThan(5000);
  });
});
