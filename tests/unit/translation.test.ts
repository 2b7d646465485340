import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { canonicalFromYDoc, sha256Hex } from "~/modules/documents/canonical-text";
import { canonicalFragmentText } from "~/modules/documents/canonical-section";
import { jsonToFragment, textDoc } from "~/modules/documents/prosemirror-json";
import { markTranslationSchema } from "~/modules/translations/translation.schema";
import {
  otherLanguage,
  outOfDateKeys,
  translationFragmentName,
  translationState,
} from "~/modules/translations/translation";

describe("staleness of a translation", () => {
  const hash = (text: string) => sha256Hex(text);

  it("is up to date while the original's hash is the one stored when it was marked", () => {
    expect(translationState({ translated: true, marked: hash("Hola"), current: hash("Hola") })).toBe(
      "upToDate",
    );
  });

  it("is out of date once the original's hash differs", () => {
    expect(
      translationState({
        translated: true,
        marked: hash("Employers need workers."),
        current: hash("Employers need more workers."),
      }),
    ).toBe("outOfDate");
  });

  it("is out of date even when only a mark or an accent changed", () => {
    expect(
      translationState({ translated: true, marked: hash("migracion"), current: hash("migración") }),
    ).toBe("outOfDate");
    expect(translationState({ translated: true, marked: hash("a"), current: hash("**a**") })).toBe(
      "outOfDate",
    );
  });

  it("is unchecked when nobody ever marked it, and missing when there is no translated text", () => {
    expect(translationState({ translated: true, marked: null, current: hash("x") })).toBe("unchecked");
    expect(translationState({ translated: false, marked: null, current: hash("x") })).toBe("missing");
    // An emptied translation is missing, whatever was marked before.
    expect(translationState({ translated: false, marked: hash("x"), current: hash("y") })).toBe("missing");
  });

  it("answers alike from canonical texts (the browser) and from their hashes (the server)", () => {
    const pairs: [string, string][] = [
      ["Uno", "Uno"],
      ["Uno", "Dos"],
      ["", "a"],
      ["mañana", "man\u0303ana".normalize("NFC")],
    ];
    for (const [marked, current] of pairs) {
      expect(translationState({ translated: true, marked, current })).toBe(
        translationState({ translated: true, marked: hash(marked), current: hash(current) }),
      );
    }
  });

  it("lists the out-of-date sections in paper order", () => {
    expect(
      outOfDateKeys([
        { key: "finding", state: "upToDate" },
        { key: "recommendation", state: "outOfDate" },
        { key: "evidence", state: "missing" },
        { key: "actions", state: "outOfDate" },
        { key: "implementation", state: "unchecked" },
      ]),
    ).toEqual(["recommendation", "actions"]);
  });
});

describe("languages and fragment names", () => {
  it("names the other language's fragment after the section key", () => {
    expect(translationFragmentName("finding", "es")).toBe("finding:es");
    expect(otherLanguage("en")).toBe("es");
    expect(otherLanguage("es")).toBe("en");
  });

  it("accepts only section keys when marking", () => {
    expect(markTranslationSchema.safeParse({ sectionKey: "finding" }).success).toBe(true);
    for (const bad of ["", "finding:es", "Finding", "../x", "a".repeat(41)])
      expect(markTranslationSchema.safeParse({ sectionKey: bad }).success).toBe(false);
  });
});

describe("canonical text of both languages", () => {
  const keys = ["finding", "recommendation", "evidence"];

  function paper(
    original: Record<string, string[]>,
    translation: Record<string, string[]> = {},
    lang = "es",
  ): Y.Doc {
    const ydoc = new Y.Doc();
    for (const [key, paragraphs] of Object.entries(original))
      jsonToFragment(textDoc(...paragraphs), ydoc.getXmlFragment(key));
    for (const [key, paragraphs] of Object.entries(translation))
      jsonToFragment(textDoc(...paragraphs), ydoc.getXmlFragment(`${key}:${lang}`));
    return ydoc;
  }

  it("writes the original sections, then every section again in the other language, in section order", () => {
    const ydoc = paper(
      { finding: ["Workers move."], recommendation: ["Open visas."] },
      {
        finding: ["Los trabajadores se desplazan."],
        evidence: ["Según los datos, la migración neta es casi cero."],
      },
    );
    const result = canonicalFromYDoc(ydoc, keys, "es");
    expect(result.text).toBe(
      "§ finding\nWorkers move.\n\n§ recommendation\nOpen visas.\n\n§ evidence\n\n" +
        "§ finding:es\nLos trabajadores se desplazan.\n\n§ recommendation:es\n\n§ evidence:es\nSegún los datos, la migración neta es casi cero.\n",
    );
    expect(result.hash).toBe(sha256Hex(result.text));
    expect(result.sections).toEqual({
      finding: "Workers move.",
      recommendation: "Open visas.",
      evidence: "",
      "finding:es": "Los trabajadores se desplazan.",
      "recommendation:es": "",
      "evidence:es": "Según los datos, la migración neta es casi cero.",
    });
  });

  it("keeps the hash of a paper without translated text exactly as before", () => {
    const ydoc = paper({ finding: ["Hola"] });
    const plain = canonicalFromYDoc(ydoc, keys);
    expect(canonicalFromYDoc(ydoc, keys, "es")).toEqual(plain);
    expect(plain.text).toBe("§ finding\nHola\n\n§ recommendation\n\n§ evidence\n");
    // Nor does looking create the fragments in the document.
    expect([...ydoc.share.keys()].some((name) => name.includes(":"))).toBe(false);
  });

  it("ignores a translation that was emptied again, and fragments of the wrong language", () => {
    const ydoc = paper({ finding: ["Hello"] }, { finding: ["", ""] });
    jsonToFragment(textDoc("Bonjour"), ydoc.getXmlFragment("finding:fr"));
    jsonToFragment(textDoc("Hello again"), ydoc.getXmlFragment("finding:en"));
    expect(canonicalFromYDoc(ydoc, keys, "es").text).toBe(
      "§ finding\nHello\n\n§ recommendation\n\n§ evidence\n",
    );
  });

  it("covers an English translation of a paper drafted in Spanish", () => {
    const ydoc = paper(
      { finding: ["Las remesas sostienen hogares."] },
      { finding: ["Remittances sustain households."] },
      "en",
    );
    expect(canonicalFromYDoc(ydoc, ["finding"], "en").text).toBe(
      "§ finding\nLas remesas sostienen hogares.\n\n§ finding:en\nRemittances sustain households.\n",
    );
  });

  it("changes the paper's hash when only the translation changes", () => {
    const before = canonicalFromYDoc(paper({ finding: ["Hello"] }, { finding: ["Hola"] }), keys, "es").hash;
    const after = canonicalFromYDoc(paper({ finding: ["Hello"] }, { finding: ["Hola."] }), keys, "es").hash;
    expect(after).not.toBe(before);
  });

  it("reads a fragment's canonical body the same way in the browser module", () => {
    const ydoc = paper({ finding: ["Uno", "", "Dos", ""] });
    expect(canonicalFragmentText(ydoc.getXmlFragment("finding"))).toBe(
      canonicalFromYDoc(ydoc, ["finding"]).sections.finding,
    );
  });
});
