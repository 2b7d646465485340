import type { ThreadView } from "~/modules/comments/thread-view";

export const THREAD_FILTERS = ["open", "resolved", "mine", "mentions", "all"] as const;
export type ThreadFilter = (typeof THREAD_FILTERS)[number];

export const THREAD_FILTER_TEST: Record<ThreadFilter, (thread: ThreadView) => boolean> = {
  open: (thread) => thread.status === "OPEN",
  resolved: (thread) => thread.status === "RESOLVED",
  mine: (thread) => thread.mine,
  mentions: (thread) => thread.mentionsMe,
  all: () => true,
};
