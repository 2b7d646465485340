import type { PaperStatus } from "~/modules/policy/policy";

// Who may comment is the policy's question (`comment.write`, `thread.resolve`); whether a paper is open
// to discussion at all is this one. The text freezes while a paper is VOTING, the discussion does not:
// that is when delegations argue about wording. A withdrawn paper is closed to everything.

export const COMMENT_MAX_LENGTH = 4000;
export const QUOTE_MAX_LENGTH = 1000;

export function isDiscussionOpen(status: PaperStatus): boolean {
  return status !== "WITHDRAWN";
}
