import { createRequire } from "node:module";
import type { AgnosticRouteMatch, AgnosticRouteObject } from "@remix-run/router";

/**
 * Remix 2 answers "which routes match this URL" with `matchRoutes` of `@remix-run/router`, which
 * flattens, ranks and compiles (one RegExp per route and call) the whole route table on every call, and
 * a page asks it several times: the request handler once, and the server render once for each parent
 * path of the URL (to list the routes of the first page's manifest). In a profile of the signed-in
 * pages that was 12 % of the server's CPU, for answers that depend on nothing but the route table and
 * the path.
 *
 * `memoizeRouteMatching()` replaces the library's exported `matchRoutes` (which Remix's server runtime
 * and its render call through the module's exports) with one that remembers, per route table and
 * path, which route ids matched with which params, and hands back matches built from the caller's own
 * route objects (the render builds a fresh table of equal routes for each request). The library's own
 * function still computes every answer the first time; `tests/unit/route-match-memo.test.ts` checks the
 * answers are the same as its, for every route of this app and for odd paths.
 */

type Routes = AgnosticRouteObject[];
type Location = Parameters<typeof import("@remix-run/router").matchRoutes>[1];
type MatchRoutes = (routes: Routes, location: Location, basename?: string) => AgnosticRouteMatch[] | null;

/** What one answer keeps: route ids, not route objects, so that an equal table can reuse it. */
interface RememberedMatch {
  routeId: string;
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
}

/** At most this many paths are remembered per route table (paper ids make paths many); oldest first out. */
export const REMEMBERED_PATHS = 2000;

/** A route table's shape: everything `matchRoutes` reads of it. Tables of equal shape match alike. */
function shapeOf(routes: Routes): string | null {
  let shape = "";
  const walk = (list: Routes): boolean => {
    shape += "[";
    for (const route of list) {
      // Without ids a match could not be rebuilt from another table's routes: leave it to the library.
      if (typeof route.id !== "string") return false;
      shape += `${JSON.stringify(route.id)},${JSON.stringify(route.path ?? null)},${route.index === true ? 1 : 0}${route.caseSensitive === true ? 1 : 0}`;
      if (route.children) {
        if (!walk(route.children)) return false;
      }
      shape += ";";
    }
    shape += "]";
    return true;
  };
  return walk(routes) ? shape : null;
}

function routesById(routes: Routes, into = new Map<string, AgnosticRouteObject>()) {
  for (const route of routes) {
    if (route.id !== undefined) into.set(route.id, route);
    if (route.children) routesById(route.children, into);
  }
  return into;
}

/** A memoizing `matchRoutes` over `compute` (the library's). Exported for the tests. */
export function createMemoizedMatchRoutes(compute: MatchRoutes): MatchRoutes {
  const shapes = new WeakMap<Routes, string | null>();
  const ids = new WeakMap<Routes, Map<string, AgnosticRouteObject>>();
  const answers = new Map<string, Map<string, RememberedMatch[] | null>>();

  return (routes, location, basename) => {
    let shape = shapes.get(routes);
    if (shape === undefined) {
      shape = Array.isArray(routes) ? shapeOf(routes) : null;
      shapes.set(routes, shape);
    }
    const path = typeof location === "string" ? location : location.pathname;
    if (
      shape === null ||
      typeof path !== "string" ||
      (typeof location !== "string" && location.pathname === undefined)
    )
      return compute(routes, location, basename);
    const key = `${basename ?? "/"}\n${path}`;
    let table = answers.get(shape);
    if (!table) answers.set(shape, (table = new Map<string, RememberedMatch[] | null>()));
    let remembered = table.get(key);
    if (remembered === undefined) {
      const matches = compute(routes, location, basename);
      remembered =
        matches?.map((match) => ({
          // shapeOf admitted the table only if every route has an id.
          routeId: match.route.id!,
          params: { ...match.params },
          pathname: match.pathname,
          pathnameBase: match.pathnameBase,
        })) ?? null;
      if (table.size >= REMEMBERED_PATHS) table.delete(table.keys().next().value!);
      table.set(key, remembered);
      return matches;
    }
    if (remembered === null) return null;
    let byId = ids.get(routes);
    if (!byId) ids.set(routes, (byId = routesById(routes)));
    const found = byId;
    return remembered.map((match) => ({
      route: found.get(match.routeId)!,
      params: { ...match.params },
      pathname: match.pathname,
      pathnameBase: match.pathnameBase,
    }));
  };
}

let installed = false;

/** Puts the memoizing `matchRoutes` in place of the library's export (once per process). */
export function memoizeRouteMatching(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = createMemoizedMatchRoutes(router.matchRoutes);
  installed = true;
}
