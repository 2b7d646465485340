// The memoized route work (server/remix-route-memo.ts) gives the libraries' answers: route matching for
// this app's own route table (read from app/routes as Remix reads it) and for odd paths, and the
// render's route table.
import { createRequire } from "node:module";
import path from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createMemoizedMatchRoutes,
  createMemoizedServerRoutes,
  memoizeRemixRoutes,
  REMEMBERED_PATHS,
} from "../../server/remix-route-memo";

type Route = AgnosticRouteObject & { id: string };
interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
}

let manifest: ManifestRoute[] = [];

/** The nested table Remix builds from the manifest, fresh objects each call (as each render does). */
function table(parentId?: string): Route[] {
  return manifest
    .filter((route) => route.parentId === parentId)
    .map((route) => {
      const children = table(route.id);
      return {
        id: route.id,
        path: route.path,
        ...(route.index ? { index: true } : { children }),
        caseSensitive: route.caseSensitive,
      };
    });
}

/** Every route's full pattern, with its params filled in. */
function patterns(): string[] {
  const full = (route: ManifestRoute): string => {
    const parent = manifest.find((r) => r.id === route.parentId);
    return `${parent ? full(parent) : ""}/${route.path ?? ""}`.replace(/\/+/g, "/");
  };
  return manifest.map(full);
}

function paths(): string[] {
  const fills = ["rmsg", "cmx30a9890000mi7dw1tepo7o", "3", "docx", "en.js", "a%20b", "ñandú", "x.y"];
  const out = new Set<string>(["/", "", "//", "/g", "/g/", "/nowhere", "/g/rmsg/papers", "/G/RMSG"]);
  for (const pattern of patterns()) {
    for (const fill of fills) {
      const filled = pattern.replace(/:[A-Za-z]+/g, fill);
      out.add(filled);
      out.add(`${filled}/`);
      out.add(`${filled}?q=1#top`);
      out.add(filled.toUpperCase());
      out.add(`${filled}/extra/segments`);
    }
  }
  return [...out];
}

/** A match with its route named by id (for comparing answers over different but equal tables). */
const plain = (matches: ReturnType<typeof matchRoutes>) =>
  matches?.map((m) => ({ ...m, route: m.route.id })) ?? null;

beforeAll(async () => {
  const config = await readConfig(path.resolve(import.meta.dirname, "../.."));
  manifest = Object.values(config.routes);
  expect(manifest.length).toBeGreaterThan(30);
});

/** A memoized matchRoutes over the library's, counting the library's calls. */
function countingMemo() {
  const library = { calls: 0 };
  const memo = createMemoizedMatchRoutes((routes, location, basename) => {
    library.calls += 1;
    return matchRoutes(routes, location, basename);
  });
  return { memo, library };
}

describe("memoized route matching", () => {
  it("answers as the library does for every route of the app, the first time and from memory", () => {
    const memo = createMemoizedMatchRoutes(matchRoutes);
    const all = paths();
    expect(all.length).toBeGreaterThan(1000);
    for (const basename of [undefined, "/", "/g"]) {
      for (const pathname of all) {
        const routes = table();
        const expected = matchRoutes(routes, pathname, basename);
        expect(memo(routes, pathname, basename), `${basename} ${pathname}`).toEqual(expected);
        // From memory, for another table of the same routes: the caller's own route objects.
        const again = table();
        const remembered = memo(again, pathname, basename);
        expect(plain(remembered), `${basename} ${pathname}`).toEqual(plain(expected));
        const ids = new Map<string, Route>();
        const index = (list: Route[]) =>
          list.forEach((r) => (ids.set(r.id, r), index((r.children ?? []) as Route[])));
        index(again);
        for (const match of remembered ?? []) expect(match.route).toBe(ids.get(match.route.id!));
      }
    }
  });

  it("takes location objects, and asks the library once per table and path", () => {
    const { memo, library } = countingMemo();
    const routes = table();
    const location = { pathname: "/g/rmsg/papers/p1", search: "?a=1", hash: "" };
    const first = memo(routes, location);
    expect(plain(first)).toEqual(plain(matchRoutes(routes, location)));
    expect(plain(memo(table(), "/g/rmsg/papers/p1"))).toEqual(plain(first));
    expect(library.calls).toBe(1);
    memo(routes, "/g/rmsg/papers/p2");
    expect(library.calls).toBe(2);
  });

  it("hands out params nobody else sees changed", () => {
    const memo = createMemoizedMatchRoutes(matchRoutes);
    const routes = table();
    const first = memo(routes, "/g/rmsg/papers/p1")!;
    (first.at(-1)!.params as Record<string, string>).paperId = "changed";
    const second = memo(routes, "/g/rmsg/papers/p1")!;
    expect(second.at(-1)!.params.paperId).toBe("p1");
    (second.at(-1)!.params as Record<string, string>).paperId = "changed again";
    expect(memo(routes, "/g/rmsg/papers/p1")!.at(-1)!.params.paperId).toBe("p1");
  });

  it("forgets the oldest paths past its bound, and still answers right", () => {
    const { memo, library } = countingMemo();
    const routes = table();
    for (let i = 0; i <= REMEMBERED_PATHS; i += 1) memo(routes, `/g/rmsg/papers/p${i}`);
    expect(library.calls).toBe(REMEMBERED_PATHS + 1);
    // The newest is remembered; the first was forgotten and is computed again, correctly.
    memo(routes, `/g/rmsg/papers/p${REMEMBERED_PATHS}`);
    expect(library.calls).toBe(REMEMBERED_PATHS + 1);
    expect(plain(memo(routes, "/g/rmsg/papers/p0"))).toEqual(plain(matchRoutes(routes, "/g/rmsg/papers/p0")));
    expect(library.calls).toBe(REMEMBERED_PATHS + 2);
  });

  it("leaves tables whose routes lack ids to the library, every time", () => {
    const { memo, library } = countingMemo();
    const routes: AgnosticRouteObject[] = [{ path: "/a" }, { path: "/b/:id" }];
    expect(memo(routes, "/b/1")?.[0].params).toEqual({ id: "1" });
    expect(memo(routes, "/b/1")?.[0].route).toBe(routes[1]);
    expect(library.calls).toBe(2);
  });

  it("tells apart tables that differ only in a path, an index flag or case sensitivity", () => {
    const memo = createMemoizedMatchRoutes(matchRoutes);
    const variants: AgnosticRouteObject[][] = [
      [{ id: "a", path: "/x/:id" }],
      [{ id: "a", path: "/y/:id" }],
      [{ id: "a", path: "/X/:id", caseSensitive: true }],
      [{ id: "p", path: "/x", children: [{ id: "a", index: true }] }],
      [{ id: "p", path: "/x", children: [{ id: "a", path: ":id" }] }],
    ];
    for (let round = 0; round < 2; round += 1)
      for (const routes of variants)
        for (const pathname of ["/x/1", "/y/1", "/X/1", "/x"])
          expect(memo(routes, pathname)).toEqual(matchRoutes(routes, pathname));
  });
});

describe("the render's route table, built once", () => {
  const require = createRequire(import.meta.url);
  const library = require("@remix-run/react/dist/routes.js") as {
    createServerRoutes: (...args: unknown[]) => unknown;
  };
  const original = library.createServerRoutes;
  const manifestOf = () =>
    Object.fromEntries(
      manifest.map((route) => [
        route.id,
        { ...route, hasLoader: true, hasAction: false, hasClientLoader: false, hasClientAction: false },
      ]),
    );
  const modulesOf = () => Object.fromEntries(manifest.map((route) => [route.id, { default: () => null }]));
  interface BuiltRoute {
    id: string;
    path?: string;
    index?: boolean;
    children?: BuiltRoute[];
  }
  type Built = BuiltRoute[];
  const shape = (routes: Built): unknown =>
    routes.map((r) => ({
      id: r.id,
      path: r.path,
      index: r.index,
      children: r.children?.length ? shape(r.children) : undefined,
    }));

  it("is the library's table, the same object for the same build, another for another", () => {
    let builds = 0;
    const memo = createMemoizedServerRoutes((...args) => {
      builds += 1;
      return original(...args);
    });
    const [manifestA, modulesA] = [manifestOf(), modulesOf()];
    const first = memo(manifestA, modulesA, {}, false) as Built;
    expect(shape(first)).toEqual(shape(original(manifestA, modulesA, {}, false) as Built));
    expect(shape(first)).toEqual(shape(table() as Built));
    expect(memo(manifestA, modulesA, {}, false)).toBe(first);
    // The server runtime makes a new object of the same modules for each page.
    expect(memo(manifestA, { ...modulesA }, {}, false)).toBe(first);
    expect(builds).toBe(1);
    // Another build (a reload), other modules, other flags: built anew.
    expect(memo(manifestOf(), modulesA, {}, false)).not.toBe(first);
    expect(memo(manifestA, modulesOf(), {}, false)).not.toBe(first);
    expect(memo(manifestA, { ...modulesA, extra: { default: () => null } }, {}, false)).not.toBe(first);
    const fewer: Record<string, unknown> = { ...modulesA };
    delete fewer[manifest[manifest.length - 1].id];
    // (The library refuses a table with a route without its module: asked, not answered from memory.)
    expect(() => memo(manifestA, fewer, {}, false)).toThrow(/routeModule/);
    expect(memo(manifestA, modulesA, { v3_singleFetch: true }, false)).not.toBe(first);
    expect(memo(manifestA, modulesA, {}, true)).not.toBe(first);
    expect(builds).toBe(7);
    // A call with the library's own extra arguments is the library's.
    memo(manifestA, modulesA, {}, false, "root");
    memo(manifestA, modulesA, {}, false, "root");
    expect(builds).toBe(9);
  });

  it("is put in place of both libraries' exports, and answers as they did", () => {
    const router = require("@remix-run/router") as { matchRoutes: typeof matchRoutes };
    const before = router.matchRoutes;
    memoizeRemixRoutes();
    expect(router.matchRoutes).not.toBe(before);
    expect(library.createServerRoutes).not.toBe(original);
    // Remix's server runtime matches through the export.
    const { matchServerRoutes } = require("@remix-run/server-runtime/dist/routeMatching.js") as {
      matchServerRoutes: (routes: unknown, pathname: string) => { route: { id: string } }[] | null;
    };
    const routes = table();
    for (const pathname of ["/g/rmsg/papers/p1", "/g/rmsg/papers/p1", "/nowhere", "/"])
      expect(matchServerRoutes(routes, pathname)?.map((m) => m.route.id)).toEqual(
        before(routes, pathname)?.map((m) => m.route.id),
      );
    // Once per process.
    const installed = router.matchRoutes;
    memoizeRemixRoutes();
    expect(router.matchRoutes).toBe(installed);
  });
});
