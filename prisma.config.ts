// Prisma CLI configuration: engine-less, through the same driver adapters the app uses, so the CLI
// (`prisma migrate diff`, `migrate status`) works offline on PGlite and on PostgreSQL alike.
// The app itself applies migrations at start (app/migrate.server.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapterFactory } from "./app/db-adapter.server";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    await createAdapterFactory({
      DATABASE_URL: process.env.DATABASE_URL,
      DATA_DIR: process.env.DATA_DIR,
    }),
});
