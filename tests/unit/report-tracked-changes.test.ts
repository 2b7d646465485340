// One paper's pending suggestions in its downloads: Word tracked changes in the DOCX (checked element by
// element against WordprocessingML: w:ins/w:del in the paragraph or its hyperlink, runs inside, w:delText
// and never w:t in a deletion, a unique w:id, the author and the date), <ins>/<del> in HTML, and the text
// without them plus a list in Markdown and PDF.
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { PMMark, PMNode } from "~/modules/documents/prosemirror-json";
import { buildPaperDocument, type PaperExportSource } from "~/modules/report/paper-document";
import { buildReport } from "~/modules/report/report";
import { renderReport } from "~/modules/report/render.server";
import { reportToDocx } from "~/modules/report/to-docx";
import { walkDoc } from "~/modules/report/walk";
import { fixtureSource } from "../support/report-fixture";

const HASH = "cd".repeat(32);
const NOW = new Date("2026-11-29T10:00:00Z");

const by = (id: string, authorName: string, delegation: string | null, createdAt: string) => ({
  id,
  authorId: `user-${id}`,
  authorName,
  delegation,
  createdAt,
});
const MX = by("mx-1", "Gabriela Núñez", "MX", "2026-03-10T14:05:00.123Z");
const HN = by("hn-1", "Carlos Mejía", "HN", "2026-03-11T09:00:00Z");
const HN2 = by("hn-2", "Carlos Mejía", "HN", "2026-03-11T09:30:00Z");
const HN3 = by("hn-3", "Carlos Mejía", "HN", "2026-03-11T09:00:00Z");
const HN4 = by("hn-4", "Carlos Mejía", "HN", "2026-03-11T10:00:00Z");
const SECRETARIAT = by("sec-1", 'Ana <Secretaría> & "co"', null, "2026-03-12T16:45:59Z");
const SECRETARIAT2 = by("sec-2", 'Ana <Secretaría> & "co"', null, "2026-03-12T17:00:00Z");

const ins = (who: ReturnType<typeof by>): PMMark => ({ type: "suggestionInsert", attrs: who });
const del = (who: ReturnType<typeof by>): PMMark => ({ type: "suggestionDelete", attrs: who });
const text = (value: string, ...marks: PMMark[]): PMNode =>
  marks.length ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: PMNode[]): PMNode => ({ type: "paragraph", content });
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });

// Mexico replaces a word (its insertion partly bold), Honduras inserts linked words; Honduras inserts
// words the secretariat suggests deleting; a deletion spans two paragraphs; a list item gains two lines.
const FINDING = doc(
  paragraph(
    text("Ministries "),
    text("should", del(MX)),
    text("shall ", ins(MX)),
    text("always", { type: "bold" }, ins(MX)),
    text(" share findings "),
    text("through the register", { type: "link", attrs: { href: "https://example.org/register" } }, ins(HN)),
    text("."),
  ),
  paragraph(text("Workers "), text("recruited abroad ", ins(HN3), del(SECRETARIAT)), text("are protected. ")),
  paragraph(text("Old first half ", del(HN2))),
  paragraph(text("and old second half.", del(HN2)), text(" Kept.")),
  {
    type: "bulletList",
    content: [
      {
        type: "listItem",
        content: [
          paragraph(text("Inspect "), text("jointly\nat borders", { type: "italic" }, ins(SECRETARIAT2))),
        ],
      },
    ],
  },
);

const source = (sections: PaperExportSource["sections"]): PaperExportSource => ({
  group: { slug: "rmsg", name: "Regional Migration Study Group" },
  paper: { id: "p1", title: "Labour inspection", originalLanguage: "en" },
  sections,
  version: null,
  textHash: HASH,
});
const PAPER = source([
  { key: "finding", title: "Finding", doc: FINDING, translation: null },
  {
    key: "recommendation",
    title: "Recommendation",
    titleEs: "Recomendación",
    doc: doc(paragraph(text("Nothing pending here."))),
    translation: doc(paragraph(text("Traducción "), text("nueva", ins(HN4)))),
  },
]);

// ─── A small XML reader: enough for the docx library's output, and it fails on ill-formed XML ───

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: (Element | string)[];
  parent: Element | null;
}

const decode = (value: string) =>
  value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

function parseXml(xml: string): Element {
  const root: Element = { name: "#document", attrs: {}, children: [], parent: null };
  let current = root;
  const token = /<\?[^>]*\?>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of xml.matchAll(token)) {
    const [, closing, name, attributes, selfClosing, chars, stray] = match;
    if (stray) throw new Error(`ill-formed XML at ${match.index}`);
    if (chars !== undefined) current.children.push(decode(chars));
    else if (!name) continue;
    else if (closing) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      current = current.parent!;
    } else {
      const element: Element = {
        name,
        attrs: Object.fromEntries(
          [...attributes.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, key, value]) => [key, decode(value)]),
        ),
        children: [],
        parent: current,
      };
      current.children.push(element);
      if (!selfClosing) current = element;
    }
  }
  if (current !== root) throw new Error(`<${current.name}> is not closed`);
  return root;
}

function descendants(element: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const child of element.children) {
    if (typeof child === "string") continue;
    if (child.name === name) out.push(child);
    out.push(...descendants(child, name));
  }
  return out;
}

function ancestors(element: Element): Element[] {
  const out: Element[] = [];
  for (let at = element.parent; at; at = at.parent) out.push(at);
  return out;
}

/** The text an element shows: its w:t and w:delText, with "\n" for a w:br. */
function textOf(element: Element): string {
  return element.children
    .map((child) => {
      if (typeof child === "string") return ["w:t", "w:delText"].includes(element.name) ? child : "";
      return child.name === "w:br" ? "\n" : textOf(child);
    })
    .join("");
}

async function documentXml(bytes: Uint8Array | Buffer): Promise<Element> {
  const zip = await JSZip.loadAsync(bytes);
  return parseXml(await zip.file("word/document.xml")!.async("string"));
}

const revisionsOf = (body: Element) =>
  [...descendants(body, "w:ins"), ...descendants(body, "w:del")].filter((e) => e.attrs["w:id"] !== undefined);

describe("pending suggestions as Word tracked changes", () => {
  const english = buildPaperDocument(PAPER, "en", NOW);

  it("writes well-formed revisions where WordprocessingML allows them, each with a unique id, its author and its date", async () => {
    const body = await documentXml(await reportToDocx(english));
    const revisions = revisionsOf(body);
    expect(revisions.length).toBeGreaterThan(0);
    const ids = revisions.map((r) => r.attrs["w:id"]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const revision of revisions) {
      expect(revision.attrs["w:id"]).toMatch(/^\d+$/);
      expect(revision.attrs["w:author"]).toBeTruthy();
      expect(revision.attrs["w:date"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // In a paragraph, in a paragraph's hyperlink, or (a deletion of suggested text) in an insertion.
      const allowed = revision.name === "w:del" ? ["w:p", "w:hyperlink", "w:ins"] : ["w:p", "w:hyperlink"];
      expect(allowed).toContain(revision.parent!.name);
      // Runs inside (or the nested deletion), nothing else.
      for (const child of revision.children) {
        expect(typeof child).not.toBe("string");
        expect(["w:r", "w:del"]).toContain((child as Element).name);
      }
    }
    // Deleted text is w:delText, only ever inside a deletion; no w:t inside one.
    for (const deleted of descendants(body, "w:delText")) {
      expect(ancestors(deleted).map((a) => a.name)).toContain("w:del");
      expect(deleted.parent!.name).toBe("w:r");
      expect(deleted.attrs["xml:space"]).toBe("preserve");
    }
    for (const deletion of descendants(body, "w:del")) expect(descendants(deletion, "w:t")).toEqual([]);
    // An insertion's text is ordinary w:t.
    for (const insertion of descendants(body, "w:ins"))
      if (!descendants(insertion, "w:del").length)
        expect(descendants(insertion, "w:t").length).toBeGreaterThan(0);
  });

  it("replaces a word: the old one a deletion, the new one an insertion, by 'Name (delegation)' at the suggestion's time", async () => {
    const body = await documentXml(await reportToDocx(english));
    const [first] = descendants(body, "w:p").filter((p) => textOf(p).startsWith("Ministries"));
    const revisions = first.children.filter(
      (c): c is Element => typeof c !== "string" && ["w:ins", "w:del"].includes(c.name),
    );
    expect(revisions.map((r) => [r.name, textOf(r), r.attrs["w:author"], r.attrs["w:date"]])).toEqual([
      ["w:del", "should", "Gabriela Núñez (MX)", "2026-03-10T14:05:00Z"],
      ["w:ins", "shall always", "Gabriela Núñez (MX)", "2026-03-10T14:05:00Z"],
    ]);
    // Bold inside the suggestion stays bold, in the same w:ins (one entry in Word's Review pane).
    const runs = descendants(revisions[1], "w:r");
    expect(runs.map((run) => [textOf(run), descendants(run, "w:b").length])).toEqual([
      ["shall ", 0],
      ["always", 1],
    ]);
    // The kept text around it is plain runs of the paragraph.
    expect(textOf(first)).toBe("Ministries shouldshall always share findings through the register.");
  });

  it("puts an inserted link's runs in a w:ins inside the w:hyperlink", async () => {
    const body = await documentXml(await reportToDocx(english));
    const [link] = descendants(body, "w:hyperlink");
    expect(link.parent!.name).toBe("w:p");
    const [insertion] = link.children as Element[];
    expect(insertion.name).toBe("w:ins");
    expect(insertion.attrs["w:author"]).toBe("Carlos Mejía (HN)");
    expect(textOf(insertion)).toBe("through the register");
  });

  it("writes text one delegation inserted and another struck as a w:del inside a w:ins, with delText", async () => {
    const body = await documentXml(await reportToDocx(english));
    const nested = descendants(body, "w:del").filter((d) => d.parent!.name === "w:ins");
    expect(nested).toHaveLength(1);
    const [deletion] = nested;
    expect(deletion.parent!.attrs["w:author"]).toBe("Carlos Mejía (HN)");
    expect(deletion.parent!.attrs["w:date"]).toBe("2026-03-11T09:00:00Z");
    // The secretariat has no delegation: its name alone, escaped in the XML and read back intact.
    expect(deletion.attrs["w:author"]).toBe('Ana <Secretaría> & "co"');
    expect(deletion.attrs["w:date"]).toBe("2026-03-12T16:45:59Z");
    expect(descendants(deletion, "w:delText").map(textOf)).toEqual(["recruited abroad "]);
  });

  it("splits a deletion across paragraphs into one w:del per paragraph, each with its own id", async () => {
    const body = await documentXml(await reportToDocx(english));
    const spanning = descendants(body, "w:del").filter((d) => d.attrs["w:date"] === "2026-03-11T09:30:00Z");
    expect(spanning.map(textOf)).toEqual(["Old first half ", "and old second half."]);
    expect(spanning[0].parent).not.toBe(spanning[1].parent);
    expect(spanning.every((d) => d.parent!.name === "w:p")).toBe(true);
    expect(spanning[0].attrs["w:id"]).not.toBe(spanning[1].attrs["w:id"]);
  });

  it("marks a list item's suggested lines inside the numbered paragraph, line break and italics included", async () => {
    const body = await documentXml(await reportToDocx(english));
    const [item] = descendants(body, "w:p").filter(
      (p) => descendants(p, "w:numPr").length && textOf(p).startsWith("Inspect"),
    );
    const [insertion] = descendants(item, "w:ins");
    expect(insertion.attrs["w:author"]).toBe('Ana <Secretaría> & "co"');
    expect(textOf(insertion)).toBe("jointly\nat borders");
    expect(descendants(insertion, "w:i").length).toBeGreaterThan(0);
  });

  it("carries the translation's own suggestions in the other language, and none where nothing is pending", async () => {
    const spanish = buildPaperDocument(PAPER, "es", NOW);
    const body = await documentXml(await reportToDocx(spanish));
    // The finding has no translation: its original is printed, with its suggestions.
    expect(revisionsOf(body).some((r) => r.attrs["w:author"] === "Gabriela Núñez (MX)")).toBe(true);
    const [translated] = descendants(body, "w:p").filter((p) => textOf(p).startsWith("Traducción"));
    expect(descendants(translated, "w:ins").map(textOf)).toEqual(["nueva"]);

    const plain = source([
      { key: "finding", title: "Finding", doc: doc(paragraph(text("Plain."))), translation: null },
    ]);
    const none = await documentXml(await reportToDocx(buildPaperDocument(plain, "en", NOW)));
    expect(revisionsOf(none)).toEqual([]);
    expect(descendants(none, "w:delText")).toEqual([]);
  });

  it("says in the colophon what the tracked changes are, and leaves the report of adopted papers untouched", async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(english));
    expect(await zip.file("word/document.xml")!.async("string")).toContain(
      "Tracked changes in this document are pending suggestions",
    );
    const report = await documentXml(await reportToDocx(buildReport(fixtureSource(), "en", NOW)));
    expect(revisionsOf(report)).toEqual([]);
  });
});

describe("pending suggestions in the other formats", () => {
  const english = buildPaperDocument(PAPER, "en", NOW);

  it("keeps them on the walked runs only when asked, with the author's label and the time to the second", () => {
    expect(JSON.stringify(walkDoc(FINDING))).not.toContain("inserted");
    const [first] = walkDoc(FINDING, "keep");
    expect(first.kind === "paragraph" && first.inlines.slice(1, 3)).toEqual([
      {
        kind: "text",
        text: "should",
        bold: false,
        italic: false,
        deleted: { id: "mx-1", author: "Gabriela Núñez (MX)", date: "2026-03-10T14:05:00Z" },
      },
      {
        kind: "text",
        text: "shall ",
        bold: false,
        italic: false,
        inserted: { id: "mx-1", author: "Gabriela Núñez (MX)", date: "2026-03-10T14:05:00Z" },
      },
    ]);
  });

  it("HTML marks them with <ins>/<del> naming author and time, and lists them", async () => {
    const html = new TextDecoder().decode(await renderReport(english, "html"));
    expect(html).toContain(
      '<del class="suggestion" title="Gabriela Núñez (MX)" datetime="2026-03-10T14:05:00Z">should</del>',
    );
    expect(html).toContain(
      '<ins class="suggestion" title="Carlos Mejía (HN)" datetime="2026-03-11T09:00:00Z"><del class="suggestion" title="Ana &lt;Secretaría&gt; &amp; &quot;co&quot;" datetime="2026-03-12T16:45:59Z">recruited abroad </del></ins>',
    );
    expect(html).toContain("<h2>Pending suggestions (6)</h2>");
    expect(html).toContain(
      "<li>Finding: Replace “should” with “shall always” — Gabriela Núñez (MX), 10 Mar 2026, 14:05 (UTC)</li>",
    );
    expect(html).not.toMatch(/<script/i);
  });

  it("Markdown and PDF print the text without them, then list them", async () => {
    const markdown = new TextDecoder().decode(await renderReport(english, "md"));
    const [printed] = markdown.split("## Pending suggestions");
    expect(printed).toContain("Ministries should share findings .");
    expect(printed).not.toMatch(/shall|register|recruited|jointly/);
    expect(markdown).toContain("Old first half");
    expect(markdown).toContain("## Pending suggestions (6)");
    expect(markdown).toContain(
      "- Finding: Replace “should” with “shall always” — Gabriela Núñez (MX), 10 Mar 2026, 14:05 (UTC)",
    );
    expect(markdown).toContain(
      "- Finding: Insert “through the register” — Carlos Mejía (HN), 11 Mar 2026, 09:00 (UTC)",
    );
    expect(markdown).toContain('Finding: Delete “recruited abroad” — Ana \\<Secretaría\\> \\& "co"');
    expect(markdown).toContain("Finding: Delete “Old first half and old second half.”");
    expect(markdown.replace(/\s+/g, "")).toContain(HASH);

    const pdf = await renderReport(english, "pdf");
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
      mergePages: true,
    });
    const [pdfBody, pdfList] = pdfText.split("Pending suggestions (6)");
    expect(pdfBody).toContain("Ministries should share findings");
    expect(pdfBody).not.toMatch(/shall|register|recruited|jointly/);
    expect(pdfList).toContain("Replace “should” with “shall always”");
  });

  it("lists them in the reader's language", async () => {
    const markdown = new TextDecoder().decode(await renderReport(buildPaperDocument(PAPER, "es", NOW), "md"));
    expect(markdown).toContain("## Sugerencias pendientes (7)");
    expect(markdown).toContain("Recomendación: Insertar «nueva» — Carlos Mejía (HN)");
  });
});

describe("a pending format suggestion as a Word formatting revision", () => {
  const fmt = (who: ReturnType<typeof by>, add: string[], remove: string[] = []): PMMark => ({
    type: "suggestionFormat",
    attrs: { ...who, add, remove },
  });
  // Mexico suggests "shall" in bold; Honduras suggests "act" without its italic, and inserts " now".
  const FORMATTED = source([
    {
      key: "finding",
      title: "Finding",
      doc: doc(
        paragraph(
          text("States "),
          text("shall", { type: "bold" }, fmt(MX, ["bold"])),
          text(" "),
          text("act", fmt(HN, [], ["italic"])),
          text(" now", ins(HN4)),
          text("."),
        ),
      ),
      translation: null,
    },
  ]);

  it("writes w:rPrChange in the run's w:rPr with the formatting before, its id, author and date", async () => {
    const body = await documentXml(await reportToDocx(buildPaperDocument(FORMATTED, "en", NOW)));
    const changes = descendants(body, "w:rPrChange");
    expect(changes).toHaveLength(2);
    for (const change of changes) {
      expect(change.parent!.name).toBe("w:rPr");
      expect(change.parent!.parent!.name).toBe("w:r");
      expect(change.attrs["w:date"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // The run's properties before the change: exactly one w:rPr inside.
      const inner = change.children.filter((c): c is Element => typeof c !== "string");
      expect(inner.map((c) => c.name)).toEqual(["w:rPr"]);
    }
    const [bold, unitalic] = changes;
    const run = (change: Element) => change.parent!.parent!;
    expect(textOf(run(bold))).toBe("shall");
    expect(bold.attrs["w:author"]).toBe("Gabriela Núñez (MX)");
    expect(bold.attrs["w:date"]).toBe("2026-03-10T14:05:00Z");
    const on = (rPr: Element, name: string) =>
      rPr.children.some((c) => typeof c !== "string" && c.name === name && c.attrs["w:val"] !== "false");
    const before = (change: Element) => change.children.find((c): c is Element => typeof c !== "string")!;
    // Now bold; before, plain (stated: bold and italic off).
    expect(on(bold.parent!, "w:b")).toBe(true);
    expect(on(before(bold), "w:b")).toBe(false);
    expect(on(before(bold), "w:i")).toBe(false);
    expect(descendants(before(bold), "w:b")[0].attrs["w:val"]).toBe("false");
    expect(textOf(run(unitalic))).toBe("act");
    expect(unitalic.attrs["w:author"]).toBe("Carlos Mejía (HN)");
    // Now upright; before, italic.
    expect(on(unitalic.parent!, "w:i")).toBe(false);
    expect(on(before(unitalic), "w:i")).toBe(true);
    // Revision ids are unique across insertions, deletions and formatting changes.
    const ids = [...revisionsOf(body), ...changes].map((e) => e.attrs["w:id"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it("lists it in words", async () => {
    const markdown = new TextDecoder().decode(
      await renderReport(buildPaperDocument(FORMATTED, "en", NOW), "md"),
    );
    expect(markdown).toContain("- Finding: Format “shall”: bold — Gabriela Núñez (MX)");
    expect(markdown).toContain("- Finding: Format “act”: not italic — Carlos Mejía (HN)");
  });
});

describe("a suggested paragraph break as an inserted paragraph mark", () => {
  const SPLIT = source([
    {
      key: "finding",
      title: "Finding",
      doc: doc(
        paragraph(text("States shall "), text("act now.", del(MX))),
        {
          type: "paragraph",
          attrs: { suggestion: JSON.stringify(MX) },
          content: [text("act now.", ins(MX))],
        },
        paragraph(text("Next.")),
      ),
      translation: null,
    },
  ]);

  it("writes w:ins in the new paragraph's w:pPr/w:rPr, with its own id, the author and the date", async () => {
    const body = await documentXml(await reportToDocx(buildPaperDocument(SPLIT, "en", NOW)));
    const marks = descendants(body, "w:pPr").flatMap((pPr) =>
      descendants(pPr, "w:rPr")
        .filter((rPr) => rPr.parent === pPr)
        .flatMap((rPr) => descendants(rPr, "w:ins")),
    );
    expect(marks).toHaveLength(1);
    const [mark] = marks;
    expect(mark.children).toEqual([]);
    expect(mark.attrs["w:author"]).toBe("Gabriela Núñez (MX)");
    expect(mark.attrs["w:date"]).toBe("2026-03-10T14:05:00Z");
    const paragraphOf = mark.parent!.parent!.parent!;
    expect(paragraphOf.name).toBe("w:p");
    // The new paragraph's text is inserted; the old one's tail deleted; the next paragraph untouched.
    expect(
      descendants(paragraphOf, "w:ins")
        .filter((e) => e !== mark)
        .map(textOf),
    ).toEqual(["act now."]);
    const ids = [...revisionsOf(body)].map((e) => e.attrs["w:id"]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3);
  });

  it("lists it in words, and leaves it out of the text as adopted", async () => {
    const markdown = new TextDecoder().decode(await renderReport(buildPaperDocument(SPLIT, "en", NOW), "md"));
    expect(markdown).toContain("- Finding: New paragraph: “act now.” — Gabriela Núñez (MX)");
    expect(markdown).toContain("States shall act now.");
  });
});
