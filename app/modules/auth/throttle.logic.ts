// Sign-in throttling, decided from the recent failures alone so it is easy to test and to reason about.
// A window, not a counter that needs resetting: nobody can be locked out for longer than WINDOW_MS
// after the last failure that counted.

export const WINDOW_MS = 15 * 60 * 1000;
/** Failures per account in the window before further attempts are refused. */
export const ACCOUNT_LIMIT = 5;
/** Failures per address: higher, so one delegate's typos cannot lock out a whole office behind one NAT. */
export const IP_LIMIT = 20;

export interface ThrottleDecision {
  allowed: boolean;
  /** When the oldest counted failure leaves the window; only set when refused. */
  retryAt?: Date;
}

/** `failures` are the times of failed attempts since the last success, newest or oldest first. */
export function decideThrottle(failures: Date[], limit: number, now: Date): ThrottleDecision {
  const recent = failures
    .filter((at) => now.getTime() - at.getTime() < WINDOW_MS)
    .sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < limit) return { allowed: true };
  // Refused until enough failures age out to fall below the limit.
  const freeing = recent[recent.length - limit];
  return { allowed: false, retryAt: new Date(freeing.getTime() + WINDOW_MS) };
}

export function combineDecisions(...decisions: ThrottleDecision[]): ThrottleDecision {
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length === 0) return { allowed: true };
  const latest = Math.max(...refused.map((d) => d.retryAt!.getTime()));
  return { allowed: false, retryAt: new Date(latest) };
}
