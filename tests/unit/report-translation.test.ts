import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { buildReport, type SourcePaper } from "~/modules/report/report";
import { reportToDocx } from "~/modules/report/to-docx";
import { reportToHtml } from "~/modules/report/to-html";
import { reportToMarkdown } from "~/modules/report/to-markdown";
import { reportToPdf } from "~/modules/report/to-pdf.server";
import { fixtureSource } from "../support/report-fixture";

const NOW = new Date("2026-11-23T10:00:00Z");
const doc = (...paragraphs: string[]): PMNode => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

const FINDING_ES = "Las personas trabajadoras pierden años de experiencia: ¿quién reconoce sus títulos?";
const RECOMMENDATION_ES =
  "Los gobiernos deberían certificar las competencias y aceptar los certificados de los demás.";

function bilingualPaper(overrides: Partial<SourcePaper> = {}): SourcePaper {
  const base = fixtureSource().papers[0];
  return {
    ...base,
    title: "Recognising skills",
    originalLanguage: "en",
    sections: [
      {
        key: "finding",
        title: "Finding",
        doc: doc("Workers lose years of experience."),
        translation: doc(FINDING_ES),
      },
      {
        key: "recommendation",
        title: "Recommendation",
        doc: doc("Governments should certify skills."),
        translation: doc(RECOMMENDATION_ES),
      },
      {
        key: "evidence",
        title: "Context and evidence",
        doc: doc("Surveys of returnees."),
        translation: doc(""),
      },
      { key: "implementation", title: "Implementation", doc: doc(), translation: null },
    ],
    ...overrides,
  };
}

const json = (value: unknown) => JSON.stringify(value);

describe("the report in either language", () => {
  it("takes each section's translation when the report is in the paper's other language, and marks the sections left in the original", () => {
    const [finding] = buildReport(fixtureSource({ papers: [bilingualPaper()] }), "es", NOW).findings;
    expect(json(finding.lead)).toContain(FINDING_ES);
    expect(finding.leadLanguage).toBeNull();
    expect(finding.sections.map((s) => s.title)).toEqual([
      "Recommendation",
      "Context and evidence (inglés, sin traducir)",
    ]);
    expect(json(finding.sections[0].blocks)).toContain(RECOMMENDATION_ES);
    expect(finding.sections[1]).toMatchObject({ language: "en" });
    expect(json(finding.sections[1].blocks)).toContain("Surveys of returnees.");
    expect(finding.translationNote).toBe(
      "Sin traducir, figuran en el idioma original (inglés): Context and evidence.",
    );
  });

  it("uses the original, unmarked, when the report is in the paper's own language", () => {
    const [finding] = buildReport(fixtureSource({ papers: [bilingualPaper()] }), "en", NOW).findings;
    expect(json(finding.lead)).toContain("Workers lose years of experience.");
    expect(json(finding)).not.toContain(FINDING_ES);
    expect(finding.translationNote).toBeNull();
    expect(finding.sections.every((s) => s.language === null)).toBe(true);
  });

  it("says once that a paper without any translation is given in its original language", () => {
    const [finding] = buildReport(fixtureSource(), "es", NOW).findings;
    expect(finding.translationNote).toBe(
      "Sin traducir: este hallazgo figura en su idioma original (inglés).",
    );
    expect(finding.leadLanguage).toBe("en");
  });

  it("reports a paper drafted in Spanish in English from its English translation", () => {
    const paper = bilingualPaper({
      originalLanguage: "es",
      sections: [
        {
          key: "finding",
          title: "Hallazgo",
          doc: doc("Las remesas sostienen a millones de hogares."),
          translation: doc("Remittances sustain millions of households."),
        },
        {
          key: "recommendation",
          title: "Recomendación",
          doc: doc("Bajar el costo por debajo del tres por ciento."),
          translation: null,
        },
      ],
    });
    const [finding] = buildReport(fixtureSource({ papers: [paper] }), "en", NOW).findings;
    expect(json(finding.lead)).toContain("Remittances sustain millions of households.");
    expect(finding.sections.map((s) => s.title)).toEqual(["Recomendación (Spanish, not translated)"]);
    expect(finding.translationNote).toBe(
      "Not translated, given in the original language (Spanish): Recomendación.",
    );
  });

  it("carries the Spanish text, accents included, and the mark into every export", async () => {
    const report = buildReport(fixtureSource({ papers: [bilingualPaper()] }), "es", NOW);
    const note = "Sin traducir, figuran en el idioma original (inglés): Context and evidence.";
    const html = reportToHtml(report);
    expect(html).toContain(FINDING_ES);
    expect(html).toContain(`<p class="translation-note">${note}</p>`);
    expect(html).toContain('<div lang="en"><p>Surveys of returnees.</p></div>');
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain(`*${note}*`);
    expect(markdown).toContain(RECOMMENDATION_ES);
    const docx = await (
      await JSZip.loadAsync(await reportToDocx(report))
    )
      .file("word/document.xml")!
      .async("string");
    expect(docx.replace(/<[^>]+>/g, "")).toContain(FINDING_ES);
    expect(docx.replace(/<[^>]+>/g, "")).toContain(note);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await reportToPdf(report))), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(RECOMMENDATION_ES);
    expect(flat).toContain(note);
  });
});
