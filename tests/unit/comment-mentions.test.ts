import { describe, expect, it } from "vitest";
import { mentionQueryAt, parseMentions, segmentMentions, suggestMembers } from "~/modules/comments/mentions";

const MEMBERS = [
  { id: "gabriela", name: "Gabriela Núñez" },
  { id: "ana", name: "Ana Sofía Chávez" },
  { id: "jose", name: "José Luis" },
  { id: "jose-luis-herrera", name: "José Luis Herrera" },
  { id: "carlos", name: "Carlos Mejía" },
  { id: "elena", name: "Elena Marsh" },
];

describe("mention parsing", () => {
  it("finds a name with spaces and accents", () => {
    expect(parseMentions("Thanks @Gabriela Núñez, agreed.", MEMBERS)).toEqual(["gabriela"]);
    expect(parseMentions("@Ana Sofía Chávez what does Guatemala think?", MEMBERS)).toEqual(["ana"]);
  });

  it("picks the longest matching name", () => {
    expect(parseMentions("@José Luis Herrera please check", MEMBERS)).toEqual(["jose-luis-herrera"]);
    expect(parseMentions("@José Luis please check", MEMBERS)).toEqual(["jose"]);
  });

  it("ignores case and accents the writer left out", () => {
    expect(parseMentions("@gabriela nunez and @CARLOS MEJIA", MEMBERS)).toEqual(["gabriela", "carlos"]);
  });

  it("matches decomposed accents (NFD) like composed ones", () => {
    expect(parseMentions("@Gabriela Nu\u0301n\u0303ez", MEMBERS)).toEqual(["gabriela"]);
  });

  it("needs a whole name: no partial words, no email addresses, no unknown people", () => {
    expect(parseMentions("@Gabriela alone", MEMBERS)).toEqual([]);
    expect(parseMentions("@Elena Marshall is not Elena", MEMBERS)).toEqual([]);
    expect(parseMentions("write to elena@Elena Marsh.org", MEMBERS)).toEqual([]);
    expect(parseMentions("@Someone Else", MEMBERS)).toEqual([]);
  });

  it("lists each person once, in order of first mention", () => {
    expect(parseMentions("@Carlos Mejía, @Elena Marsh; again @Carlos Mejía.", MEMBERS)).toEqual([
      "carlos",
      "elena",
    ]);
  });

  it("splits the body into text and mentions that put back together give the body", () => {
    const body = "Per @Elena Marsh: <script>alert(1)</script> @Ana Sofía Chávez!";
    const segments = segmentMentions(body, MEMBERS);
    expect(segments.map((s) => s.text).join("")).toBe(body);
    expect(segments.filter((s) => s.kind === "mention").map((s) => s.text)).toEqual([
      "@Elena Marsh",
      "@Ana Sofía Chávez",
    ]);
  });

  it("finds the @query being typed before the caret", () => {
    expect(mentionQueryAt("Hello @Ana So", 13)).toEqual({ start: 6, query: "Ana So" });
    expect(mentionQueryAt("mail me at a@b", 14)).toBeNull();
    expect(mentionQueryAt("line\n@", 6)).toEqual({ start: 5, query: "" });
    expect(mentionQueryAt("no mention here", 15)).toBeNull();
  });

  it("suggests members whose names contain the typed words, accents optional", () => {
    expect(suggestMembers("nunez", MEMBERS).map((m) => m.id)).toEqual(["gabriela"]);
    expect(suggestMembers("jose lu", MEMBERS).map((m) => m.id)).toEqual(["jose", "jose-luis-herrera"]);
    expect(suggestMembers("", MEMBERS)).toHaveLength(MEMBERS.length);
  });
});
