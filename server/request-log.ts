import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { log } from "./log";

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The path as logged: invitation tokens are secrets and never reach the log. */
export function loggablePath(path: string): string {
  return path.replace(/^\/invite\/[^/?]+/, "/invite/:token");
}

/** One JSON line per request with a request id (taken from X-Request-Id when a proxy set one). */
export function requestLog(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get("x-request-id");
  const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader("X-Request-Id", id);
  const start = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/build/")) return;
    log.info(
      {
        reqId: id,
        method: req.method,
        path: loggablePath(req.path),
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
      },
      "request",
    );
  });
  next();
}
