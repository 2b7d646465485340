// Whether a password reset link may still be used: once, within its hour, and only while the password
// is the one it was issued for (any change since, by a reset or in the settings, voids it).

export interface ResetLink {
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type ResetLinkState = "usable" | "used" | "expired" | "superseded";

export function resetLinkState(link: ResetLink, passwordChangedAt: Date, now: Date): ResetLinkState {
  if (link.usedAt) return "used";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  if (passwordChangedAt.getTime() > link.createdAt.getTime()) return "superseded";
  return "usable";
}
