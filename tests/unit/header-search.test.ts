// The group the header's search box searches (app/modules/search/header-search.ts).
import { describe, expect, it } from "vitest";
import { chooseHeaderSearchSlug } from "~/modules/search/header-search";

describe("the header search's group", () => {
  it("is the group in the address when the person belongs to it", () => {
    expect(chooseHeaderSearchSlug(["remesas", "rmsg"], "/g/rmsg/papers/p1")).toBe("rmsg");
    expect(chooseHeaderSearchSlug(["remesas", "rmsg"], "/g/remesas")).toBe("remesas");
  });

  it("is their first group elsewhere, or for a group they do not belong to", () => {
    expect(chooseHeaderSearchSlug(["remesas", "rmsg"], "/inbox")).toBe("remesas");
    expect(chooseHeaderSearchSlug(["remesas", "rmsg"], "/g/other/papers")).toBe("remesas");
    expect(chooseHeaderSearchSlug(["rmsg"], "/g/rmsg-old")).toBe("rmsg");
  });

  it("is none without any group", () => {
    expect(chooseHeaderSearchSlug([], "/g/rmsg")).toBeNull();
  });
});
