import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSections, diffWords, type WordDiffPart } from "~/modules/papers/word-diff";
import { testSeed } from "../support/random";

const join = (parts: WordDiffPart[], skip: WordDiffPart["kind"]) =>
  parts
    .filter((part) => part.kind !== skip)
    .map((part) => part.text)
    .join("");

describe("comparing two versions word by word", () => {
  it("shows unchanged text as one unchanged part", () => {
    expect(diffWords("La migración regular\nes un derecho.", "La migración regular\nes un derecho.")).toEqual(
      [{ kind: "same", text: "La migración regular\nes un derecho." }],
    );
  });

  it("shows a replaced word as removed then added", () => {
    expect(diffWords("Abrir visas temporales", "Abrir visas permanentes")).toEqual([
      { kind: "same", text: "Abrir visas " },
      { kind: "removed", text: "temporales" },
      { kind: "added", text: "permanentes" },
    ]);
  });

  it("swaps accented Spanish words whole, not letter by letter", () => {
    expect(diffWords("La migración laboral", "La movilidad laboral")).toEqual([
      { kind: "same", text: "La " },
      { kind: "removed", text: "migración" },
      { kind: "added", text: "movilidad" },
      { kind: "same", text: " laboral" },
    ]);
    expect(diffWords("año de la niñez", "año de la señal")).toEqual([
      { kind: "same", text: "año de la " },
      { kind: "removed", text: "niñez" },
      { kind: "added", text: "señal" },
    ]);
  });

  it("keeps decomposed accents inside their word", () => {
    expect(diffWords("la migracio\u0301n", "la movilidad")).toEqual([
      { kind: "same", text: "la " },
      { kind: "removed", text: "migracio\u0301n" },
      { kind: "added", text: "movilidad" },
    ]);
  });

  it("merges a run of changed words and the spaces between them into one part", () => {
    expect(diffWords("uno dos tres cuatro", "uno cinco seis cuatro")).toEqual([
      { kind: "same", text: "uno " },
      { kind: "removed", text: "dos tres" },
      { kind: "added", text: "cinco seis" },
      { kind: "same", text: " cuatro" },
    ]);
  });

  it("shows added and removed lines with their line breaks", () => {
    expect(diffWords("- Guatemala\n- Honduras", "- Guatemala\n- El Salvador\n- Honduras")).toEqual([
      { kind: "same", text: "- Guatemala\n- " },
      { kind: "added", text: "El Salvador\n- " },
      { kind: "same", text: "Honduras" },
    ]);
  });

  it("shows text added to an empty section, and nothing for two empty ones", () => {
    expect(diffWords("", "Nuevo texto")).toEqual([{ kind: "added", text: "Nuevo texto" }]);
    expect(diffWords("Texto", "")).toEqual([{ kind: "removed", text: "Texto" }]);
    expect(diffWords("", "")).toEqual([]);
  });

  it("always rebuilds both versions from the parts", () => {
    const seed = testSeed();
    const words = fc.string({
      unit: fc.constantFrom(
        "migración",
        "movilidad",
        "niñez",
        "a",
        "de",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        "**",
        "\\_",
        "é",
      ),
      maxLength: 30,
    });
    try {
      fc.assert(
        fc.property(words, words, (before, after) => {
          const parts = diffWords(before, after);
          expect(join(parts, "added")).toBe(before);
          expect(join(parts, "removed")).toBe(after);
          parts.forEach((part, i) => {
            expect(part.text).not.toBe("");
            if (i > 0) expect(part.kind).not.toBe(parts[i - 1].kind);
          });
        }),
        { seed, numRuns: 300 },
      );
    } catch (error) {
      throw new Error(
        `property failed with seed ${seed} (replay with RANDOM_SEED=${seed})\n${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  });
});

describe("comparing two versions section by section", () => {
  it("marks which sections changed, in paper order", () => {
    const before = { finding: "Hay una brecha.", recommendation: "Abrir visas temporales" };
    const after = {
      finding: "Hay una brecha.",
      recommendation: "Abrir visas permanentes",
      evidence: "Datos de 2024",
    };
    expect(diffSections(before, after, ["finding", "recommendation", "evidence"])).toEqual([
      { key: "finding", changed: false, parts: [{ kind: "same", text: "Hay una brecha." }] },
      {
        key: "recommendation",
        changed: true,
        parts: [
          { kind: "same", text: "Abrir visas " },
          { kind: "removed", text: "temporales" },
          { kind: "added", text: "permanentes" },
        ],
      },
      { key: "evidence", changed: true, parts: [{ kind: "added", text: "Datos de 2024" }] },
    ]);
  });

  it("still shows a section that is no longer in the template, after the others", () => {
    const result = diffSections({ finding: "a", retired: "texto viejo" }, { finding: "a" }, ["finding"]);
    expect(result.map(({ key, changed }) => ({ key, changed }))).toEqual([
      { key: "finding", changed: false },
      { key: "retired", changed: true },
    ]);
  });
});
