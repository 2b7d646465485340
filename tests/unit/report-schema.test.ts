import { describe, expect, it } from "vitest";
import {
  frontMatterSchema,
  reportFormatSchema,
  reportLanguageSchema,
  reportOrderSchema,
} from "~/modules/report/report.schema";

describe("what the report's forms and downloads accept", () => {
  it("takes a move up or down of one paper", () => {
    expect(reportOrderSchema.parse({ intent: "move", paperId: "abc_123", direction: "up" })).toEqual({
      intent: "move",
      paperId: "abc_123",
      direction: "up",
    });
    for (const bad of [
      { intent: "move", paperId: "abc", direction: "left" },
      { intent: "move", paperId: "../etc", direction: "up" },
      { intent: "move", direction: "up" },
      { intent: "shuffle" },
    ]) {
      expect(reportOrderSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("takes a whole order of distinct paper ids", () => {
    expect(reportOrderSchema.parse({ intent: "order", order: "b,a,c" })).toEqual({
      intent: "order",
      order: ["b", "a", "c"],
    });
    for (const order of ["", "a,a", "a,<b>", "a;b"])
      expect(reportOrderSchema.safeParse({ intent: "order", order }).success, order).toBe(false);
  });

  it("takes the editor's JSON of the foreword and summary, and a revision", () => {
    const ok = frontMatterSchema.parse({
      intent: "frontMatter",
      foreword: '{"type":"doc"}',
      summary: "{}",
      revision: "",
    });
    expect(ok.foreword).toEqual({ type: "doc" });
    expect(
      frontMatterSchema.safeParse({
        intent: "frontMatter",
        foreword: "{not json",
        summary: "{}",
        revision: "",
      }).success,
    ).toBe(false);
    expect(
      frontMatterSchema.safeParse({
        intent: "frontMatter",
        foreword: "{}",
        summary: "{}",
        revision: "yesterday",
      }).success,
    ).toBe(false);
    const huge = frontMatterSchema.safeParse({
      intent: "frontMatter",
      foreword: JSON.stringify({ text: "x".repeat(300_001) }),
      summary: "{}",
      revision: "",
    });
    expect(huge.success).toBe(false);
    expect(huge.error?.issues[0].message).toBe("report.frontMatter.tooLong");
  });

  it("knows four formats and two languages", () => {
    expect(["html", "md", "docx", "pdf"].every((f) => reportFormatSchema.safeParse(f).success)).toBe(true);
    expect(reportFormatSchema.safeParse("exe").success).toBe(false);
    expect(reportLanguageSchema.safeParse("es").success).toBe(true);
    expect(reportLanguageSchema.safeParse("fr").success).toBe(false);
  });
});
