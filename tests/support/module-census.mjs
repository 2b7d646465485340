// A preload for the server process (NODE_OPTIONS=--import …/module-census.mjs, MODULE_CENSUS=<file>):
// every file the ES module loader loads is appended to <file> (by the hook, in the loader's thread), and
// on SIGUSR2 the CommonJS cache's files are written to <file>.cjs. tests/integration/lazy-modules.test.ts
// reads both to check which libraries a process loaded.
import Module, { register } from "node:module";
import { renameSync, writeFileSync } from "node:fs";

const file = process.env.MODULE_CENSUS;
if (!file) throw new Error("module-census.mjs needs MODULE_CENSUS=<file>");
register("./module-census-hooks.mjs", import.meta.url, { data: { file } });
process.on("SIGUSR2", () => {
  // Written whole, then renamed: the test never reads half a list.
  writeFileSync(`${file}.cjs.tmp`, Object.keys(Module._cache).join("\n"));
  renameSync(`${file}.cjs.tmp`, `${file}.cjs`);
});
