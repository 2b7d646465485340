import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOCATOR_TUNABLES } from "../../server/allocator";

const scripts = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

describe("the C allocator's settings", () => {
  it("are a glibc tunable list (name=value, colon-separated)", () => {
    expect(ALLOCATOR_TUNABLES).toMatch(/^glibc\.malloc\.[a-z_]+=\d+(:glibc\.malloc\.[a-z_]+=\d+)*$/);
  });

  it.each(["start", "serve"])("npm run %s starts the server with them", (name) => {
    const script = scripts[name];
    // The variable must sit on the command that runs the server, not on the build before it.
    const serverCommand = script.split("&&").find((part) => part.includes("build/node/server.mjs"));
    expect(serverCommand).toContain(`GLIBC_TUNABLES=${ALLOCATOR_TUNABLES} `);
  });
});
