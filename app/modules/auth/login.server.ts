import { db } from "~/db.server";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./passwords.server";
import { checkLoginThrottle, recordLoginAttempt } from "./throttle.server";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/** Checks credentials; unknown email and wrong password give the same answer in the same time. */
export async function attemptLogin(emailInput: string, password: string, ip: string): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const throttle = await checkLoginThrottle(email, ip);
  if (!throttle.allowed) return { ok: false, reason: "throttled", retryAt: throttle.retryAt! };

  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  await recordLoginAttempt(email, ip, valid);
  if (!user || !valid) return { ok: false, reason: "invalid" };

  if (needsRehash(user.passwordHash)) {
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { ok: true, userId: user.id };
}
