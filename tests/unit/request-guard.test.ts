import { describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT, bodyLimitFor, isReadableTarget } from "../../server/request-guard";
import { IMPORT_BODY_LIMIT_BYTES } from "~/modules/word/import-limits";

describe("the body limit per route", () => {
  it("lets the two Word import routes reach their own 10 MB check and keeps every other route at the form limit", () => {
    expect(bodyLimitFor("/g/rmsg/papers/import")).toBe(4 * IMPORT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/g/rmsg/papers/import?index")).toBe(4 * IMPORT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/g/rmsg/papers/cm123/import-translation")).toBe(4 * IMPORT_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/login")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/g/rmsg/papers/cm123")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/g/rmsg/papers/import/extra")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/x?next=/g/rmsg/papers/import")).toBe(DEFAULT_BODY_LIMIT);
  });

  it("refuses targets with NUL bytes or broken percent-encoding", () => {
    expect(isReadableTarget("/g/rmsg")).toBe(true);
    expect(isReadableTarget("/g/rm%00sg")).toBe(false);
    expect(isReadableTarget("/g/%E0%A4%A")).toBe(false);
  });
});
