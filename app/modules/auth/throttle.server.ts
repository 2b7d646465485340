import { db } from "~/db.server";
import {
  ACCOUNT_LIMIT,
  IP_LIMIT,
  WINDOW_MS,
  combineDecisions,
  decideThrottle,
  type ThrottleDecision,
} from "./throttle.logic";

async function failuresSinceLastSuccess(
  where: { email: string } | { ip: string },
  since: Date,
): Promise<Date[]> {
  const rows = await db().loginAttempt.findMany({
    where: { ...where, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { succeeded: true, createdAt: true },
    take: 200,
  });
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.succeeded) break;
    failures.push(row.createdAt);
  }
  return failures;
}

export async function checkLoginThrottle(
  email: string,
  ip: string,
  now = new Date(),
): Promise<ThrottleDecision> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    failuresSinceLastSuccess({ email }, since),
    // Per address, successes of other accounts do not forgive failures.
    db()
      .loginAttempt.findMany({
        where: { ip, succeeded: false, createdAt: { gte: since } },
        select: { createdAt: true },
        take: 200,
      })
      .then((rows) => rows.map((r) => r.createdAt)),
  ]);
  return combineDecisions(decideThrottle(byAccount, ACCOUNT_LIMIT, now), decideThrottle(byIp, IP_LIMIT, now));
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean): Promise<void> {
  await db().loginAttempt.create({ data: { email, ip, succeeded } });
}
