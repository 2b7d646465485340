import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  lazyScripts,
  measureRoutes,
  PAPER_ROUTE,
  parseManifest,
  routeScripts,
} from "../../bench/bundle-size";

// The browser build (public/build, made by `npm test` before the suites run): zod checks every boundary
// on the server and must never reach the browser (README, "zod stays on the server"); the message
// catalogues stay there too (a page gets its own language's messages as data, never the mail texts);
// and the paper page's first visit carries no editor (Yjs, ProseMirror: loaded after the first render).
const PUBLIC = path.resolve(import.meta.dirname, "../../public");

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

function newestManifest(): string {
  const dir = path.join(PUBLIC, "build");
  const [newest] = readdirSync(dir)
    .filter((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))
    .map((name) => path.join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return newest;
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

  it("has no message catalogue, and no text of the mail we send, in any script", () => {
    const files = scripts(path.join(PUBLIC, "build"));
    // Plain ASCII texts: the minifier writes other characters as \u escapes.
    const texts = [
      "Demo accounts are listed in the README",
      "Ir al contenido",
      "Reset your Acuerdo password",
      "Restablezca su contrase",
    ];
    const found = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return texts
        .filter((text) => source.includes(text))
        .map((text) => `${path.relative(PUBLIC, file)}: ${text}`);
    });
    expect(found).toEqual([]);
  });

  it("loads the paper page's editor after its first render, not with it", () => {
    const manifest = parseManifest(readFileSync(newestManifest(), "utf8"));
    const read = (url: string) => readFileSync(path.join(PUBLIC, url), "utf8");
    const firstVisit = routeScripts(manifest, PAPER_ROUTE);
    // Strings Yjs and ProseMirror's view always carry, whatever the minifier renames.
    const editor = /Yjs was already imported|ProseMirror-hideselection/;
    expect(firstVisit.filter((url) => editor.test(read(url)))).toEqual([]);
    const later = lazyScripts(firstVisit, read);
    expect(later.filter((url) => editor.test(read(url))).length).toBeGreaterThan(0);
  });

  it("lists what every page downloads, the paper page among them", () => {
    const rows = measureRoutes(PUBLIC);
    const paper = rows.find((row) => row.route === PAPER_ROUTE);
    expect(paper?.files).toBeGreaterThan(3);
    expect(paper!.gzipBytes).toBeLessThan(paper!.rawBytes);
    expect(paper!.lazyFiles).toBeGreaterThan(0);
  });
});
