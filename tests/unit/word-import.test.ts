import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";
import type { MessageKey } from "~/i18n/messages";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { DocxRefused, type DocxRefusalReason } from "~/modules/word/docx-container";
import { convertDocx } from "~/modules/word/docx-convert";
import { htmlToBlocks } from "~/modules/word/html-to-doc";
import { gateSectionDoc } from "~/modules/word/section-gate";
import { mapOntoTemplate, normaliseTitle, sectionTitles } from "~/modules/word/template-mapping";
import { RECOMMENDATION_TEMPLATE } from "../../prisma/demo-papers";
import * as fixtures from "../support/docx-fixtures";

const SECTIONS = RECOMMENDATION_TEMPLATE.sections.map((s) => ({ key: s.key, titles: sectionTitles(s) }));

function textOf(node: PMNode): string {
  if (node.type === "text") return node.text ?? "";
  const inner = (node.content ?? []).map(textOf);
  return node.type === "doc" || node.type.endsWith("List") || node.type === "listItem"
    ? inner.join("\n")
    : inner.join("");
}

async function refusal(bytes: Uint8Array | Promise<Uint8Array>): Promise<DocxRefused> {
  try {
    await convertDocx(await bytes);
  } catch (error) {
    if (error instanceof DocxRefused) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("section titles", () => {
  it.each([
    ["1. Finding", "finding"],
    ["IV. Actions by country", "actions by country"],
    ["A) Implementation and timeline", "implementation and timeline"],
    ["2.3 - RECOMMENDATION:", "recommendation"],
    ["Sección 2: Recomendación", "recomendacion"],
    ["  Contexto   y  EVIDENCIA. ", "contexto y evidencia"],
    ["Acciones por país", "acciones por pais"],
    ["Findings of fact", "findings of fact"],
  ])("reads %j as %j", (title, expected) => {
    expect(normaliseTitle(title)).toBe(expected);
  });
});

describe("mapping onto the template", () => {
  const heading = (text: string, level = 2): PMNode => ({
    type: "heading",
    attrs: { level },
    content: [{ type: "text", text }],
  });
  const para = (text: string): PMNode => ({ type: "paragraph", content: [{ type: "text", text }] });

  it("sends text before the first matching heading to the first section and keeps unmatched headings", () => {
    const mapped = mapOntoTemplate(
      [
        para("Preface"),
        heading("III. Context and evidence"),
        para("Data"),
        heading("Sources", 3),
        para("A study"),
        heading("recomendación"),
        para("Act"),
      ],
      SECTIONS,
    );
    const byKey = Object.fromEntries(mapped.map((m) => [m.key, m]));
    expect(textOf(byKey.finding.doc)).toBe("Preface");
    expect(byKey.finding.heading).toBeNull();
    expect(byKey.evidence.heading).toBe("III. Context and evidence");
    expect(byKey.evidence.doc.content?.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
    expect(byKey.recommendation.heading).toBe("recomendación");
    expect(textOf(byKey.recommendation.doc)).toBe("Act");
    expect(byKey.actions.doc.content).toEqual([]);
    // The template's order, whatever the document's.
    expect(mapped.map((m) => m.key)).toEqual(RECOMMENDATION_TEMPLATE.sections.map((s) => s.key));
  });
});

describe("converting a delegation's draft", () => {
  it("maps the English draft onto the demo template with lists, marks and safe links only", async () => {
    const converted = await convertDocx(await fixtures.englishDraft());
    const mapped = Object.fromEntries(mapOntoTemplate(converted.blocks, SECTIONS).map((m) => [m.key, m]));
    expect(textOf(mapped.finding.doc)).toBe(
      "Draft from the delegation of Mexico, for discussion.\nOrderly labour migration benefits the region.",
    );
    expect(mapped.finding.heading).toBe("1. Finding");
    const recommendation = JSON.stringify(mapped.recommendation.doc);
    expect(recommendation).toContain('"marks":[{"type":"italic"}]');
    expect(recommendation).toContain('{"type":"link","attrs":{"href":"https://example.org/skills"');
    expect(recommendation).not.toContain("javascript");
    expect(textOf(mapped.recommendation.doc)).toContain("and this trap.");
    expect(mapped.recommendation.doc.content?.map((b) => b.type)).toEqual(["paragraph", "bulletList"]);
    expect(textOf(mapped.evidence.doc)).toContain("Country | Share\nHonduras | 25%");
    expect(mapped.actions.doc.content?.[0]).toMatchObject({ type: "heading", attrs: { level: 3 } });
    expect(mapped.actions.doc.content?.[1].type).toBe("orderedList");
    expect(textOf(mapped.implementation.doc)).toBe("By the next plenary.");
    expect(converted.dropped).toEqual({
      images: 1,
      tables: 1,
      unsafeLinks: 1,
      comments: 0,
      trackedChanges: 0,
      externalRelationships: 0,
      macros: false,
    });
    // Every section passes the editor schema's own check.
    for (const section of Object.values(mapped)) expect(gateSectionDoc(section.doc)).toEqual(section.doc);
  });

  it("maps the Spanish draft by its Spanish, accented and numbered headings", async () => {
    const converted = await convertDocx(await fixtures.spanishDraft());
    const mapped = Object.fromEntries(mapOntoTemplate(converted.blocks, SECTIONS).map((m) => [m.key, m]));
    expect(textOf(mapped.finding.doc)).toBe("La migración laboral ordenada beneficia a la región.");
    expect(textOf(mapped.recommendation.doc)).toBe(
      "Los gobiernos deben reconocer las competencias.\nNota de la delegación\nTexto de apoyo.",
    );
    expect(mapped.recommendation.doc.content?.[1]).toMatchObject({ type: "heading", attrs: { level: 3 } });
    expect(mapped.evidence.heading).toBe("3) CONTEXTO Y EVIDENCIA");
    expect(textOf(mapped.actions.doc)).toBe("Cada gobierno se compromete.");
    expect(mapped.implementation.doc.content).toEqual([]);
  });

  it("counts tracked changes (taken as accepted) and comments (left out)", async () => {
    const converted = await convertDocx(await fixtures.withTrackedChangesAndComments());
    expect(converted.dropped).toMatchObject({ trackedChanges: 2, comments: 1 });
    const text = converted.blocks.map(textOf).join("\n");
    expect(text).toContain("Kept text inserted commented");
    expect(text).not.toContain("deleted");
    expect(text).not.toContain("Please check");
  });

  it("ignores macros and says so", async () => {
    const converted = await convertDocx(await fixtures.withMacros());
    expect(converted.dropped.macros).toBe(true);
    expect(converted.blocks.map(textOf)).toEqual(["Finding", "Text beside a macro."]);
  });

  it("keeps only the editor's nodes from any HTML and flattens what nests too deep", async () => {
    const deep = `${"<ul><li>".repeat(200)}deep${"</li></ul>".repeat(200)}`;
    const { blocks } = await htmlToBlocks(
      `<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="http://x/y.png"></p>${deep}`,
    );
    const doc = gateSectionDoc({ type: "doc", content: blocks });
    expect(JSON.stringify(doc)).not.toMatch(/onclick|javascript|img|src/);
    expect(textOf(doc)).toContain("deep");
  });
});

describe("hostile files", () => {
  let pixelServer: Server;
  let requests = 0;
  beforeAll(async () => {
    pixelServer = createServer((_req, res) => {
      requests += 1;
      res.end("");
    });
    await new Promise<void>((resolve) => pixelServer.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => pixelServer.close(resolve));
  });

  it.each<[string, () => Uint8Array | Promise<Uint8Array>, DocxRefusalReason]>([
    ["a text file", fixtures.notADocx, "notDocx"],
    ["an empty file", () => new Uint8Array(), "empty"],
    ["a file over 10 MB", () => new Uint8Array(10 * 1024 * 1024 + 1), "tooLarge"],
    ["an encrypted document", fixtures.encryptedDocx, "encrypted"],
    ["a ZIP bomb", fixtures.zipBomb, "zipBomb"],
    ["a ZIP with 1,500 entries", fixtures.manyEntries, "tooManyEntries"],
    ["5,000 headings", () => fixtures.manyHeadings(), "tooManyHeadings"],
    ["a 9 MB paragraph", () => fixtures.hugeParagraph(), "paragraphTooLong"],
  ])("refuses %s", async (_name, make, reason) => {
    const refused = await refusal(make());
    expect(refused.reason).toBe(reason);
  });

  it("lists external relationships and never fetches them", async () => {
    const { port } = pixelServer.address() as AddressInfo;
    const converted = await convertDocx(await fixtures.externalRelationships(`http://127.0.0.1:${port}`));
    expect(converted.dropped.externalRelationships).toBe(2);
    expect(converted.blocks.map(textOf)).toContain("A paragraph before a linked picture.");
    expect(requests).toBe(0);
  });

  it("has a message in both languages for every refusal", () => {
    const reasons: DocxRefusalReason[] = [
      "tooLarge",
      "empty",
      "notDocx",
      "encrypted",
      "zipBomb",
      "tooManyEntries",
      "tooManyHeadings",
      "paragraphTooLong",
      "tooMuchText",
      "nothingToImport",
      "conversionFailed",
      "timeout",
      "busy",
    ];
    for (const reason of reasons) {
      const key = `word.refused.${reason}` as MessageKey;
      expect(en[key], key).toBeTruthy();
      expect(es[key], key).toBeTruthy();
      expect(es[key]).not.toBe(en[key]);
    }
  });
});
