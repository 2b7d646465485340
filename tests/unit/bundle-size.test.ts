import { describe, expect, it } from "vitest";
import { parseManifest, renderBundleSizes, routeScripts, type Manifest } from "../../bench/bundle-size";

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

  it("says whether the paper page is within its budget", () => {
    const row = (gzipBytes: number) => [
      { route: "routes/g.$slug.papers.$paperId", files: 3, rawBytes: gzipBytes * 3, gzipBytes },
    ];
    expect(renderBundleSizes(row(100 * 1024))).toContain("≤ 150 KB compressed: met (100.0 KB)");
    expect(renderBundleSizes(row(200 * 1024))).toContain("MISSED by 50.0 KB (200.0 KB)");
  });
});
