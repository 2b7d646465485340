// `npm test`: builds the app (integration and browser tests run the real server), runs every vitest
// suite once, and ends with the plain total `N passed, N failed` that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const run = (command, args, extraEnv = {}) =>
  spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } }).status ?? 1;

if (!existsSync("node_modules/.prisma/client/index.js"))
  run(process.execPath, ["scripts/prisma-generate.mjs"]);
if (run("npm", ["run", "build"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

// The type checker is a test too: a type error counts as one failure but the suites still run.
// CI sets TYPECHECKED=1 when `npm run lint`, which ends with the same check, has just passed.
const typecheckFailed = process.env.TYPECHECKED !== "1" && run("npx", ["tsc", "--noEmit"]) !== 0;
if (typecheckFailed) console.log("Type check failed (npx tsc --noEmit).");

mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
const status = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed = results.numPassedTests ?? 0;
  failed = results.numFailedTests ?? 0;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  // A file that failed to load has no tests to count: count it as one failure so it cannot pass silently.
  for (const file of results.testResults ?? [])
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed += 1;
} else {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
if (typecheckFailed) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status === 0 && !typecheckFailed && passed > 0 ? 0 : 1);
