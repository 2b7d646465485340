// Runs `prisma generate` from the project's own postinstall (npm 11 skips dependencies' scripts).
// Prisma's CLI wants DATABASE_URL to be set even though the client is engine-less; any value works.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgres://placeholder@localhost/placeholder",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--no-hints"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
