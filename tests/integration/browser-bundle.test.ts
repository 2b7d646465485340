import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { measureRoutes, PAPER_ROUTE } from "../../bench/bundle-size";

// The browser build (public/build, made by `npm test` before the suites run): zod checks every boundary
// on the server and must never reach the browser (README, "zod stays on the server").
const PUBLIC = path.resolve(import.meta.dirname, "../../public");

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

describe("the browser build", () => {
  it("has no zod in any script a page can load", () => {
    const files = scripts(path.join(PUBLIC, "build"));
    expect(files.length).toBeGreaterThan(10);
    // Class names zod's bundle always carries, whatever the minifier renames.
    const withZod = files.filter((file) =>
      /ZodISODateTime|ZodDiscriminatedUnion/.test(readFileSync(file, "utf8")),
    );
    expect(withZod.map((file) => path.relative(PUBLIC, file))).toEqual([]);
  });

  it("lists what every page downloads, the paper page among them", () => {
    const rows = measureRoutes(PUBLIC);
    const paper = rows.find((row) => row.route === PAPER_ROUTE);
    expect(paper?.files).toBeGreaterThan(3);
    expect(paper!.gzipBytes).toBeLessThan(paper!.rawBytes);
  });
});
