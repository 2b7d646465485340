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
  const prisma = new PrismaClient({
    adapter: factory as unknown as SqlDriverAdapterFactory,
    transactionOptions: ACTION_TRANSACTION,
  });
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
 * Every transaction's defaults. The embedded database runs one transaction at a time, so a person's
 * action may wait behind a compaction, a digest or someone else's save: it waits up to 10 s for its
 * turn (Prisma's default, 2 s, failed actions under load with "Unable to start a transaction in the
 * given time") and may then run 15 s (default 5 s). On PostgreSQL the wait is for a pooled connection.
 */
export const ACTION_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Transaction options for background work (search refresh, digest assembly): it waits its turn however
 * long the database is busy (PGlite runs one transaction at a time) instead of giving up after Prisma's
 * default 2 s to start.
 */
export const BACKGROUND_TRANSACTION = { timeout: 60_000, maxWait: 60_000 } as const;
