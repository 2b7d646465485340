import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { User } from "@prisma/client";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { publishAccessChange } from "./access-events";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const COOKIE_NAME = "acuerdo_session";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie(COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [env().SESSION_SECRET],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export type SessionUser = Pick<User, "id" | "email" | "name" | "locale" | "timeZone" | "passwordChangedAt">;

async function readToken(cookieHeader: string | null): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(cookieHeader);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user for a cookie header (used by Remix loaders and by the WebSocket upgrade). */
export async function getUserFromCookieHeader(
  cookieHeader: string | null,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  const token = await readToken(cookieHeader);
  if (!token) return null;
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

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getUserFromCookieHeader(request.headers.get("Cookie")))?.user ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Starts a new session (a fresh id at every sign-in) and returns the Set-Cookie header. */
export async function createSession(request: Request, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

/** Ends the session on the server and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request.headers.get("Cookie"));
  if (token) {
    const id = hashToken(token);
    const ended = await db().session.findUnique({ where: { id }, select: { userId: true } });
    await db().session.deleteMany({ where: { id } });
    // Its collaboration sockets close too, on every process.
    if (ended) publishAccessChange({ type: "sessions", userId: ended.userId, sessionIds: [id] });
  }
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

export async function destroyAllSessions(userId: string): Promise<void> {
  await db().session.deleteMany({ where: { userId } });
  publishAccessChange({ type: "sessions", userId });
}

export { safeRedirect } from "./safe-redirect";
