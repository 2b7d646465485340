import { db } from "~/db.server";
import { effectivePreferences, MAIL_MODES, OPTIONAL_KINDS, type MailMode } from "./kinds";
import type { PreferencesInput } from "./preferences.schema";
import type { UnsubscribeKind } from "./unsubscribe-token";

export async function getPreferences(userId: string) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { digestHour: true, timeZone: true, mailPreferences: { select: { kind: true, mode: true } } },
  });
  const stored = new Map<string, MailMode>(user.mailPreferences.map((p) => [p.kind, p.mode]));
  return { modes: effectivePreferences(stored), digestHour: user.digestHour, timeZone: user.timeZone };
}

export async function savePreferences(userId: string, input: PreferencesInput): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const kind of OPTIONAL_KINDS) {
      const mode = input.modes[kind];
      await tx.mailPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, mode },
        update: { mode },
      });
    }
    await tx.user.update({
      where: { id: userId },
      data: { digestHour: input.digestHour, timeZone: input.timeZone },
    });
  });
}

/**
 * Turns one kind off (or, for the digest, every kind now in the digest), from a signed unsubscribe
 * link. Returns false when the account no longer exists.
 */
export async function unsubscribe(userId: string, kind: UnsubscribeKind): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { mailPreferences: { select: { kind: true, mode: true } } },
    });
    if (!user) return false;
    const modes = effectivePreferences(new Map(user.mailPreferences.map((p) => [p.kind, p.mode])));
    const kinds = kind === "digest" ? OPTIONAL_KINDS.filter((k) => modes[k] === "DIGEST") : [kind];
    for (const k of kinds)
      await tx.mailPreference.upsert({
        where: { userId_kind: { userId, kind: k } },
        create: { userId, kind: k, mode: "OFF" },
        update: { mode: "OFF" },
      });
    if (kind === "digest")
      await tx.digestItem.updateMany({
        where: { userId, digestedAt: null },
        data: { digestedAt: new Date() },
      });
    return true;
  });
}

export { MAIL_MODES };
