import { createRequire } from "node:module";
import type { AgnosticRouteMatch, AgnosticRouteObject } from "@remix-run/router";

/**
 * Work Remix 2 repeats on every page for answers that depend only on the build, remembered.
 *
 * Route matching. Remix answers "which routes match this URL" with `matchRoutes` of
 * `@remix-run/router`, which flattens, ranks and compiles (one RegExp per route and call) the whole
 * route table on every call, and a page asks it several times: the request handler once, and the server
 * render once for each parent path of the URL (to list the routes of the first page's manifest). In a
 * profile of the signed-in pages that was 12 % of the server's CPU. `createMemoizedMatchRoutes`
 * remembers, per route table and path, which route ids matched with which params, and hands back
 * matches built from the caller's own route objects (the render builds a fresh table of equal routes
 * for each request). The library's own function still computes every answer the first time;
 * `tests/unit/remix-route-memo.test.ts` checks the answers are the same as its, for every route of this
 * app and for odd paths.
 *
 * The render's route table. The server render builds its routes from the build's manifest and route
 * modules on every page (`createServerRoutes`, 3 % of a page), and hands them to `createStaticRouter`,
 * which copies them. `createMemoizedServerRoutes` builds them once per manifest and modules.
 *
 * Both replace a function these libraries call through their modules' exports (Remix's server runtime
 * and render call `router.matchRoutes`, its render `routes.createServerRoutes`); `memoizeRemixRoutes()`
 * puts them in place once per process, before the build is loaded.
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

type CreateServerRoutes = (
  manifest: object,
  routeModules: object,
  future: unknown,
  isSpaMode: unknown,
  ...rest: unknown[]
) => unknown;

/**
 * A `createServerRoutes` that builds the routes once per manifest, route modules and flags. The server
 * runtime hands it a new object of route modules on every page (the same modules by the same ids), so
 * the modules are compared one by one. Exported for the tests.
 */
export function createMemoizedServerRoutes(build: CreateServerRoutes): CreateServerRoutes {
  const built = new WeakMap<object, { modules: Map<string, unknown>; flags: string; routes: unknown }[]>();
  const sameModules = (seen: Map<string, unknown>, routeModules: Record<string, unknown>) => {
    let count = 0;
    for (const id in routeModules) {
      if (seen.get(id) !== routeModules[id]) return false;
      count += 1;
    }
    return count === seen.size;
  };
  return (manifest, routeModules, future, isSpaMode, ...rest) => {
    // Its own recursive calls (a parent's children) pass more arguments and never come here; any caller
    // that does is left to the library.
    if (rest.length > 0 || typeof manifest !== "object" || typeof routeModules !== "object")
      return build(manifest, routeModules, future, isSpaMode, ...rest);
    const modules = routeModules as Record<string, unknown>;
    const flags = JSON.stringify([future ?? null, isSpaMode ?? null]);
    let entries = built.get(manifest);
    if (!entries) built.set(manifest, (entries = []));
    const found = entries.find((entry) => entry.flags === flags && sameModules(entry.modules, modules));
    if (found) return found.routes;
    const routes = build(manifest, routeModules, future, isSpaMode);
    // A handful at most (one per build and flags); bounded all the same.
    if (entries.length >= 8) entries.shift();
    entries.push({ modules: new Map(Object.entries(modules)), flags, routes });
    return routes;
  };
}

let installed = false;

/** Puts the memoizing functions in place of the libraries' exports (once per process). */
export function memoizeRemixRoutes(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = createMemoizedMatchRoutes(router.matchRoutes);
  const routes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: CreateServerRoutes };
  routes.createServerRoutes = createMemoizedServerRoutes(routes.createServerRoutes);
  installed = true;
}
