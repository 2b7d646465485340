import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openAdapter, type DatabaseConfig, type RawDatabase } from "./db-adapter.server";

export interface Database {
  prisma: PrismaClient;
  raw: RawDatabase;
  close(): Promise<void>;
}

// The server process and the Remix bundle may both load this module; the opened database lives on
// globalThis so there is exactly one client (and one PGlite instance per data directory) per process.
const registry = globalThis as typeof globalThis & { __acuerdoDatabase?: Database };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (registry.__acuerdoDatabase) throw new Error("The database is already open in this process");
  const { raw, factory } = await openAdapter(config);
  // pglite-prisma-adapter declares the adapter interface from its own (older) copy of
  // @prisma/driver-adapter-utils; the runtime contract is the same.
  const prisma = new PrismaClient({ adapter: factory as unknown as SqlDriverAdapterFactory });
  const database: Database = {
    prisma,
    raw,
    async close() {
      await prisma.$disconnect();
      await raw.close();
      if (registry.__acuerdoDatabase === database) registry.__acuerdoDatabase = undefined;
    },
  };
  registry.__acuerdoDatabase = database;
  return database;
}

export function getDatabase(): Database {
  const database = registry.__acuerdoDatabase;
  if (!database) throw new Error("The database has not been opened (openDatabase runs at server start)");
  return database;
}

/** The Prisma client of this process. */
export function db(): PrismaClient {
  return getDatabase().prisma;
}

export type { PrismaClient };

/**
 * Transaction options for background work (search refresh, digest assembly): it waits its turn however
 * long the database is busy (PGlite runs one transaction at a time) instead of giving up after Prisma's
 * default 2 s to start.
 */
export const BACKGROUND_TRANSACTION = { timeout: 60_000, maxWait: 60_000 } as const;
