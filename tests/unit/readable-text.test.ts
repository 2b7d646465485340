import { describe, expect, it } from "vitest";
import { canonicalSectionText } from "~/modules/documents/canonical-section";
import { readableText, readingDiff } from "~/modules/translations/readable-text";
import type { PMNode } from "~/modules/documents/prosemirror-json";

const text = (value: string, marks?: PMNode["marks"]): PMNode => ({ type: "text", text: value, marks });
const p = (...content: PMNode[]): PMNode => ({ type: "paragraph", content });
const doc = (...content: PMNode[]): PMNode => ({ type: "doc", content });
const canonical = (...content: PMNode[]) => canonicalSectionText(doc(...content));

/** What a reader sees of a diff: each part's words, a spaced addition after its space. */
const shown = (parts: ReturnType<typeof readingDiff>) =>
  parts.map((part) => (part.spaced ? " " : "") + part.text).join("");

describe("the words of a section, for a translator", () => {
  it("drops bold, italic and link syntax and keeps the words", () => {
    const source = canonical(
      p(
        text("Meet "),
        text("at least once a month", [{ type: "bold" }]),
        text(" with "),
        text("local", [{ type: "italic" }]),
        text(" "),
        text("authorities", [{ type: "link", attrs: { href: "https://example.org/a_(b)" } }]),
        text("."),
      ),
    );
    expect(source).toContain("**at least once a month**");
    expect(readableText(source)).toBe("Meet at least once a month with local authorities.");
  });

  it("puts every block on its own line without list, heading or quote markers", () => {
    const source = canonical(
      { type: "heading", attrs: { level: 2 }, content: [text("Visas")] },
      p(text("Coordinate with the authorities")),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(text("labour ministries"))] },
          {
            type: "listItem",
            content: [
              p(text("consulates")),
              { type: "orderedList", content: [{ type: "listItem", content: [p(text("in Tapachula"))] }] },
            ],
          },
        ],
      },
      { type: "blockquote", content: [p(text("A quote"))] },
    );
    expect(readableText(source)).toBe(
      "Visas\nCoordinate with the authorities\nlabour ministries\nconsulates\nin Tapachula\nA quote",
    );
  });

  it("undoes escapes: text that looks like syntax is read as typed", () => {
    const source = canonical(p(text("# 1. *not bold* [x] a_b \\ -")));
    expect(readableText(source)).toBe("# 1. *not bold* [x] a_b \\ -");
  });

  it("turns a hard break into a line break and drops empty paragraphs", () => {
    const source = canonical(p(text("one"), { type: "hardBreak" }, text("two")), p(), p(text("three")));
    expect(readableText(source)).toBe("one\ntwo\nthree");
  });

  it("reads an empty section as empty", () => {
    expect(readableText("")).toBe("");
  });
});

describe("what changed in the original, as words", () => {
  it("shows a word made bold as unchanged: formatting is not a change of words", () => {
    const before = canonical(p(text("Meet at least once a month.")));
    const after = canonical(p(text("Meet "), text("at least once a month", [{ type: "bold" }]), text(".")));
    expect(readingDiff(before, after)).toEqual([{ kind: "same", text: "Meet at least once a month." }]);
  });

  it("never runs two words together across blocks or replacements", () => {
    const before = canonical(p(text("Coordinate with the authorities")), p(text("labour ministries")));
    const after = canonical(p(text("Coordinate with the municipalities")), p(text("labour ministries")));
    const parts = readingDiff(before, after);
    expect(shown(parts)).not.toMatch(/authoritiesmunicipalities|authoritieslabour|municipalitieslabour/);
    expect(shown(parts)).toBe("Coordinate with the authorities municipalities\nlabour ministries");
    expect(parts.find((part) => part.kind === "added")).toMatchObject({
      text: "municipalities",
      spaced: true,
    });
  });

  it("keeps the diff's contract: same + removed is before, same + added is after", () => {
    const before = canonical(p(text("Uno dos tres")), p(text("cuatro")));
    const after = canonical(p(text("Uno cinco tres")), p(text("cuatro seis")));
    const parts = readingDiff(before, after);
    const join = (skip: string) =>
      parts
        .filter((part) => part.kind !== skip)
        .map((part) => part.text)
        .join("");
    expect(join("added")).toBe(readableText(before));
    expect(join("removed")).toBe(readableText(after));
  });
});
