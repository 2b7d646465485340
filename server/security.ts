import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { isSameOriginRequest } from "../app/modules/auth/origin";

/** The origin the app is served from: APP_ORIGIN when set, else what the request says it reached. */
export function expectedOrigin(req: Request, appOrigin: string | undefined): string {
  return appOrigin ?? `${req.protocol}://${req.get("host")}`;
}

/** Per-request nonce for Remix's inline scripts; no other inline script may run. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // ProseMirror and the caret plugin set style attributes; styles cannot run code.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}

/** Refuses state-changing requests that did not come from one of our own pages. */
export function refuseCrossOrigin(appOrigin: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const ok = isSameOriginRequest(
      req.method,
      { origin: req.get("origin"), referer: req.get("referer") },
      expectedOrigin(req, appOrigin),
    );
    if (ok) return next();
    res
      .status(403)
      .type("text/plain")
      .send("Cross-origin request refused: this request did not come from an Acuerdo page.");
  };
}
