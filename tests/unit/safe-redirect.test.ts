import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/modules/auth/safe-redirect";

describe("safeRedirect", () => {
  it.each([
    ["/g/rmsg", "/g/rmsg"],
    ["/g/rmsg/papers/abc?view=both#s-finding", "/g/rmsg/papers/abc?view=both#s-finding"],
    ["/g/a/../b", "/g/b"],
    ["/búsqueda", "/b%C3%BAsqueda"],
    ["  /inbox  ", "/inbox"],
    ["/in\tbox", "/inbox"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-site path %j as %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    ["a protocol-relative URL", "//evil.example"],
    ["a backslash host", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a leading control character", "\u0001//evil.example"],
    ["a leading space before //", " //evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "g/rmsg"],
    ["dot segments that climb into //", "/.//evil.example"],
    ["dot segments with a backslash", "/.\\/evil.example"],
    ["a slash and a backslash after dots", "/a/..//evil.example"],
    ["a NUL byte", "/g/\u0000rmsg"],
    ["an empty value", ""],
    ["null", null],
    ["a number", 42],
    ["something very long", "/" + "a".repeat(5000)],
  ])("falls back to / for %s", (_label, input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it("never returns something a browser would read as another host", () => {
    const pieces = ["/", "\\", "\t", "\n", ".", "..", "%2f", "%5c", "evil.example", "@", ":", "?", "#", " "];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const result = safeRedirect(`/${a}${b}${c}`);
          expect(new URL(result, "https://acuerdo.example").host, JSON.stringify(`/${a}${b}${c}`)).toBe(
            "acuerdo.example",
          );
        }
  });
});
