// Once per `vitest run`, in the main process: an empty directory for the seeded PGlite template that
// test servers start from (tests/support/pglite-template.ts makes it on first use), removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-pglite-template-"));
  project.provide("pgliteTemplateDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
