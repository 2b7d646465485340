// Compiles the server (server/index.ts and what it imports from app/ and prisma/) into one ESM file,
// build/node/server.mjs, with every package left to node_modules. `npm start` runs that file with plain
// Node: no TypeScript loader at run time (under `node --import tsx`, loading the built Remix app cost
// 253 MB of RSS instead of 107 MB; README, "The server runs built").
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { escapeBeyondAscii } from "./ascii-source.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "build/node");

/** Bare specifiers are packages (kept as imports); `~/…` is the app's own alias for app/ (bundled). */
const packagesStayExternal = {
  name: "packages-stay-external",
  setup(b) {
    b.onResolve({ filter: /^[^./~]|^~[^/]/ }, (args) => ({ path: args.path, external: true }));
  },
};

await build({
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [packagesStayExternal],
  tsconfig: path.join(root, "tsconfig.json"),
  entryPoints: {
    server: path.join(root, "server/index.ts"),
    // The .docx converter's worker thread (server/word/converter.ts starts `./word-worker.mjs` next to it).
    "word-worker": path.join(root, "server/word/worker-main.ts"),
  },
  outdir: out,
  outExtension: { ".js": ".mjs" },
});
mkdirSync(out, { recursive: true });
// The embedded database's worker thread is plain JavaScript already (app/pglite-client.server.ts starts
// `./pglite-worker.mjs` next to it).
copyFileSync(path.join(root, "app/pglite-worker.mjs"), path.join(out, "pglite-worker.mjs"));

// V8 keeps a loaded script's source in two bytes per character if one character is beyond Latin-1.
for (const file of ["build/server/index.js", "build/node/server.mjs"]) {
  const full = path.join(root, file);
  const source = readFileSync(full, "utf8");
  const escaped = escapeBeyondAscii(source);
  if (escaped !== source) writeFileSync(full, escaped);
}
