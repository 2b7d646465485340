import { createHash, randomBytes } from "node:crypto";
import type { User } from "@prisma/client";
import { db } from "~/db.server";
import { publishAccessChange } from "./access-events";

// The session store: opaque tokens whose SHA-256 is the row id, so a leaked database holds no usable
// token. The cookie that carries a token is HTTP's business (app/http/sessions.server.ts).

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "locale" | "timeZone" | "passwordChangedAt">;

/** The signed-in user for a session token, or null when it is unknown or expired. */
export async function findSessionUser(
  token: string,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  const id = hashToken(token);
  const session = await db().session.findUnique({
    where: { id },
    select: {
      expiresAt: true,
      user: {
        select: { id: true, email: true, name: true, locale: true, timeZone: true, passwordChangedAt: true },
      },
    },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return { user: session.user, sessionId: id };
}

/** Starts a new session (a fresh token at every sign-in) and returns its token. */
export async function startSession(userId: string, userAgent: string | null): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  return token;
}

/** Ends one session; its collaboration sockets close too, on every process. */
export async function endSession(token: string): Promise<void> {
  const id = hashToken(token);
  const ended = await db().session.findUnique({ where: { id }, select: { userId: true } });
  await db().session.deleteMany({ where: { id } });
  if (ended) publishAccessChange({ type: "sessions", userId: ended.userId, sessionIds: [id] });
}

export async function destroyAllSessions(userId: string): Promise<void> {
  await db().session.deleteMany({ where: { userId } });
  publishAccessChange({ type: "sessions", userId });
}
