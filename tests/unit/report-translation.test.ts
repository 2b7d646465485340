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
    titleTranslation: "Reconocer las competencias",
    originalLanguage: "en",
    sections: [
      {
        key: "finding",
        title: "Finding",
        titleEs: "Hallazgo",
        doc: doc("Workers lose years of experience."),
        translation: doc(FINDING_ES),
      },
      {
        key: "recommendation",
        title: "Recommendation",
        titleEs: "Recomendación",
        doc: doc("Governments should certify skills."),
        translation: doc(RECOMMENDATION_ES),
      },
      {
        key: "evidence",
        title: "Context and evidence",
        titleEs: "Contexto y evidencia",
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
    expect(finding.title).toBe("Reconocer las competencias");
    expect(finding.sections.map((s) => s.title)).toEqual([
      "Recomendación",
      "Contexto y evidencia (inglés, sin traducir)",
    ]);
    expect(json(finding.sections[0].blocks)).toContain(RECOMMENDATION_ES);
    expect(finding.sections[1]).toMatchObject({ language: "en" });
    expect(json(finding.sections[1].blocks)).toContain("Surveys of returnees.");
    expect(finding.translationNote).toBe(
      "Sin traducir, figuran en el idioma original (inglés): Contexto y evidencia.",
    );
  });

  it("marks a section title or paper title that has no Spanish yet as English", () => {
    const paper = bilingualPaper({ titleTranslation: "" });
    paper.sections[1] = { ...paper.sections[1], titleEs: "" };
    const [finding] = buildReport(fixtureSource({ papers: [paper] }), "es", NOW).findings;
    expect(finding.title).toBe("Recognising skills (inglés)");
    expect(finding.sections[0].title).toBe("Recommendation (inglés)");
    expect(json(finding.sections[0].blocks)).toContain(RECOMMENDATION_ES);
  });

  it("prints the Spanish foreword, summary and group name in the Spanish report, the English ones in English", () => {
    const source = fixtureSource({
      group: { slug: "rmsg", name: "Regional Migration Study Group", nameEs: "Grupo de Estudio Regional" },
      foreword: doc("An English foreword."),
      forewordEs: doc("Un prólogo en español."),
      summary: doc("An English summary."),
      summaryEs: null,
    });
    const es = buildReport(source, "es", NOW);
    expect(es.title).toBe("Informe de Grupo de Estudio Regional");
    expect(json(es.foreword)).toContain("Un prólogo en español.");
    expect(json(es.foreword)).not.toContain("An English foreword.");
    expect(es.labels.foreword).toBe("Prólogo");
    // No Spanish summary yet: the English one, its heading saying so.
    expect(json(es.summary)).toContain("An English summary.");
    expect(es.labels.summary).toBe("Resumen ejecutivo (inglés)");
    const en = buildReport(source, "en", NOW);
    expect(json(en.foreword)).toContain("An English foreword.");
    expect(en.labels.summary).toBe("Executive summary");
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
    const note = "Sin traducir, figuran en el idioma original (inglés): Contexto y evidencia.";
    const html = reportToHtml(report);
    expect(html).toContain(FINDING_ES);
    expect(html).toContain(`<p class="translation-note">${note}</p>`);
    expect(html).toContain('<div lang="en"><p>Surveys of returnees.</p></div>');
    const markdown = reportToMarkdown(report);
    expect(markdown).toContain(`*${note}*`);
    expect(markdown).toContain(RECOMMENDATION_ES);
    expect(markdown).toContain("Recomendación");
    expect(markdown).not.toContain("Recommendation");
    expect(html).toContain("Reconocer las competencias");
    expect(html).not.toContain("Recognising skills");
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
