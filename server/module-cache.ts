import Module from "node:module";

/** React's and use-sync-external-store's development builds: `cjs/<name>.development.js`. */
const DEVELOPMENT_BUILD = /[\\/]cjs[\\/].+\.development\.js$/;

/**
 * Forgets the CommonJS files Node's ESM loader read only to list their exports, and never ran.
 *
 * When an ES module imports a CommonJS package, Node 20 scans the package's entry file for its export
 * names, and follows every `module.exports = require(…)` the scan finds, whether or not that line ever
 * runs. React's entry files choose their build with `if (process.env.NODE_ENV === "production")`, so
 * importing `react`, `react-dom` and `react/jsx-runtime` from the Remix build reads the development
 * builds too (react-dom.development.js alone is 1 MB). Each file read that way stays in the CommonJS
 * cache with its source, for the life of the process, though it never runs: 2.2 MB of heap in this
 * server (issue 19, idle memory).
 *
 * Called once the app is loaded, this drops the entries of development builds that never ran (`loaded` is
 * still false). Nothing refers to them: they have no exports anyone holds, and a later `require` of the
 * same file would read it again. Only development builds: an unrun entry of any other file may be one
 * an import still in progress is about to run, and must stay. The server calls this in production only,
 * where a development build never runs. Returns the files it forgot.
 */
export function forgetUnrunDevelopmentBuilds(): string[] {
  const cache = (Module as unknown as { _cache: Record<string, { loaded: boolean } | undefined> })._cache;
  const forgotten: string[] = [];
  for (const [file, module] of Object.entries(cache)) {
    if (module && !module.loaded && DEVELOPMENT_BUILD.test(file)) {
      delete cache[file];
      forgotten.push(file);
    }
  }
  return forgotten;
}
