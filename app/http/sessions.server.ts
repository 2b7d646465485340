import { createCookie, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import { oncePerRequest } from "~/http/request-scope.server";
import {
  endSession,
  findSessionUser,
  findSessionUserWith,
  hashToken,
  SESSION_TTL_MS,
  startSession,
  type SessionUser,
} from "~/modules/auth/sessions.server";
import { unreadCountSql } from "~/modules/inbox/inbox.server";
import { chooseHeaderSearchSlug, memberGroupSlugsSql } from "~/modules/search/header-search";

// The session cookie: a signed, HttpOnly, SameSite=Lax cookie carrying the session token.

export type { SessionUser } from "~/modules/auth/sessions.server";
export { safeRedirect } from "~/modules/auth/safe-redirect";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("acuerdo_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [env().SESSION_SECRET],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** The session token a cookie header carries (signed by us), or null. */
export async function readSessionToken(cookieHeader: string | null): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(cookieHeader);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * `readSessionToken` once per request (app/http/request-scope.server.ts). The loaders that wait for it
 * resume in the same turn, so the reads they then ask (the header's session, the group's membership)
 * go to the database together.
 */
function requestSessionToken(cookieHeader: string | null): Promise<string | null> {
  return oncePerRequest(`token:${cookieHeader ?? ""}`, () => readSessionToken(cookieHeader));
}

/** The id of the session the request's cookie names (not yet checked to exist or be valid), or null. */
export async function requestSessionId(request: Request): Promise<string | null> {
  const token = await requestSessionToken(request.headers.get("Cookie"));
  return token ? hashToken(token) : null;
}

/** The signed-in user for a cookie header (used by Remix loaders and by the WebSocket upgrade). */
export async function getUserFromCookieHeader(
  cookieHeader: string | null,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  const token = await readSessionToken(cookieHeader);
  return token ? findSessionUser(token) : null;
}

/**
 * The root, the group layout and the page each ask for the user of the same request: asked once per
 * request (app/http/request-scope.server.ts), keyed by the cookie header.
 */
export function getUser(request: Request): Promise<SessionUser | null> {
  const cookieHeader = request.headers.get("Cookie");
  return oncePerRequest(`user:${cookieHeader ?? ""}`, () =>
    requestSessionToken(cookieHeader).then(async (token) =>
      token ? ((await findSessionUser(token))?.user ?? null) : null,
    ),
  );
}

/** The signed-in user and what the header of every page shows of them. */
export interface PageHeader {
  user: SessionUser;
  /** Unread notifications (app/modules/inbox). */
  unread: number;
  /** The group the header's search box searches (app/modules/search/header-search.ts). */
  searchSlug: string | null;
}

/**
 * The root's reads, asked by every page: the session's user, the unread count and the person's groups,
 * in one statement (three were 2 of a page's ~15 round trips). The user is then the request's user for
 * `getUser` too, when the root asks first (it does: Remix starts the loaders in route order).
 */
export function getPageHeader(request: Request): Promise<PageHeader | null> {
  const cookieHeader = request.headers.get("Cookie");
  const header = oncePerRequest(`header:${cookieHeader ?? ""}`, async () => {
    const token = await requestSessionToken(cookieHeader);
    if (!token) return null;
    const found = await findSessionUserWith<{ unread: number; slugs: string[] }>(
      token,
      `${unreadCountSql("u.id")} AS unread, ${memberGroupSlugsSql("u.id")} AS slugs`,
    );
    if (!found) return null;
    const { extra } = found;
    return {
      user: found.user,
      unread: extra.unread,
      searchSlug: chooseHeaderSearchSlug(extra.slugs, new URL(request.url).pathname),
    };
  });
  void oncePerRequest(`user:${cookieHeader ?? ""}`, () => {
    const user = header.then((found) => found?.user ?? null);
    // Whoever awaits it sees a failure; nobody awaiting it is no unhandled rejection.
    user.catch(() => undefined);
    return user;
  });
  return header;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Starts a new session and returns the Set-Cookie header. */
export async function createSession(request: Request, userId: string): Promise<string> {
  const token = await startSession(userId, request.headers.get("User-Agent"));
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

/** Ends the session on the server and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request.headers.get("Cookie"));
  if (token) await endSession(token);
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}
