import { describe, expect, it } from "vitest";
import { bulkChoices, bulkCount, type BulkCandidate } from "~/modules/suggestions/bulk-choices";

const gabriela = { authorId: "u-mx", authorName: "Gabriela Núñez", delegation: "MX" };
const carlos = { authorId: "u-hn", authorName: "Carlos Mejía", delegation: "HN" };
const pending: BulkCandidate[] = [
  { id: "s1", sectionKey: "finding", ...carlos },
  { id: "s2", sectionKey: "recommendation", ...gabriela },
  { id: "s3", sectionKey: "recommendation", ...carlos },
  { id: "s4", sectionKey: "recommendation:es", ...gabriela },
];

describe("accepting or rejecting several suggestions", () => {
  it("offers each section and author with what is pending, in the order they appear", () => {
    expect(bulkChoices(pending, new Set())).toEqual({
      sections: [
        { key: "finding", count: 1 },
        { key: "recommendation", count: 2 },
        { key: "recommendation:es", count: 1 },
      ],
      authors: [
        { id: "u-hn", name: "Carlos Mejía", delegation: "HN", count: 2 },
        { id: "u-mx", name: "Gabriela Núñez", delegation: "MX", count: 2 },
      ],
    });
  });

  it("counts a section, an author, both, or everything", () => {
    const none = new Set<string>();
    expect(bulkCount(pending, none, { sectionKey: "", authorId: "" })).toBe(4);
    expect(bulkCount(pending, none, { sectionKey: "recommendation", authorId: "" })).toBe(2);
    expect(bulkCount(pending, none, { sectionKey: "", authorId: "u-mx" })).toBe(2);
    expect(bulkCount(pending, none, { sectionKey: "recommendation", authorId: "u-hn" })).toBe(1);
    expect(bulkCount(pending, none, { sectionKey: "finding", authorId: "u-mx" })).toBe(0);
  });

  it("leaves out what the group is deciding by silence procedure", () => {
    const asked = new Set(["recommendation:s3"]);
    expect(bulkCount(pending, asked, { sectionKey: "recommendation", authorId: "" })).toBe(1);
    const choices = bulkChoices(pending, asked);
    expect(choices.authors.find((a) => a.id === "u-hn")?.count).toBe(1);
    // A procedure on s3 in one section does not hide a suggestion of the same id elsewhere.
    expect(bulkCount(pending, new Set(["finding:s3"]), { sectionKey: "", authorId: "" })).toBe(4);
  });
});
