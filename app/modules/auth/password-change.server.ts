import { db } from "~/db.server";
import { attemptLogin, type LoginResult } from "./login.server";
import { hashPassword } from "./passwords.server";
import { destroyAllSessions } from "./sessions.server";

/**
 * Changes a password after checking the current one (throttled like a sign-in, so it cannot be used to
 * guess it). Every session of the account ends, its collaboration sockets close; the caller starts a
 * fresh session for the browser that asked.
 */
export async function changePassword(
  user: { id: string; email: string },
  current: string,
  next: string,
  ip: string,
): Promise<Exclude<LoginResult, { ok: true }> | { ok: true }> {
  const check = await attemptLogin(user.email, current, ip);
  if (!check.ok) return check;
  await db().user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(next), passwordChangedAt: new Date() },
  });
  await destroyAllSessions(user.id);
  return { ok: true };
}
