// Forgotten passwords: a single-use link (only its SHA-256 stored) that lasts an hour and dies with any
// password change. Asking gives the same answer, in the same time, whether the address has an account.
import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { asRecipient, enqueueAlwaysMail } from "~/modules/mail/outbox.server";
import { publicOrigin } from "~/modules/mail/public-origin";
import { hashPassword } from "./passwords.server";
import { resetLinkState } from "./password-reset.logic";
import { destroyAllSessions, hashToken } from "./sessions.server";
import {
  ACCOUNT_LIMIT,
  IP_LIMIT,
  WINDOW_MS,
  combineDecisions,
  decideThrottle,
  type ThrottleDecision,
} from "./throttle.logic";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Every request takes at least this long, so an unknown address answers no faster than a known one. */
export const RESET_REQUEST_FLOOR_MS = 400;

async function throttle(email: string, ip: string, now: Date): Promise<ThrottleDecision> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db().passwordResetRequest.findMany({
      where: { email, createdAt: { gte: since } },
      select: { createdAt: true },
      take: 200,
    }),
    db().passwordResetRequest.findMany({
      where: { ip, createdAt: { gte: since } },
      select: { createdAt: true },
      take: 200,
    }),
  ]);
  return combineDecisions(
    decideThrottle(
      byAccount.map((r) => r.createdAt),
      ACCOUNT_LIMIT,
      now,
    ),
    decideThrottle(
      byIp.map((r) => r.createdAt),
      IP_LIMIT,
      now,
    ),
  );
}

export type ResetRequestResult = { ok: true } | { ok: false; retryAt: Date };

/** Mails a reset link when the address has an account; the answer is the same either way. */
export async function requestPasswordReset(emailInput: string, ip: string): Promise<ResetRequestResult> {
  const started = Date.now();
  const now = new Date();
  const email = emailInput.trim().toLowerCase();
  try {
    const decision = await throttle(email, ip, now);
    if (!decision.allowed) return { ok: false, retryAt: decision.retryAt! };
    await db().$transaction(async (tx) => {
      await tx.passwordResetRequest.create({ data: { email, ip } });
      const user = await tx.user.findUnique({
        where: { email },
        select: { id: true, email: true, name: true, locale: true, timeZone: true },
      });
      if (!user) return;
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
      await tx.passwordReset.create({
        data: { userId: user.id, tokenHash: hashToken(token), expiresAt, createdAt: now },
      });
      await enqueueAlwaysMail(
        tx,
        { userId: user.id, email: user.email, groupId: null },
        {
          kind: "password.reset",
          link: `${publicOrigin()}/reset-password/${token}`,
          expiresAt: expiresAt.toISOString(),
        },
        asRecipient(user),
      );
    });
    return { ok: true };
  } finally {
    const left = RESET_REQUEST_FLOOR_MS - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** The reset a token stands for while it is usable: not used, not expired, no password change since. */
async function usableReset(token: string, now: Date) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      userId: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { passwordChangedAt: true } },
    },
  });
  if (!reset || resetLinkState(reset, reset.user.passwordChangedAt, now) !== "usable") return null;
  return reset;
}

export async function isResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
  return (await usableReset(token, now)) !== null;
}

/**
 * Sets a new password from a reset link: the link is used up (a conditional update, so two submits
 * cannot both succeed), and every session of the account ends.
 */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<boolean> {
  const reset = await usableReset(token, now);
  if (!reset) return false;
  const passwordHash = await hashPassword(password);
  const done = await db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    // A password change since the link was made (checked again here) also voids it.
    const changed = await tx.user.updateMany({
      where: { id: reset.userId, passwordChangedAt: { lte: reset.createdAt } },
      data: { passwordHash, passwordChangedAt: now },
    });
    return changed.count === 1;
  });
  if (done) await destroyAllSessions(reset.userId);
  return done;
}
