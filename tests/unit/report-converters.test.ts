import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { buildReport } from "~/modules/report/report";
import { blocksToHtml, reportToHtml } from "~/modules/report/to-html";
import { blocksToMarkdown, escapeMarkdown, reportToMarkdown } from "~/modules/report/to-markdown";
import { reportToDocx } from "~/modules/report/to-docx";
import { reportToPdf } from "~/modules/report/to-pdf.server";
import { reportFileName } from "~/modules/report/report.schema";
import { walkDoc } from "~/modules/report/walk";
import { HOSTILE, fixtureSource } from "../support/report-fixture";

const NOW = new Date("2026-11-23T10:00:00Z");
const en = buildReport(fixtureSource(), "en", NOW);
const es = buildReport(fixtureSource(), "es", NOW);
const FINDING = "La migración laboral ordenada beneficia a la región: niñas, niños y señoras de Peñasco";

describe("the report model", () => {
  it("numbers the findings, leads with the finding section in bold, and puts the other non-empty sections under it", () => {
    const [finding] = en.findings;
    expect(finding.number).toBe(1);
    expect(finding.lead[0]).toMatchObject({ kind: "paragraph" });
    expect(JSON.stringify(finding.lead)).toContain(FINDING);
    expect(finding.sections.map((s) => s.title)).toEqual([
      "Recommendation <b>now</b>",
      "Context and evidence",
    ]);
    expect(finding.adoption).toBe(
      "Adopted by consensus on 20 March 2026: 3 in support, 1 with reservations, 1 abstention; all three delegations took part.",
    );
    expect(finding.notes.map((n) => n.lead)).toEqual(["Reservation of El Salvador"]);
  });

  it("lists co-chairs and members by delegation, not observers, and records the audit chain head", () => {
    expect(en.cochairs).toEqual([
      { name: "Margaret Ellison", delegation: "United States" },
      { name: "Andrés Villaseñor", delegation: "Mexico" },
    ]);
    expect(en.delegations).toEqual([
      { name: "United States", members: ["David Okafor"] },
      { name: "Mexico", members: ["Gabriela Núñez"] },
      { name: "El Salvador", members: ["Roberto Alvarado"] },
    ]);
    expect(en.colophon).toContain(`Audit chain: 42 events, head ${"b".repeat(64)}`);
    expect(es.colophon).toContain(`Cadena de auditoría: 42 eventos, cabeza ${"b".repeat(64)}`);
    expect(es.cochairs[0].delegation).toBe("Estados Unidos");
  });

  it("names files after the group and the date", () => {
    expect(reportFileName("rmsg", en.isoDate, "en", "pdf")).toBe("rmsg-report-2026-11-23.pdf");
    expect(reportFileName("rmsg", es.isoDate, "es", "docx")).toBe("rmsg-informe-2026-11-23.docx");
  });
});

describe("HTML", () => {
  const html = reportToHtml(es);

  it("is one standalone document with print CSS and no script", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html).toContain("@media print");
    expect(html).toContain("@page");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
  });

  it("escapes user text everywhere and keeps only safe links", () => {
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("Legal pathways &lt;i&gt;for&lt;/i&gt; labour mobility");
    expect(html).toContain("Recommendation &lt;b&gt;now&lt;/b&gt;");
    expect(html).toContain(
      '<a href="https://example.org/estudio?a=1&amp;b=2" rel="noopener noreferrer nofollow">the study</a>',
    );
    expect(html).toContain('href="mailto:secretaria@example.org"');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<b>");
  });

  it("keeps headings, numbered findings, lists, quotes and accents", () => {
    expect(html).toContain('<h3><span class="finding-number">1.</span> Legal pathways');
    expect(html).toContain(`<strong>${FINDING} </strong><strong><em>también</em></strong>`);
    expect(html).toContain("<h5>Visados regionales</h5>");
    expect(html).toContain('<ol start="3"><li><p>Nested third</p></li></ol>');
    expect(html).toContain("<blockquote><p>Una cita con acentos: ¿por qué? ¡Sí!</p></blockquote>");
    expect(html).toContain("Adoptado por consenso el 20 de marzo de 2026");
    expect(html).toContain("<strong>Reserva de El Salvador:</strong>");
    expect(html).toContain("Line one<br>line two");
  });

  it("renders a block fragment on its own", () => {
    expect(
      blocksToHtml(
        walkDoc({
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: `"quoted" & <tag>` }] }],
        }),
      ),
    ).toBe("<p>&quot;quoted&quot; &amp; &lt;tag&gt;</p>");
  });
});

describe("Markdown", () => {
  const md = reportToMarkdown(en);

  it("escapes every control character in user text, so no markup or HTML can be injected", () => {
    expect(escapeMarkdown("*_[]#<>`|~&\\")).toBe("\\*\\_\\[\\]\\#\\<\\>\\`\\|\\~\\&\\\\");
    expect(md).toContain(
      "\\*not bold\\* \\_not italic\\_ \\[not a link\\](http://evil.example) \\# not a heading",
    );
    expect(md).toContain("\\<script\\>alert('x')\\</script\\>");
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).toContain("1\\. not a list");
    expect(md).toContain("### 1. Legal pathways \\<i\\>for\\</i\\> labour mobility");
  });

  it("writes headings, lists with their numbering, quotes, links and hard breaks", () => {
    expect(md).toContain("# Report of Regional Migration Study Group");
    expect(md).toContain(`**${FINDING} *también*.**`);
    expect(md).toContain("##### Visados regionales");
    expect(md).toContain("- Año uno: piloto en Guatemala\n- Second item\n  3. Nested third");
    expect(md).toContain("1. Primero\n2. Segundo");
    expect(md).toContain("> Una cita con acentos: ¿por qué? ¡Sí!");
    expect(md).toContain("[the study](<https://example.org/estudio?a=1&b=2>)");
    expect(md).toContain("[write to us](<mailto:secretaria@example.org>)");
    expect(md).toContain("Line one\\\nline two");
    expect(md).not.toContain("javascript:");
    expect(md).toContain(
      "*Adopted by consensus on 20 March 2026: 3 in support, 1 with reservations, 1 abstention; all three delegations took part.*",
    );
    expect(md).toContain(
      "> **Reservation of El Salvador:**\n> El Salvador pide revisión anual. \\<script\\>x\\</script\\> \\*y\\*",
    );
  });

  it("cannot be tricked by text at the start of a line", () => {
    const hostile = walkDoc({
      type: "doc",
      content: ["- item", "+ item", "> quote", "    code", "=====", "2) list"].map((text) => ({
        type: "paragraph",
        content: [{ type: "text", text }],
      })),
    });
    expect(blocksToMarkdown(hostile).split("\n\n")).toEqual([
      "\\- item",
      "\\+ item",
      "\\> quote",
      "code",
      "\\=====",
      "2\\) list",
    ]);
  });

  it("percent-encodes what would end a link address early", () => {
    const md2 = blocksToMarkdown(
      walkDoc({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "x",
                marks: [{ type: "link", attrs: { href: "https://example.org/a b>(c)" } }],
              },
            ],
          },
        ],
      }),
    );
    expect(md2).toBe("[x](<https://example.org/a%20b%3E%28c%29>)");
  });
});

describe("DOCX", () => {
  it("unzips to a Word document holding the text, with real headings, list numbering and safe hyperlinks", async () => {
    const zip = await JSZip.loadAsync(await reportToDocx(es));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(FINDING);
    expect(text).toContain("Visados regionales");
    expect(text).toContain("Año uno: piloto en Guatemala");
    expect(text).toContain(
      "Adoptado por consenso el 20 de marzo de 2026: 3 a favor, 1 con reservas, 1 abstención; participaron las tres delegaciones.",
    );
    expect(text).toContain("Reserva de El Salvador:");
    // Hostile text is text: escaped by the XML writer, never markup.
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).not.toContain("<script");
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml).toMatch(/<w:numPr>/);
    const numbering = await zip.file("word/numbering.xml")!.async("string");
    expect(numbering).toContain('w:val="decimal"');
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toMatch(/<w:start w:val="3"\/>/);
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    expect(rels).toContain("https://example.org/estudio?a=1&amp;b=2");
    expect(rels).toContain("mailto:secretaria@example.org");
    expect(rels).not.toContain("javascript:");
  });
});

describe("PDF", () => {
  it("is made without a browser, with embedded fonts, and its text holds the finding and its accents", async () => {
    const pdf = await reportToPdf(es);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toContain("DejaVuSerif");
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(raw).toContain("/URI (https://example.org/estudio?a=1&b=2)");
    expect(raw).not.toContain("javascript:");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(
      "La migración laboral ordenada beneficia a la región: niñas, niños y señoras de Peñasco también.",
    );
    expect(flat).toContain("¿por qué? ¡Sí!");
    expect(flat).toContain("1. Legal pathways <i>for</i> labour mobility");
    expect(flat).toContain("Adoptado por consenso el 20 de marzo de 2026");
    expect(flat).toContain(HOSTILE.script);
    expect(flat).toContain("Cadena de auditoría: 42 eventos");
  });
});
