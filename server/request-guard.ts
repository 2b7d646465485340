import type { NextFunction, Request, Response } from "express";
import { IMPORT_BODY_LIMIT_BYTES } from "../app/modules/word/import-limits";

// The web boundary before Remix: a request body larger than the limit is refused before a byte of it
// is parsed (413), a body of unknown length is not taken (411), and a path or query the app could not
// read safely (a NUL byte, percent-encoding that does not decode) gets 400, not a stack trace.

/** The largest request body accepted on any route (forms are small; the largest is a report's front matter). */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Word uploads take a larger body on purpose: their route counts the bytes itself as they arrive and
 * answers a file over 10 MB with its own message, so the guard only stops what the route would not
 * even drain (four times its limit).
 */
const WORD_IMPORT_PATH = /^\/g\/[^/?#]+\/papers\/(?:import|[^/?#]+\/import-translation)(?:[?#]|$)/;

/** The body limit for one request target. */
export function bodyLimitFor(target: string, limit = DEFAULT_BODY_LIMIT): number {
  return WORD_IMPORT_PATH.test(target) ? Math.max(limit, 4 * IMPORT_BODY_LIMIT_BYTES) : limit;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function refuse(res: Response, status: number, en: string, es: string): void {
  res.status(status);
  res
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>${status}</title></head><body>` +
        `<main><p lang="en">${en}</p><p lang="es">${es}</p><p><a href="/">Acuerdo</a></p></main></body></html>`,
    );
}

/** True when every percent-escape of `text` decodes and nothing in it is a NUL or other C0 control byte. */
export function isReadableTarget(target: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.replace(/\+/g, " "));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded);
}

export function requestGuard(limit = DEFAULT_BODY_LIMIT) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isReadableTarget(req.originalUrl)) {
      return refuse(
        res,
        400,
        "This address could not be read. Check the link and try again.",
        "No se pudo leer esta dirección. Revise el enlace e inténtelo de nuevo.",
      );
    }
    if (BODY_METHODS.has(req.method)) {
      const declared = req.headers["content-length"];
      if (declared === undefined && req.headers["transfer-encoding"] !== undefined) {
        return refuse(
          res,
          411,
          "Acuerdo needs to know the size of what you send. Nothing was changed.",
          "Acuerdo necesita saber el tamaño de lo que envía. No se cambió nada.",
        );
      }
      if (declared !== undefined && Number(declared) > bodyLimitFor(req.originalUrl, limit)) {
        // The body is never parsed nor kept: what arrives is read and thrown away (so the sender sees this
        // answer rather than a broken pipe); nothing of it is kept.
        req.resume();
        return refuse(
          res,
          413,
          "What you sent is larger than Acuerdo accepts, so nothing was saved. Shorten it and try again.",
          "Lo que envió es más grande de lo que Acuerdo acepta, así que no se guardó nada. Acórtelo e inténtelo de nuevo.",
        );
      }
    }
    next();
  };
}
