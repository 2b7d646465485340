import { afterEach, beforeEach, vi } from "vitest";

// A console.error nobody reads is a bug nobody fixes: any call fails the test that caused it.
let calls: unknown[][] = [];

beforeEach(() => {
  calls = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (calls.length > 0) {
    const text = calls
      .map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(" "))
      .join("\n");
    throw new Error(`console.error was called during this test:\n${text}`);
  }
});
