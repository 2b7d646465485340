import { describe, expect, it } from "vitest";
import {
  lazyScripts,
  parseManifest,
  renderBundleSizes,
  routeScripts,
  type Manifest,
} from "../../bench/bundle-size";

const manifest: Manifest = {
  entry: { module: "/build/entry.js", imports: ["/build/_shared/react.js"] },
  routes: {
    root: {
      id: "root",
      module: "/build/root.js",
      imports: ["/build/_shared/react.js", "/build/_shared/i18n.js"],
    },
    "routes/g.$slug": { id: "routes/g.$slug", parentId: "root", module: "/build/group.js" },
    "routes/g.$slug.papers.$paperId": {
      id: "routes/g.$slug.papers.$paperId",
      parentId: "routes/g.$slug",
      module: "/build/paper.js",
      imports: ["/build/_shared/editor.js", "/build/_shared/i18n.js"],
    },
  },
};

describe("the JavaScript a page loads", () => {
  it("counts the entry, the root, every parent and the page, each shared chunk once", () => {
    expect(routeScripts(manifest, "routes/g.$slug.papers.$paperId")).toEqual([
      "/build/entry.js",
      "/build/_shared/react.js",
      "/build/root.js",
      "/build/_shared/i18n.js",
      "/build/group.js",
      "/build/paper.js",
      "/build/_shared/editor.js",
    ]);
  });

  it("refuses a manifest whose route is missing or is its own ancestor", () => {
    expect(() => routeScripts(manifest, "routes/nowhere")).toThrow("no route routes/nowhere");
    const loop: Manifest = {
      entry: { module: "/e.js" },
      routes: {
        a: { id: "a", parentId: "b", module: "/a.js" },
        b: { id: "b", parentId: "a", module: "/b.js" },
      },
    };
    expect(() => routeScripts(loop, "a")).toThrow("its own ancestor");
  });

  it("reads the manifest file Remix writes", () => {
    const parsed = parseManifest(`window.__remixManifest=${JSON.stringify(manifest)};`);
    expect(parsed.routes["routes/g.$slug"].parentId).toBe("root");
  });

  it("counts what the first visit's scripts import dynamically, with its own imports, apart", () => {
    const files: Record<string, string> = {
      "/build/entry.js": 'import{a}from"/build/_shared/react.js";',
      "/build/_shared/react.js": "export const a=1;",
      "/build/paper.js":
        'import{a}from"/build/_shared/react.js";const l=()=>import("/build/_shared/live-editing-X.js");',
      "/build/_shared/live-editing-X.js":
        'import{a}from"/build/_shared/react.js";import{y}from"/build/_shared/chunk-Y.js";import"/build/_shared/side.js";const t=()=>import( "/build/_shared/tip.js" );',
      "/build/_shared/chunk-Y.js": "export const y=1;",
      "/build/_shared/side.js": "",
      "/build/_shared/tip.js": 'import{y}from"/build/_shared/chunk-Y.js";',
    };
    const lazy = lazyScripts(["/build/entry.js", "/build/_shared/react.js", "/build/paper.js"], (url) => {
      if (!(url in files)) throw new Error(`no ${url}`);
      return files[url];
    });
    expect(lazy.sort()).toEqual([
      "/build/_shared/chunk-Y.js",
      "/build/_shared/live-editing-X.js",
      "/build/_shared/side.js",
      "/build/_shared/tip.js",
    ]);
  });

  it("says whether the paper page's first visit is within its budget, and what follows it", () => {
    const row = (gzipBytes: number) => [
      {
        route: "routes/g.$slug.papers.$paperId",
        files: 3,
        rawBytes: gzipBytes * 3,
        gzipBytes,
        lazyFiles: 2,
        lazyRawBytes: 300 * 1024,
        lazyGzipBytes: 100 * 1024,
      },
    ];
    expect(renderBundleSizes(row(100 * 1024))).toContain(
      "first visit ≤ 150 KB compressed: met (100.0 KB); then 100.0 KB loaded after first render, 200.0 KB in all",
    );
    expect(renderBundleSizes(row(200 * 1024))).toContain("MISSED by 50.0 KB (200.0 KB)");
    expect(renderBundleSizes(row(100 * 1024))).toContain(
      "| routes/g.$slug.papers.$paperId | 3 + 2 | 300.0 KB | 100.0 KB | 100.0 KB | 200.0 KB |",
    );
  });
});
