import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { buildPaperDocument, paperFileName, type PaperExportSource } from "~/modules/report/paper-document";
import { renderReport } from "~/modules/report/render.server";
import { REPORT_FORMATS } from "~/modules/report/report.schema";
import { textDoc } from "~/modules/documents/prosemirror-json";

const HASH = "ab".repeat(32);
const source = (version: PaperExportSource["version"]): PaperExportSource => ({
  group: { slug: "rmsg", name: "Regional Migration Study Group" },
  paper: { id: "p1", title: "Consular protection <abroad>", originalLanguage: "en" },
  sections: [
    {
      key: "finding",
      title: "Finding",
      doc: textDoc("Consulates protect workers."),
      translation: textDoc("Los consulados protegen."),
    },
    { key: "recommendation", title: "Recommendation", doc: textDoc("Open offices."), translation: null },
    { key: "implementation", title: "Implementation", doc: textDoc(""), translation: null },
  ],
  version,
  textHash: HASH,
});
const NOW = new Date("2026-11-29T10:00:00Z");

async function asText(bytes: Uint8Array, format: string): Promise<string> {
  if (format === "docx") {
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /word\/(document|footer\d*)\.xml/.test(name))
        .map((name) => zip.file(name)!.async("string")),
    );
    return parts.join(" ").replace(/<[^>]+>/g, "");
  }
  if (format === "pdf") {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    return text;
  }
  return new TextDecoder().decode(bytes);
}

describe("one paper as a download", () => {
  it.each(REPORT_FORMATS)(
    "prints the version and its SHA-256 and no report furniture (%s)",
    async (format) => {
      const document = buildPaperDocument(source({ number: 3, label: "Circulated" }), "en", NOW);
      const text = await asText(await renderReport(document, format), format);
      expect(text).toContain("Consulates protect workers.");
      expect(text).toContain("Open offices.");
      expect(text.replace(/\s+/g, "")).toContain(HASH);
      expect(text).toContain("Version 3");
      expect(text).not.toContain("Findings and recommendations");
      expect(text).not.toContain("Implementation");
    },
  );

  it("gives the translation where there is one and marks the original where there is none", () => {
    const document = buildPaperDocument(source(null), "es", NOW);
    const [finding] = document.findings;
    // Section titles without Spanish are given in English, marked (the untranslated one says so itself).
    expect(finding.sections.map((s) => s.title)).toEqual([
      "Finding (inglés)",
      "Recommendation (inglés, sin traducir)",
    ]);
    expect(finding.sections[0].language).toBeNull();
    expect(finding.sections[1].language).toBe("en");
    expect(finding.translationNote).toBeTruthy();
    expect(document.colophon[0]).toContain("Texto actual");
    expect(document.colophon[0]).toContain(HASH);
  });

  it("heads the Spanish download with the Spanish paper title and section titles", () => {
    const base = source(null);
    const document = buildPaperDocument(
      {
        ...base,
        group: { ...base.group, nameEs: "Grupo de Estudio" },
        paper: { ...base.paper, titleTranslation: "Protección consular" },
        sections: base.sections.map((s) => ({
          ...s,
          titleEs: { finding: "Hallazgo", recommendation: "Recomendación" }[s.key] ?? "",
        })),
      },
      "es",
      NOW,
    );
    expect(document.title).toBe("Protección consular");
    expect(document.dateLine).toContain("Grupo de Estudio");
    expect(document.findings[0].sections.map((s) => s.title)).toEqual([
      "Hallazgo",
      "Recomendación (inglés, sin traducir)",
    ]);
  });

  it("names the file after the group, the paper, the version and the language", () => {
    expect(paperFileName("rmsg", "Protección consular: ¿quién?", 3, "es", "pdf")).toBe(
      "rmsg-proteccion-consular-quien-v3-es.pdf",
    );
    expect(paperFileName("rmsg", "<<>>", null, "en", "md")).toBe("rmsg-paper-current-en.md");
  });
});
