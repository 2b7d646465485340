import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SearchSnippet } from "~/components/SearchSnippet";
import {
  MARK_END,
  MARK_START,
  indexableText,
  normalizeQuery,
  parseSearchQuery,
  snippetParts,
} from "~/modules/search/search-query";
import { searchParamsSchema } from "~/modules/search/search-params.schema";
import { plainText } from "~/modules/search/search-index.server";
import { hitHref } from "~/modules/search/search-links";

describe("search query parsing", () => {
  it("keeps what the person typed, tidied: NFC, single spaces, no control characters, 200 characters", () => {
    expect(normalizeQuery("  registro\u0000  consular\u0002 ")).toBe("registro consular");
    expect(normalizeQuery("migracio\u0301n")).toBe("migración");
    expect(normalizeQuery("a".repeat(500))).toHaveLength(200);
  });

  it("takes the last bare word as a prefix, and keeps the rest to match as well", () => {
    expect(parseSearchQuery("registro consu")).toEqual({
      text: "registro consu",
      prefix: "consu",
      rest: "registro",
      words: ["registro", "consu"],
    });
    expect(parseSearchQuery("Migra")?.prefix).toBe("migra");
  });

  it("does not take a prefix from a quoted phrase, a negated word or a single letter", () => {
    expect(parseSearchQuery('"consular registration"')?.prefix).toBeNull();
    expect(parseSearchQuery('"consular regis')?.prefix).toBeNull();
    expect(parseSearchQuery("remittances -fees")?.prefix).toBeNull();
    expect(parseSearchQuery("remittances a")?.prefix).toBeNull();
  });

  it("refuses queries with nothing to search and passes operators through for websearch_to_tsquery", () => {
    expect(parseSearchQuery("")).toBeNull();
    expect(parseSearchQuery("  !!! ''' ")).toBeNull();
    expect(parseSearchQuery("visas or permits -fees")?.text).toBe("visas or permits -fees");
    expect(parseSearchQuery("visas or permits -fees")?.words).toEqual(["visas", "permits", "fees"]);
  });

  it("passes hostile text unchanged to a bound parameter (no SQL is built from it)", () => {
    const parsed = parseSearchQuery('\'); DROP TABLE "Paper"; -- x:*&|!');
    expect(parsed?.text).toBe('\'); DROP TABLE "Paper"; -- x:*&|!');
    expect(parsed?.prefix).toBeNull();
  });

  it("ignores bad filter values instead of failing the page", () => {
    expect(
      searchParamsSchema.parse({
        q: " visas ",
        status: "NOPE",
        section: "<x>",
        language: "fr",
        kind: "all",
        page: "-3",
      }),
    ).toEqual({
      q: "visas",
      status: undefined,
      section: undefined,
      language: undefined,
      kind: undefined,
      page: undefined,
    });
    expect(
      searchParamsSchema.parse({
        status: "REVIEW",
        section: "finding",
        language: "es",
        kind: "comment",
        page: "2",
      }),
    ).toEqual({
      q: "",
      status: "REVIEW",
      section: "finding",
      language: "es",
      kind: "comment",
      page: 2,
    });
  });
});

describe("search snippets", () => {
  it("splits a headline into plain and highlighted parts", () => {
    expect(
      snippetParts(`Los ${MARK_START}migrantes${MARK_END} y el ${MARK_START}registro${MARK_END}`),
    ).toEqual([
      { text: "Los ", highlighted: false },
      { text: "migrantes", highlighted: true },
      { text: " y el ", highlighted: false },
      { text: "registro", highlighted: true },
    ]);
  });

  it("renders user text escaped, with only <mark> added, whatever the text holds", () => {
    const html = renderToStaticMarkup(
      createElement(SearchSnippet, {
        snippet: `<img src=x onerror=alert(1)> ${MARK_START}<script>alert(2)</script>${MARK_END} & "quotes"`,
      }),
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("<mark>&lt;script&gt;alert(2)&lt;/script&gt;</mark>");
    expect(html).toContain("&amp; &quot;quotes&quot;");
  });

  it("treats unpaired markers as a toggle, never as markup", () => {
    expect(snippetParts(`a${MARK_END}b${MARK_START}c`)).toEqual([
      { text: "a", highlighted: false },
      { text: "b", highlighted: false },
      { text: "c", highlighted: true },
    ]);
  });

  it("keeps the markers out of indexed text, so only the database's headline can place them", () => {
    expect(indexableText(`x${MARK_START}y${MARK_END}z`)).toBe("xyz");
  });
});

describe("indexed section text", () => {
  it("puts each block on its own line and keeps hard breaks", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Guatemala" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Registro " },
            { type: "text", text: "consular", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "móvil" },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "uno" }] }] },
          ],
        },
      ],
    };
    expect(plainText(doc)).toBe("Guatemala\nRegistro consular\nmóvil\nuno\n");
  });
});

describe("where a result opens", () => {
  const base = { paperId: "p1", sectionKey: "finding", threadId: null, originalLanguage: "en" };
  it("opens the section, side by side when the hit is in the translation, or the thread", () => {
    expect(hitHref("rmsg", { ...base, kind: "section", language: "en" })).toBe(
      "/g/rmsg/papers/p1#section-finding",
    );
    expect(hitHref("rmsg", { ...base, kind: "section", language: "es" })).toBe(
      "/g/rmsg/papers/p1?view=both#section-finding",
    );
    expect(hitHref("rmsg", { ...base, kind: "comment", language: "any", threadId: "t9" })).toBe(
      "/g/rmsg/papers/p1#thread-t9",
    );
    expect(hitHref("rmsg", { ...base, kind: "title", sectionKey: null, language: "any" })).toBe(
      "/g/rmsg/papers/p1",
    );
  });
});
