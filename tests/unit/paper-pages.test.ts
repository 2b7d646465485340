// The group page's list of papers, a page at a time (app/modules/papers/paper-pages.ts).
import { describe, expect, it } from "vitest";
import { pageCount, pageSearch, shownRange } from "~/modules/papers/paper-pages";

describe("pages of the papers list", () => {
  it("counts pages, one for an empty list", () => {
    expect(pageCount({ total: 0, perPage: 50 })).toBe(1);
    expect(pageCount({ total: 50, perPage: 50 })).toBe(1);
    expect(pageCount({ total: 51, perPage: 50 })).toBe(2);
    expect(pageCount({ total: 230, perPage: 50 })).toBe(5);
  });

  it("names the papers a page shows", () => {
    expect(shownRange({ page: 1, perPage: 50, total: 230 })).toEqual({ from: 1, to: 50 });
    expect(shownRange({ page: 2, perPage: 50, total: 230 })).toEqual({ from: 51, to: 100 });
    expect(shownRange({ page: 5, perPage: 50, total: 230 })).toEqual({ from: 201, to: 230 });
    expect(shownRange({ page: 1, perPage: 50, total: 0 })).toEqual({ from: 0, to: 0 });
  });

  it("keeps the filters in the address of another page", () => {
    expect(pageSearch({}, 1)).toBe("");
    expect(pageSearch({}, 2)).toBe("?page=2");
    expect(pageSearch({ status: "DRAFT", lead: "MX" }, 3)).toBe("?status=DRAFT&lead=MX&page=3");
    expect(pageSearch({ status: "REVIEW" }, 1)).toBe("?status=REVIEW");
    // A code is escaped, whatever it holds.
    expect(pageSearch({ lead: "a&b" }, 2)).toBe("?lead=a%26b&page=2");
  });
});
