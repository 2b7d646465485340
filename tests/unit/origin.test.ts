import { describe, expect, it } from "vitest";
import { isSafeMethod, isSameOriginRequest } from "~/modules/auth/origin";

const ours = "https://acuerdo.example.org";

describe("cross-site request refusal", () => {
  it.each(["GET", "HEAD", "OPTIONS", "get", "head", "options"])(
    "lets %s requests through whatever their headers say",
    (method) => {
      expect(isSafeMethod(method)).toBe(true);
      expect(isSameOriginRequest(method, {}, ours)).toBe(true);
      expect(isSameOriginRequest(method, { origin: "https://evil.example.com" }, ours)).toBe(true);
    },
  );

  it.each(["POST", "PUT", "PATCH", "DELETE", "post"])("treats %s as state-changing", (method) => {
    expect(isSafeMethod(method)).toBe(false);
  });

  it("accepts a form posted from one of our pages", () => {
    expect(isSameOriginRequest("POST", { origin: ours }, ours)).toBe(true);
  });

  it("compares origins, not spellings (default port, trailing slash, case)", () => {
    expect(isSameOriginRequest("POST", { origin: "https://ACUERDO.example.org:443" }, `${ours}/`)).toBe(true);
  });

  it.each([
    ["another site", "https://evil.example.com"],
    ["a sandboxed or privacy-redirected page (Origin: null)", "null"],
    ["a malformed Origin", "not a url"],
    ["the same host on another port", "https://acuerdo.example.org:8443"],
    ["the same host over plain HTTP", "http://acuerdo.example.org"],
    ["a subdomain", "https://evil.acuerdo.example.org"],
  ])("refuses a POST from %s", (_label, origin) => {
    expect(isSameOriginRequest("POST", { origin }, ours)).toBe(false);
  });

  it("refuses a POST that names neither its Origin nor its Referer", () => {
    expect(isSameOriginRequest("POST", {}, ours)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: null, referer: null }, ours)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "", referer: "" }, ours)).toBe(false);
  });

  it("falls back to the Referer for an old client that sends no Origin", () => {
    expect(isSameOriginRequest("POST", { referer: `${ours}/g/rmsg/papers/42?tab=comments` }, ours)).toBe(
      true,
    );
    expect(isSameOriginRequest("POST", { origin: null, referer: `${ours}/` }, ours)).toBe(true);
  });

  it("refuses a Referer from another site or another port", () => {
    expect(
      isSameOriginRequest("POST", { referer: "https://evil.example.com/acuerdo.example.org" }, ours),
    ).toBe(false);
    expect(isSameOriginRequest("POST", { referer: "https://acuerdo.example.org:8443/g/rmsg" }, ours)).toBe(
      false,
    );
  });

  it("trusts a foreign Origin over a Referer that looks like ours", () => {
    expect(
      isSameOriginRequest("POST", { origin: "https://evil.example.com", referer: `${ours}/g/rmsg` }, ours),
    ).toBe(false);
  });

  // "Referer is the fallback for old clients": an old client sends no Origin at all. A browser that sends
  // Origin: null is saying the request comes from an opaque origin, and that must not be overridden.
  it("refuses Origin: null even when the Referer names one of our pages", () => {
    expect(isSameOriginRequest("POST", { origin: "null", referer: `${ours}/g/rmsg` }, ours)).toBe(false);
  });

  it("refuses everything when the expected origin itself is not a URL", () => {
    expect(isSameOriginRequest("POST", { origin: "null" }, "null")).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "garbage" }, "garbage")).toBe(false);
  });
});
