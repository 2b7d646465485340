// The JavaScript each page makes the browser download, per route, from the Remix build's manifest:
// the entry, the root and every parent route down to the page, each module with its shared chunks,
// counted once (the first visit: what the page needs before it runs). Then, apart, what those scripts
// load with a dynamic import() after the first render (the paper page's live editor), with everything
// that chunk imports and the first visit did not already have. Sizes are of the files in public/build,
// raw and gzip-compressed (what the server's compression middleware sends). `npm run bench` prints it;
// `npm run bench:bundle` prints it alone.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  imports?: string[];
}

export interface Manifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
}

/** The paper page: the page the budget is about. */
export const PAPER_ROUTE = "routes/g.$slug.papers.$paperId";
export const PAPER_BUDGET_KB = 150;

/** Every script URL a route loads on its first visit: entry, root and each parent, with their imports. */
export function routeScripts(manifest: Manifest, routeId: string): string[] {
  const scripts = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  const chain: ManifestRoute[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`the manifest has no route ${id}`);
    if (chain.includes(route)) throw new Error(`route ${id} is its own ancestor`);
    chain.unshift(route);
  }
  for (const route of chain) {
    scripts.add(route.module);
    for (const file of route.imports ?? []) scripts.add(file);
  }
  return [...scripts];
}

// esbuild's output names other chunks by their public URL: `from"/build/…"` and `import"/build/…"` are
// static imports, `import("/build/…")` a dynamic one.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\/build\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\(\s*"(\/build\/[^"]+\.js)"\s*\)/g;

/**
 * The scripts loaded after the first render: every chunk the given scripts import dynamically, with the
 * chunks those import (statically or dynamically), except what `firstVisit` already loaded.
 */
export function lazyScripts(firstVisit: string[], source: (url: string) => string): string[] {
  const had = new Set(firstVisit);
  const lazy = new Set<string>();
  const pending: string[] = [];
  const visit = (url: string, dynamicOnly: boolean) => {
    const text = source(url);
    const found = [...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]);
    if (!dynamicOnly) found.push(...[...text.matchAll(STATIC_IMPORT)].map((m) => m[1]));
    for (const next of found) {
      if (had.has(next) || lazy.has(next)) continue;
      lazy.add(next);
      pending.push(next);
    }
  };
  for (const url of firstVisit) visit(url, true);
  for (let url = pending.shift(); url; url = pending.shift()) visit(url, false);
  return [...lazy];
}

/** window.__remixManifest={...} → the object. */
export function parseManifest(source: string): Manifest {
  const json = source.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "");
  return JSON.parse(json) as Manifest;
}

export interface RouteSize {
  route: string;
  /** The first visit: the route chain's scripts in the manifest. */
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Loaded after the first render (dynamic imports), beyond the first visit's scripts. */
  lazyFiles: number;
  lazyRawBytes: number;
  lazyGzipBytes: number;
}

/** Sizes of every route's scripts in a built public directory (the newest manifest in public/build). */
export function measureRoutes(publicDir: string): RouteSize[] {
  const buildDir = path.join(publicDir, "build");
  const manifests = readdirSync(buildDir)
    .filter((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))
    .map((name) => path.join(buildDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!manifests[0]) throw new Error(`no manifest in ${buildDir}: run npm run build first`);
  const manifest = parseManifest(readFileSync(manifests[0], "utf8"));
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sources = new Map<string, string>();
  const source = (url: string) => {
    let text = sources.get(url);
    if (text === undefined) {
      text = readFileSync(path.join(publicDir, url), "utf8");
      sources.set(url, text);
    }
    return text;
  };
  const sizeOf = (url: string) => {
    let size = sizes.get(url);
    if (!size) {
      const bytes = Buffer.from(source(url));
      size = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(url, size);
    }
    return size;
  };
  const sum = (urls: string[], key: "raw" | "gzip") =>
    urls.reduce((total, url) => total + sizeOf(url)[key], 0);
  return Object.keys(manifest.routes)
    .filter((id) => id !== "root")
    .map((route) => {
      const scripts = routeScripts(manifest, route);
      const lazy = lazyScripts(scripts, source);
      return {
        route,
        files: scripts.length,
        rawBytes: sum(scripts, "raw"),
        gzipBytes: sum(scripts, "gzip"),
        lazyFiles: lazy.length,
        lazyRawBytes: sum(lazy, "raw"),
        lazyGzipBytes: sum(lazy, "gzip"),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The Markdown section: the paper page's first visit against its budget (with what follows after the
 * first render and the total beside it), then every route.
 */
export function renderBundleSizes(rows: RouteSize[]): string {
  const paper = rows.find((row) => row.route === PAPER_ROUTE);
  const verdict = !paper
    ? "not measured (no paper route in the manifest)"
    : (paper.gzipBytes <= PAPER_BUDGET_KB * 1024
        ? `met (${kb(paper.gzipBytes)})`
        : `MISSED by ${kb(paper.gzipBytes - PAPER_BUDGET_KB * 1024)} (${kb(paper.gzipBytes)})`) +
      `; then ${kb(paper.lazyGzipBytes)} loaded after first render, ${kb(paper.gzipBytes + paper.lazyGzipBytes)} in all`;
  const files = (row: RouteSize) => (row.lazyFiles ? `${row.files} + ${row.lazyFiles}` : `${row.files}`);
  const after = (row: RouteSize) => (row.lazyFiles ? kb(row.lazyGzipBytes) : "–");
  return [
    "## JavaScript per page (gzip)",
    "",
    `- Paper page first visit ≤ ${PAPER_BUDGET_KB} KB compressed: ${verdict}`,
    "",
    "First visit: the route chain's scripts (the manifest). After first render: the chunks they import",
    "dynamically (the live editor), beyond the first visit's.",
    "",
    "| Route | Files | Raw (first visit) | gzip (first visit) | gzip (after first render) | gzip (total) |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.route} | ${files(row)} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} | ${after(row)} | ${kb(
          row.gzipBytes + row.lazyGzipBytes,
        )} |`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(renderBundleSizes(measureRoutes(path.resolve(import.meta.dirname, "../public"))));
}
