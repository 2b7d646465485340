import { describe, expect, it } from "vitest";
import { contrastWithWhite, hueOf, personColour } from "~/modules/presence/person-colour";

const US_BLUE = "#1f4e9c";
const MX_GREEN = "#1b6e3a";

describe("a person's colour", () => {
  it("differs between two delegates of the same delegation", () => {
    const shades = new Set(["user-a", "user-b", "user-c", "user-d"].map((id) => personColour(US_BLUE, id)));
    expect(shades.size).toBeGreaterThan(1);
    expect(personColour(US_BLUE, "cochair-us")).not.toBe(personColour(US_BLUE, "member-us"));
  });

  it("stays in the delegation's hue", () => {
    for (const id of ["a", "b", "c", "d", "e", "f", "g", "h", "i"]) {
      expect(Math.abs(hueOf(personColour(US_BLUE, id)) - hueOf(US_BLUE))).toBeLessThan(3);
      expect(Math.abs(hueOf(personColour(MX_GREEN, id)) - hueOf(MX_GREEN))).toBeLessThan(3);
    }
  });

  it("is the same for the same person every time", () => {
    expect(personColour(US_BLUE, "user-1")).toBe(personColour(US_BLUE, "user-1"));
  });

  it("keeps white initials readable (4.5:1) even on a light delegation colour", () => {
    for (const base of ["#f5d90a", "#ffffff", US_BLUE, MX_GREEN, "#c8102e"])
      for (const id of ["x", "y", "z", "w", "v", "u"])
        expect(contrastWithWhite(personColour(base, id))).toBeGreaterThanOrEqual(4.5);
  });

  it("falls back to a neutral grey for a missing or malformed colour", () => {
    expect(personColour(null, "a")).toMatch(/^#[0-9a-f]{6}$/);
    expect(personColour("red", "a")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
