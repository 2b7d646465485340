import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { escapeBeyondAscii } from "../../scripts/ascii-source.mjs";

/** What a function body returns, run as written. */
const run = (body: string): unknown => vm.runInThisContext(`(() => {\n${body}\n})()`);
const BEYOND_ASCII = /[\u0080-\uffff]/;

describe("the server build's sources, escaped to ASCII", () => {
  it("mean the same in strings, templates, regular expressions, identifiers and comments", () => {
    const body = [
      "// documentos, versiones (coedición) — EXPECTO PATRONUM!! 🪄",
      "const año = 'Sección § 2 · ñ';",
      "const quoted = /“(.*?)”|‘(.*?)’/u.exec('say “hola”')[1];",
      "const dash = /^\\d+\\s*[.):\\-–—]\\s*/iu.test('3 — x');",
      "const template = `${año} → 🪄`;",
      "const escaped = ['\\—', /\\–/.test('–')];",
      "return [año, quoted, dash, template, escaped, '\\\\' + 'é'];",
    ].join("\n");
    const escaped = escapeBeyondAscii(body);
    expect(escaped).not.toMatch(BEYOND_ASCII);
    expect(run(escaped)).toEqual(run(body));
    expect(run(body)).toEqual(["Sección § 2 · ñ", "hola", true, "Sección § 2 · ñ → 🪄", ["—", true], "\\é"]);
  });

  it("leaves a source without such characters as it was", () => {
    const source = "const a = '\\\\u00e9'; // plain\n";
    expect(escapeBeyondAscii(source)).toBe(source);
  });

  // npm test builds first; the build escapes both files the server loads.
  it.runIf(existsSync(path.resolve("build/server/index.js")))("holds in the built files", () => {
    for (const file of ["build/server/index.js", "build/node/server.mjs"])
      expect(readFileSync(path.resolve(file), "utf8")).not.toMatch(BEYOND_ASCII);
  });
});
