// The JavaScript each page makes the browser download, per route, from the Remix build's manifest:
// the entry, the root and every parent route down to the page, each module with its shared chunks,
// counted once. Sizes are of the files in public/build, raw and gzip-compressed (what the server's
// compression middleware sends). `npm run bench` prints it; `npm run bench:bundle` prints it alone.
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

/** window.__remixManifest={...} → the object. */
export function parseManifest(source: string): Manifest {
  const json = source.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "");
  return JSON.parse(json) as Manifest;
}

export interface RouteSize {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
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
  const sizeOf = (url: string) => {
    let size = sizes.get(url);
    if (!size) {
      const bytes = readFileSync(path.join(publicDir, url));
      size = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(url, size);
    }
    return size;
  };
  return Object.keys(manifest.routes)
    .filter((id) => id !== "root")
    .map((route) => {
      const scripts = routeScripts(manifest, route);
      return {
        route,
        files: scripts.length,
        rawBytes: scripts.reduce((sum, url) => sum + sizeOf(url).raw, 0),
        gzipBytes: scripts.reduce((sum, url) => sum + sizeOf(url).gzip, 0),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The Markdown section: the paper page's figure against its budget, then every route. */
export function renderBundleSizes(rows: RouteSize[]): string {
  const paper = rows.find((row) => row.route === PAPER_ROUTE);
  const verdict = !paper
    ? "not measured (no paper route in the manifest)"
    : paper.gzipBytes <= PAPER_BUDGET_KB * 1024
      ? `met (${kb(paper.gzipBytes)})`
      : `MISSED by ${kb(paper.gzipBytes - PAPER_BUDGET_KB * 1024)} (${kb(paper.gzipBytes)})`;
  return [
    "## JavaScript per page (first visit, gzip)",
    "",
    `- Paper page ≤ ${PAPER_BUDGET_KB} KB compressed: ${verdict}`,
    "",
    "| Route | Files | Raw | gzip |",
    "|---|---|---|---|",
    ...rows.map((row) => `| ${row.route} | ${row.files} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} |`),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(renderBundleSizes(measureRoutes(path.resolve(import.meta.dirname, "../public"))));
}
