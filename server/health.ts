import type { Request, Response } from "express";
import type { Database } from "../app/db.server";
import type { Fanout } from "./collab/fanout";

const TIMEOUT_MS = 2000;

/** 200 {"ok":true} when the database answers within two seconds, 503 otherwise. */
export function healthz(database: Database) {
  return async (_req: Request, res: Response): Promise<void> => {
    try {
      await Promise.race([
        database.raw.query("SELECT 1"),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error("database timeout")), TIMEOUT_MS).unref(),
        ),
      ]);
      res.status(200).json({ ok: true });
    } catch {
      res.status(503).json({ ok: false, error: "database unavailable" });
    }
  };
}

/** 200 when the database and, when configured, Redis answer: the load balancer may send traffic. */
export function readyz(database: Database, fanout: Fanout | null) {
  return async (_req: Request, res: Response): Promise<void> => {
    const databaseOk = await Promise.race([
      database.raw.query("SELECT 1").then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref()),
    ]);
    const redisOk = fanout ? await fanout.ping() : null;
    const ok = databaseOk && redisOk !== false;
    res.status(ok ? 200 : 503).json({ ok, database: databaseOk, ...(fanout ? { redis: redisOk } : {}) });
  };
}
