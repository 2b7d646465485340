import { env } from "~/env.server";
import { closeOverdueVotes, sendReminders } from "./votes.server";

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
        await closeOverdueVotes();
        await sendReminders();
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
