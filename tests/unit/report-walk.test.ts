import { describe, expect, it } from "vitest";
import { cleanText, emboldened, plainText, textBlocks, walkDoc, type Block } from "~/modules/report/walk";
import { FIXTURE_SECTIONS, HOSTILE } from "../support/report-fixture";

const recommendation = FIXTURE_SECTIONS.find((s) => s.key === "recommendation")!.doc;

function allRuns(blocks: Block[]): { text: string; href?: string; bold: boolean; italic: boolean }[] {
  return blocks.flatMap((block) => {
    if (block.kind === "list") return block.items.flatMap(allRuns);
    if (block.kind === "quote") return allRuns(block.blocks);
    return block.inlines.flatMap((i) => (i.kind === "text" ? [i] : []));
  });
}

describe("the one walk over a section", () => {
  const blocks = walkDoc(recommendation);

  it("keeps headings (one level below the section), paragraphs, lists with their start, and quotes", () => {
    expect(blocks[0]).toEqual({
      kind: "heading",
      level: 1,
      inlines: [{ kind: "text", text: "Visados regionales", bold: false, italic: false }],
    });
    const lists = blocks.filter((b) => b.kind === "list");
    expect(lists.map((l) => l.kind === "list" && [l.ordered, l.start])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    const nested = lists[0].kind === "list" ? lists[0].items[1][1] : null;
    expect(nested).toMatchObject({ kind: "list", ordered: true, start: 3 });
    expect(
      blocks.some(
        (b) => b.kind === "quote" && plainText(b.blocks) === "Una cita con acentos: ¿por qué? ¡Sí!",
      ),
    ).toBe(true);
  });

  it("keeps bold and http, https and mailto links, and drops a javascript: link but keeps its text", () => {
    const runs = allRuns(blocks);
    expect(runs.find((r) => r.text === "temporary work visas")?.bold).toBe(true);
    expect(runs.find((r) => r.text === "the study")?.href).toBe("https://example.org/estudio?a=1&b=2");
    expect(runs.find((r) => r.text === "write to us")?.href).toBe("mailto:secretaria@example.org");
    const click = runs.find((r) => r.text.startsWith("Click me"));
    expect(click).toBeDefined();
    expect(click?.href).toBeUndefined();
    expect(JSON.stringify(blocks)).not.toContain("javascript:");
  });

  it("renders an unknown node as its text only, and keeps hostile strings as plain text", () => {
    const text = plainText(blocks);
    expect(text).toContain("Texto de un nodo desconocido");
    expect(JSON.stringify(blocks)).not.toContain("iframe");
    expect(text).toContain(HOSTILE.script);
    expect(text).toContain(HOSTILE.markdown);
  });

  it("turns hard breaks and newlines typed in text into line breaks, and drops empty edges", () => {
    expect(
      walkDoc({
        type: "doc",
        content: [
          { type: "paragraph" },
          { type: "paragraph", content: [{ type: "text", text: "a\nb" }] },
          { type: "paragraph" },
        ],
      }),
    ).toEqual([
      {
        kind: "paragraph",
        inlines: [
          { kind: "text", text: "a", bold: false, italic: false },
          { kind: "break" },
          { kind: "text", text: "b", bold: false, italic: false },
        ],
      },
    ]);
  });

  it("survives anything that is not a document", () => {
    for (const raw of [
      null,
      42,
      "text",
      [],
      { type: "doc", content: "nope" },
      { content: [{ type: "script", content: [{ type: "text", text: "x" }] }] },
    ]) {
      expect(() => walkDoc(raw)).not.toThrow();
    }
  });

  it("removes characters no format can carry, and normalises to NFC", () => {
    expect(cleanText("a\u0000b\u0007c\uD800d")).toBe("abcd");
    expect(cleanText("Pen\u0303a")).toBe("Peña");
    expect(cleanText("tab\tand\nnewline")).toBe("tab\tand\nnewline");
  });

  it("makes a finding's lead bold throughout, and statements plain paragraphs", () => {
    expect(allRuns(emboldened(blocks)).every((r) => r.bold)).toBe(true);
    expect(textBlocks("First *paragraph*.\n\n<b>Second</b>")).toEqual([
      {
        kind: "paragraph",
        inlines: [{ kind: "text", text: "First *paragraph*.", bold: false, italic: false }],
      },
      { kind: "paragraph", inlines: [{ kind: "text", text: "<b>Second</b>", bold: false, italic: false }] },
    ]);
  });
});
