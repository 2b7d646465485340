import type { PaperStatus } from "~/modules/policy/policy";

// Paper lifecycle (DESIGN.md): DRAFT → REVIEW → VOTING → ADOPTED, back to DRAFT when a vote fails or is
// cancelled, WITHDRAWN from any status but ADOPTED. VOTING and ADOPTED are only reached through votes;
// a paper in VOTING is withdrawn by cancelling its vote first.

export type TransitionCause = "user" | "vote";

const TRANSITIONS: Record<PaperStatus, Partial<Record<PaperStatus, TransitionCause>>> = {
  DRAFT: { REVIEW: "user", WITHDRAWN: "user" },
  REVIEW: { DRAFT: "user", VOTING: "vote", WITHDRAWN: "user" },
  VOTING: { ADOPTED: "vote", DRAFT: "vote" },
  ADOPTED: {},
  WITHDRAWN: {},
};

export function canTransition(from: PaperStatus, to: PaperStatus, cause: TransitionCause): boolean {
  return TRANSITIONS[from][to] === cause;
}

/** The statuses a person (not a vote) may move a paper to from `from`. */
export function userTransitions(from: PaperStatus): PaperStatus[] {
  return (Object.entries(TRANSITIONS[from]) as [PaperStatus, TransitionCause][])
    .filter(([, cause]) => cause === "user")
    .map(([to]) => to);
}
