import { describe, expect, it } from "vitest";
import { loggablePath } from "../../server/request-log";

describe("request logs", () => {
  it("never write an invitation token", () => {
    expect(loggablePath("/invite/abcDEF123_-xyz")).toBe("/invite/:token");
  });
  it("keep other paths as they are", () => {
    expect(loggablePath("/g/rmsg/papers/abc")).toBe("/g/rmsg/papers/abc");
  });
});
