// One-click unsubscribe tokens (RFC 8058): who and which kind, signed with a key derived from the
// session secret, so the link works without signing in and cannot be forged for someone else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isOptionalKind, type OptionalKind } from "./kinds";

export type UnsubscribeKind = OptionalKind | "digest";

function signature(secret: string, payload: string): Buffer {
  const key = createHmac("sha256", secret).update("acuerdo:unsubscribe:v1").digest();
  return createHmac("sha256", key).update(payload).digest();
}

export function signUnsubscribe(secret: string, userId: string, kind: UnsubscribeKind): string {
  const payload = Buffer.from(`${userId}:${kind}`, "utf8").toString("base64url");
  return `${payload}.${signature(secret, payload).toString("base64url")}`;
}

/** The user and kind a token was made for, or null when it is malformed or its signature is wrong. */
export function verifyUnsubscribe(
  secret: string,
  token: string | null | undefined,
): { userId: string; kind: UnsubscribeKind } | null {
  if (typeof token !== "string" || token.length > 400) return null;
  const [payload, sig, extra] = token.split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = signature(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const decoded = Buffer.from(payload, "base64url").toString("utf8");
  const at = decoded.lastIndexOf(":");
  if (at <= 0) return null;
  const userId = decoded.slice(0, at);
  const kind = decoded.slice(at + 1);
  if (kind !== "digest" && !isOptionalKind(kind)) return null;
  return { userId, kind };
}
