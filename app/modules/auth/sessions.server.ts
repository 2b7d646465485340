import { createHash, randomBytes } from "node:crypto";
import type { User } from "@prisma/client";
import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";
import { publishAccessChange } from "./access-events";

// The session store: opaque tokens whose SHA-256 is the row id, so a leaked database holds no usable
// token. The cookie that carries a token is HTTP's business (app/http/sessions.server.ts).

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "locale" | "timeZone" | "passwordChangedAt">;

/**
 * The columns a session's user is read from, of `Session s` joined with `User u` (findSessionUser; the
 * collaboration upgrade reads them in its one statement with the paper and the membership).
 */
export const SESSION_USER_COLUMNS = `${epochMs('s."expiresAt"')} AS "expiresAt", u.id, u.email, u.name,
  u.locale, u."timeZone", ${epochMs('u."passwordChangedAt"')} AS "passwordChangedAt"`;

/** The user of a row of SESSION_USER_COLUMNS, or null when there is none or the session has expired. */
export function sessionUserFromRow(
  row: SessionRow | undefined,
  sessionId: string,
): { user: SessionUser; sessionId: string } | null {
  if (!row?.id || row.expiresAt <= Date.now()) return null;
  const { id: userId, email, name, locale, timeZone } = row;
  return {
    user: { id: userId, email, name, locale, timeZone, passwordChangedAt: new Date(row.passwordChangedAt) },
    sessionId,
  };
}

/** The signed-in user for a session token, or null when it is unknown or expired. */
export async function findSessionUser(
  token: string,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  return (await findSessionUserWith(token, "")) ?? null;
}

/**
 * The signed-in user for a session token with more columns of the same row (`extraColumns`: SQL over
 * `u`, the user, each `AS` a name; "" for none), in one statement; null when the session is unknown or
 * expired. Every page's header asks its counts this way (app/http/sessions.server.ts).
 */
export async function findSessionUserWith<Extra extends object>(
  token: string,
  extraColumns: string,
): Promise<{ user: SessionUser; sessionId: string; extra: Extra } | null> {
  const id = hashToken(token);
  // Plain SQL: every request and every collaboration upgrade asks this (app/sql.server.ts).
  const [row] = await sqlRows<SessionRow & Extra>(
    `SELECT ${SESSION_USER_COLUMNS}${extraColumns ? `, ${extraColumns}` : ""}
       FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`,
    [id],
  );
  const found = sessionUserFromRow(row, id);
  return found ? { ...found, extra: row } : null;
}

export interface SessionRow {
  expiresAt: number;
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  passwordChangedAt: number;
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
