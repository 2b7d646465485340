import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/support/fail-on-console-error.ts"],
    // A seeded embedded database that test servers on PGlite start from a copy of.
    globalSetup: ["tests/support/global-setup.ts"],
    environment: "node",
    pool: "forks",
    // Two cores: integration and browser files start real server processes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
