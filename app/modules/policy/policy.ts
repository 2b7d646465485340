// The one permission table of Acuerdo (DESIGN.md, "People and permissions"). Every loader, action and
// the collaboration WebSocket asks `can`; nothing else checks a role name.

export const ROLES = ["COCHAIR", "MEMBER", "SECRETARIAT", "OBSERVER"] as const;
export type Role = (typeof ROLES)[number];

export const PAPER_STATUSES = ["DRAFT", "REVIEW", "VOTING", "ADOPTED", "WITHDRAWN"] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

export interface Actor {
  userId: string;
  role: Role;
  delegationId: string | null;
}

export const ACTIONS = [
  "group.read",
  "paper.edit",
  "translation.mark",
  "comment.write",
  "thread.resolve",
  "paper.create",
  "paper.changeStatus",
  "version.save",
  "template.edit",
  "vote.manage",
  "vote.cast",
  "member.manage",
  "audit.read",
  "report.arrange",
  "report.edit",
  "participation.quiet",
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Role[] = ROLES;
const DRAFTERS: readonly Role[] = ["COCHAIR", "MEMBER", "SECRETARIAT"];
const CONVENERS: readonly Role[] = ["COCHAIR", "SECRETARIAT"];

/** Which roles may do what, before looking at the resource. */
export const ROLE_TABLE: Record<Action, readonly Role[]> = {
  "group.read": ALL,
  "paper.edit": DRAFTERS,
  // A translator is anyone who may edit the paper: marking a translation up to date is a drafting act.
  "translation.mark": DRAFTERS,
  "comment.write": DRAFTERS,
  // Resolving one's own thread needs only comment.write; anyone's needs a convener (see `can`).
  "thread.resolve": CONVENERS,
  "paper.create": CONVENERS,
  "paper.changeStatus": CONVENERS,
  // Saving a named version changes no text, but it is a drafting act: observers only read.
  "version.save": DRAFTERS,
  "template.edit": CONVENERS,
  "vote.manage": CONVENERS,
  "vote.cast": ["COCHAIR", "MEMBER"],
  "member.manage": CONVENERS,
  "audit.read": CONVENERS,
  // DESIGN.md: the report lists the adopted papers "in an order the secretariat sets"; the foreword and
  // executive summary are the secretariat's too (it convenes and edits).
  "report.arrange": ["SECRETARIAT"],
  "report.edit": ["SECRETARIAT"],
  // DESIGN.md: "the group page shows ... which delegations are quiet" to those who convene (co-chairs and
  // the secretariat); members see participation, not a list of who is lagging.
  "participation.quiet": CONVENERS,
};

export const EDITABLE_STATUSES: readonly PaperStatus[] = ["DRAFT", "REVIEW"];

export type Resource =
  { kind: "group" } | { kind: "paper"; status: PaperStatus } | { kind: "thread"; authorId: string };

export function isEditableStatus(status: PaperStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function can(actor: Actor | null, action: Action, resource: Resource = { kind: "group" }): boolean {
  if (!actor) return false;
  if (action === "thread.resolve" && resource.kind === "thread" && resource.authorId === actor.userId) {
    return ROLE_TABLE["comment.write"].includes(actor.role);
  }
  if (!ROLE_TABLE[action].includes(actor.role)) return false;
  if ((action === "paper.edit" || action === "translation.mark") && resource.kind === "paper")
    return isEditableStatus(resource.status);
  return true;
}
