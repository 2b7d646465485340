// The background loops' one question (is there any work?) against what each job itself would pick up, on
// both databases: the vote scheduler's three jobs at instants around the demo's open vote's deadline, and
// the mail sender's due messages and digests. A check that said "nothing" wrongly would leave votes open
// and mail unsent; one that said "something" wrongly would cost the event loop what it was meant to save.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db.server";
import { loadEnv, setEnv } from "~/env.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { mailWorkDue } from "~/modules/mail/sender.server";
import { digestDue } from "~/modules/mail/digest-schedule";
import { voteWorkDue } from "~/modules/votes/scheduler.server";
import { SETTLE_GRACE_MS } from "~/modules/votes/suggestion-votes.server";
import { openSeeded } from "../support/fresh-database";
import { databaseTargets } from "../support/services";

const HOUR = 3600_000;

describe.each(databaseTargets())("the background loops' question (%s)", (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    setEnv(loadEnv({ ...process.env, SESSION_SECRET: "s".repeat(40) }));
    ({ database, cleanup } = await openSeeded(target));
  }, 120_000);
  afterAll(async () => {
    await cleanup();
  });

  /** What each of the scheduler's jobs would pick up at `now` (their own Prisma queries' conditions). */
  async function jobsAt(now: Date) {
    const prisma = database.prisma;
    const [overdue, unsettled, remind] = await Promise.all([
      prisma.vote.count({ where: { status: "OPEN", deadline: { lte: now } } }),
      prisma.vote.count({
        where: {
          status: "CLOSED",
          suggestionId: { not: null },
          suggestionSettledAt: null,
          closedAt: { lte: new Date(now.getTime() - SETTLE_GRACE_MS) },
        },
      }),
      prisma.vote.count({
        where: {
          status: "OPEN",
          reminderSentAt: null,
          deadline: { gt: now, lte: new Date(now.getTime() + 24 * HOUR) },
        },
      }),
    ]);
    return { overdue: overdue > 0, unsettled: unsettled > 0, remind: remind > 0 };
  }

  it("says which vote jobs have work exactly when the jobs would find some, to the millisecond", async () => {
    const open = await database.prisma.vote.findFirstOrThrow({
      where: { status: "OPEN" },
      orderBy: { deadline: "asc" },
      select: { deadline: true },
    });
    const deadline = open.deadline.getTime();
    const instants = [
      deadline - 25 * HOUR,
      deadline - 24 * HOUR - 1,
      deadline - HOUR,
      deadline - 1,
      deadline,
    ];
    const seen = new Set<string>();
    for (const ms of instants) {
      const now = new Date(ms);
      const answer = await voteWorkDue(now);
      expect(answer, now.toISOString()).toEqual(await jobsAt(now));
      seen.add(JSON.stringify(answer));
    }
    // The instants cover a quiet moment, a reminder due and a vote overdue.
    expect(await voteWorkDue(new Date(deadline - 25 * HOUR))).toMatchObject({
      overdue: false,
      remind: false,
    });
    expect(await voteWorkDue(new Date(deadline - HOUR))).toMatchObject({ overdue: false, remind: true });
    expect(await voteWorkDue(new Date(deadline))).toMatchObject({ overdue: true });
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it("says a message is due once one is queued, and a digest exactly when someone's is due", async () => {
    const now = new Date();
    const before = await mailWorkDue(now);
    const pending = await database.prisma.outboxMessage.count({ where: { status: "PENDING" } });
    expect(before.messages).toBe(pending > 0);

    const user = await database.prisma.user.findFirstOrThrow({ select: { id: true, email: true } });
    await enqueueMail(database.prisma, {
      userId: user.id,
      groupId: null,
      toEmail: user.email,
      kind: "digest",
      mail: { subject: "Probe", text: "Probe", html: "<p>Probe</p>" },
    });
    expect((await mailWorkDue(new Date(Date.now() + 1000))).messages).toBe(true);
    // Not before the message's first attempt is due.
    expect((await mailWorkDue(new Date(now.getTime() - HOUR))).messages).toBe(before.messages);

    // Digests: the people with items waiting, through the same schedule the sender uses.
    const waiting = await database.prisma.user.findMany({
      where: { digestItems: { some: { digestedAt: null } } },
      select: { timeZone: true, digestHour: true, digestSentOn: true },
    });
    for (const hour of [0, 6, 12, 18]) {
      const at = new Date(Date.UTC(2026, 11, 1, hour, 30));
      const expected = waiting.some((person) => digestDue(at, person) !== null);
      expect((await mailWorkDue(at)).digests, at.toISOString()).toBe(expected);
    }
  });
});
