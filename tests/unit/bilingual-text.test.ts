import { localizePaper } from "~/modules/papers/paper-titles";
import { describe, expect, it } from "vitest";
import {
  groupText,
  localizeSection,
  nextTitleTranslationSource,
  paperTitleIn,
  paperTitleTexts,
  readerGroup,
  readerTitle,
  shownText,
  titleTranslationStale,
} from "~/modules/translations/bilingual-text";

describe("content in the viewer's language", () => {
  it("shows the viewer's language when it is written", () => {
    expect(shownText({ en: "Finding", es: "Hallazgo" }, "es")).toEqual({ text: "Hallazgo", fallback: null });
    expect(shownText({ en: "Finding", es: "Hallazgo" }, "en")).toEqual({ text: "Finding", fallback: null });
  });

  it("falls back to the other language, saying which, only when the viewer's is missing", () => {
    expect(shownText({ en: "Finding", es: "" }, "es")).toEqual({ text: "Finding", fallback: "en" });
    expect(shownText({ en: "  ", es: "Hallazgo" }, "en")).toEqual({ text: "Hallazgo", fallback: "es" });
  });

  it("shows nothing, unmarked, when neither language is written", () => {
    expect(shownText({ en: "", es: " " }, "en")).toEqual({ text: "", fallback: null });
  });

  it("reads group content as English in the plain column and Spanish in the Es one", () => {
    expect(groupText("Members", "Miembros")).toEqual({ en: "Members", es: "Miembros" });
  });

  it("reads a paper's title in its original language and its translation in the other", () => {
    const spanishPaper = {
      title: "Remesas más baratas",
      titleTranslation: "Cheaper remittances",
      originalLanguage: "es" as const,
    };
    expect(paperTitleTexts(spanishPaper)).toEqual({ es: "Remesas más baratas", en: "Cheaper remittances" });
    expect(paperTitleIn(spanishPaper, "en")).toBe("Cheaper remittances");
    expect(paperTitleIn({ ...spanishPaper, titleTranslation: "" }, "en")).toBe("Remesas más baratas");
  });

  it("gives a section's title and guidance in the viewer's language, with the fallback's language", () => {
    const section = {
      key: "finding",
      title: "Finding",
      titleEs: "Hallazgo",
      guidance: "One sentence.",
      guidanceEs: "",
      required: true,
    };
    expect(localizeSection(section, "es")).toEqual({
      key: "finding",
      title: "Hallazgo",
      titleFallback: null,
      guidance: "One sentence.",
      guidanceFallback: "en",
      required: true,
    });
  });
});

describe("a paper title's translation going out of date", () => {
  const paper = {
    title: "Safer remittances",
    titleTranslation: "Remesas más seguras",
    titleTranslationSource: "Safer remittances",
  };

  it("is up to date while the title is the one it was written for", () => {
    expect(titleTranslationStale(paper)).toBe(false);
  });

  it("is out of date once the original title changed", () => {
    expect(titleTranslationStale({ ...paper, title: "Cheaper and safer remittances" })).toBe(true);
  });

  it("is never out of date when there is no translation", () => {
    expect(titleTranslationStale({ title: "X", titleTranslation: "", titleTranslationSource: null })).toBe(
      false,
    );
  });

  it("stays out of date when only the original changes, unless the editor confirms it", () => {
    const after = { title: "Cheaper and safer remittances", titleTranslation: "Remesas más seguras" };
    expect(nextTitleTranslationSource(paper, after, false)).toBe("Safer remittances");
    expect(nextTitleTranslationSource(paper, after, true)).toBe("Cheaper and safer remittances");
  });

  it("counts a rewritten translation as written for the new title", () => {
    const after = {
      title: "Cheaper and safer remittances",
      titleTranslation: "Remesas más baratas y seguras",
    };
    expect(nextTitleTranslationSource(paper, after, false)).toBe("Cheaper and safer remittances");
  });

  it("forgets the source when the translation is cleared", () => {
    expect(
      nextTitleTranslationSource(paper, { title: "Safer remittances", titleTranslation: "" }, true),
    ).toBeNull();
  });
});

describe("a paper as one reader sees it", () => {
  const paper = {
    id: "p1",
    title: "Remesas más seguras",
    titleTranslation: "",
    originalLanguage: "es",
    sections: [{ key: "finding", title: "Finding", titleEs: "Hallazgo", guidance: "", guidanceEs: "" }],
  };

  it("gives an English reader the Spanish title, marked, while no English title is written", () => {
    const shown = localizePaper(paper, "en");
    expect(shown).toMatchObject({ title: "Remesas más seguras", titleFallback: "es" });
    expect(shown.sections[0]).toMatchObject({ title: "Finding", titleFallback: null });
    expect(localizePaper({ ...paper, titleTranslation: "Safer remittances" }, "en")).toMatchObject({
      title: "Safer remittances",
      titleFallback: null,
    });
    expect(localizePaper(paper, "es").sections[0].title).toBe("Hallazgo");
  });

  it("reads an unknown original language as English", () => {
    expect(
      localizePaper(
        { ...paper, title: "Safer", titleTranslation: "Más seguras", originalLanguage: "fr" },
        "es",
      ),
    ).toMatchObject({ title: "Más seguras", titleFallback: null });
  });
});

describe("names in lists, mail and search (readerTitle, readerGroup)", () => {
  const spanishPaper = {
    title: "Consulados móviles",
    titleTranslation: "Mobile consulates",
    originalLanguage: "es",
  };
  it("gives each reader the paper title in their language, and the original where none is written", () => {
    expect(readerTitle(spanishPaper, "en")).toBe("Mobile consulates");
    expect(readerTitle(spanishPaper, "es")).toBe("Consulados móviles");
    expect(readerTitle({ ...spanishPaper, titleTranslation: "  " }, "en")).toBe("Consulados móviles");
    // A damaged language reads as English: the title is then the English one.
    expect(readerTitle({ ...spanishPaper, originalLanguage: "fr" }, "en")).toBe("Consulados móviles");
  });
  it("gives each reader the group's name in their language, the English one until a Spanish one is written", () => {
    const group = { slug: "rmsg", name: "Regional Migration Study Group", nameEs: "Grupo Regional" };
    expect(readerGroup(group, "es")).toEqual({ slug: "rmsg", name: "Grupo Regional" });
    expect(readerGroup(group, "en")).toEqual({ slug: "rmsg", name: "Regional Migration Study Group" });
    expect(readerGroup({ ...group, nameEs: "" }, "es").name).toBe("Regional Migration Study Group");
  });
});
