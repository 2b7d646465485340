import { env } from "~/env.server";
import { db } from "~/db.server";
import { sqlRows, utcTimestamp } from "~/sql.server";
import { notify } from "./notify.server";
import { SETTLE_GRACE_MS, settleClosedSuggestionVotes } from "./suggestion-votes.server";
import { closeVote } from "./votes.server";

const REMINDER_AHEAD_MS = 24 * 3600_000;

/** Which of the scheduler's three jobs has anything to do ($1 now, $2 now - grace, $3 now + 24 h). */
const VOTE_WORK = `
  SELECT EXISTS (SELECT 1 FROM "Vote" WHERE status = 'OPEN' AND deadline <= $1::timestamp) AS overdue,
         EXISTS (SELECT 1 FROM "Vote"
                  WHERE status = 'CLOSED' AND "suggestionId" IS NOT NULL AND "suggestionSettledAt" IS NULL
                    AND "closedAt" <= $2::timestamp) AS unsettled,
         EXISTS (SELECT 1 FROM "Vote"
                  WHERE status = 'OPEN' AND "reminderSentAt" IS NULL
                    AND deadline > $1::timestamp AND deadline <= $3::timestamp) AS remind`;

/**
 * One prepared statement says which jobs have work. Nearly every tick has none, and asking each job
 * through Prisma cost the event loop ~2.5 ms a query (compiling it), every few seconds, between editors'
 * updates; each job still checks its own rows when it runs.
 */
export async function voteWorkDue(now = new Date()) {
  const [row] = await sqlRows<{ overdue: boolean; unsettled: boolean; remind: boolean }>(VOTE_WORK, [
    utcTimestamp(now),
    utcTimestamp(new Date(now.getTime() - SETTLE_GRACE_MS)),
    utcTimestamp(new Date(now.getTime() + REMINDER_AHEAD_MS)),
  ]);
  return row;
}

/**
 * Closes votes at their deadline even when nobody is looking, and sends the 24-hour reminders.
 * Runs at start (closing every vote that fell due while the server was down) and every few seconds.
 * Several processes may run it: closing is a conditional update, so each vote closes exactly once.
 */
export function startVoteScheduler(onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        const due = await voteWorkDue();
        if (due.overdue) await closeOverdueVotes();
        // A silence procedure on a suggestion whose closing process stopped before the text followed.
        if (due.unsettled) await settleClosedSuggestionVotes();
        if (due.remind) await sendReminders();
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
  };
  tick();
  const timer = setInterval(tick, env().VOTE_SCHEDULER_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Closes every open vote whose deadline has passed; safe to run in several processes at once. */
export async function closeOverdueVotes(now = new Date()): Promise<number> {
  const overdue = await db().vote.findMany({
    where: { status: "OPEN", deadline: { lte: now } },
    select: { id: true },
    take: 100,
  });
  let closed = 0;
  for (const vote of overdue) if (await closeVote(vote.id, null, now)) closed += 1;
  return closed;
}

/** 24 hours before the deadline, reminds the eligible voters who have not taken a stance (once per vote). */
export async function sendReminders(now = new Date()): Promise<number> {
  const soon = await db().vote.findMany({
    where: {
      status: "OPEN",
      reminderSentAt: null,
      deadline: { gt: now, lte: new Date(now.getTime() + REMINDER_AHEAD_MS) },
    },
    select: {
      id: true,
      paperId: true,
      paper: { select: { groupId: true } },
      eligibleVoters: { select: { userId: true } },
      stances: { select: { userId: true } },
    },
  });
  let sent = 0;
  for (const vote of soon) {
    await db().$transaction(async (tx) => {
      const claimed = await tx.vote.updateMany({
        where: { id: vote.id, status: "OPEN", reminderSentAt: null },
        data: { reminderSentAt: now },
      });
      if (claimed.count !== 1) return;
      const voted = new Set(vote.stances.map((s) => s.userId));
      const pending = vote.eligibleVoters.map((v) => v.userId).filter((id) => !voted.has(id));
      await notify(tx, vote.paper.groupId, pending, "VOTE_REMINDER", {
        paperId: vote.paperId,
        voteId: vote.id,
        actorId: null,
      });
      sent += pending.length;
    });
  }
  return sent;
}
