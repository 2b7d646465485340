// Who may comment, and on a paper in which status, is the policy's question (`comment.write`,
// `thread.resolve` in app/modules/policy/policy.ts); these are the limits of what is written.

export const COMMENT_MAX_LENGTH = 4000;
export const QUOTE_MAX_LENGTH = 1000;
