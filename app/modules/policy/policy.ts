// The one permission table of Acuerdo (DESIGN.md, "People and permissions"). Every loader, action and
// the collaboration WebSocket asks `can`; nothing else checks a role name.

export const ROLES = ["COCHAIR", "MEMBER", "SECRETARIAT", "OBSERVER"] as const;
export type Role = (typeof ROLES)[number];

export const PAPER_STATUSES = ["DRAFT", "REVIEW", "VOTING", "ADOPTED", "WITHDRAWN"] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

export const DRAFTING_MODES = ["OPEN", "PENHOLDER"] as const;
/** Who edits directly (DESIGN.md, "Suggestions and amendments"): everyone who may edit, or the penholders. */
export type DraftingMode = (typeof DRAFTING_MODES)[number];

export interface Actor {
  userId: string;
  role: Role;
  delegationId: string | null;
}

export const ACTIONS = [
  "group.read",
  "group.edit",
  "paper.edit",
  "paper.editDirectly",
  "suggestion.decide",
  "suggestion.withdraw",
  "suggestion.askGroup",
  "paper.setDraftingMode",
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
  "outbox.read",
  "participation.quiet",
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Role[] = ROLES;
const DRAFTERS: readonly Role[] = ["COCHAIR", "MEMBER", "SECRETARIAT"];
const CONVENERS: readonly Role[] = ["COCHAIR", "SECRETARIAT"];

/** Which roles may do what, before looking at the resource. */
export const ROLE_TABLE: Record<Action, readonly Role[]> = {
  "group.read": ALL,
  // The group's name and description in both languages: those who convene it.
  "group.edit": CONVENERS,
  // "paper.edit" is any change to the text, directly or as a suggestion (the collaboration socket is
  // writable); "paper.editDirectly" narrows it by the paper's drafting mode and status (see `can`).
  "paper.edit": DRAFTERS,
  "paper.editDirectly": DRAFTERS,
  // Accepting or rejecting suggestions: co-chairs, the secretariat and the lead delegation's members.
  "suggestion.decide": DRAFTERS,
  // Withdrawing is the author's own (see `can`).
  "suggestion.withdraw": DRAFTERS,
  // Turning one suggestion into a silence procedure: its author's delegation or those who decide (see `can`).
  "suggestion.askGroup": DRAFTERS,
  "paper.setDraftingMode": CONVENERS,
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
  // The group's outbox (recipients' addresses, delivery errors): those who convene and invite.
  "outbox.read": CONVENERS,
  // DESIGN.md: "the group page shows ... which delegations are quiet" to those who convene (co-chairs and
  // the secretariat); members see participation, not a list of who is lagging.
  "participation.quiet": CONVENERS,
};

export const EDITABLE_STATUSES: readonly PaperStatus[] = ["DRAFT", "REVIEW"];
// The text freezes while a paper is VOTING, the discussion does not: that is when delegations argue about
// wording. A withdrawn paper is closed to everything.
const DISCUSSABLE_STATUSES: readonly PaperStatus[] = ["DRAFT", "REVIEW", "VOTING", "ADOPTED"];

/** Actions that depend on the paper's status, and the statuses in which they are possible at all. */
export const STATUS_TABLE = {
  "paper.edit": EDITABLE_STATUSES,
  // In REVIEW every change is a suggestion, which is what an amendment is.
  "paper.editDirectly": ["DRAFT"],
  "suggestion.decide": EDITABLE_STATUSES,
  "suggestion.withdraw": EDITABLE_STATUSES,
  "suggestion.askGroup": EDITABLE_STATUSES,
  "translation.mark": EDITABLE_STATUSES,
  "comment.write": DISCUSSABLE_STATUSES,
  "thread.resolve": DISCUSSABLE_STATUSES,
} as const satisfies Partial<Record<Action, readonly PaperStatus[]>>;

export type PaperAction = "paper.edit" | "translation.mark" | "comment.write";
/** Actions that depend on who holds the pen as well as on the status. */
export type DraftingAction = "paper.editDirectly" | "suggestion.decide";
export type GroupAction = Exclude<
  Action,
  PaperAction | DraftingAction | "thread.resolve" | "suggestion.withdraw" | "suggestion.askGroup"
>;
export interface PaperResource {
  kind: "paper";
  status: PaperStatus;
}
/** A paper with what decides who holds its pen. */
export interface DraftingResource extends PaperResource {
  draftingMode: DraftingMode;
  leadDelegationId: string | null;
}
export interface SuggestionResource {
  kind: "suggestion";
  authorId: string;
  paperStatus: PaperStatus;
}
/**
 * A pending suggestion someone would turn into a silence procedure ("ask the group"): either side of the
 * disagreement may, its author's delegation or those who decide suggestions on the paper.
 */
export interface SuggestionAskResource {
  kind: "suggestionAsk";
  authorId: string;
  /** The delegation the suggestion was made for (null: the secretariat, or unknown). */
  authorDelegationId: string | null;
  paper: DraftingResource;
}
export interface ThreadResource {
  kind: "thread";
  authorId: string | null;
  paperStatus: PaperStatus;
}
export type Resource =
  { kind: "group" } | PaperResource | ThreadResource | SuggestionResource | SuggestionAskResource;

/**
 * An action with the resource it needs: a paper-scoped action without its paper is a type error, so no
 * caller can skip the status rule by leaving the paper out.
 */
export type Ask =
  | [action: PaperAction, resource: PaperResource]
  | [action: DraftingAction, resource: DraftingResource]
  | [action: "thread.resolve", resource: ThreadResource]
  | [action: "suggestion.withdraw", resource: SuggestionResource]
  | [action: "suggestion.askGroup", resource: SuggestionAskResource]
  | [action: GroupAction, resource?: { kind: "group" }];

export function isEditableStatus(status: PaperStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/** Which roles the table lets do an action (e.g. who is eligible to vote), for queries that select people. */
export function rolesAllowedTo(action: GroupAction): readonly Role[] {
  return ROLE_TABLE[action];
}

/**
 * Why the actor may not do this: "role" (their role never may), "status" (not in the paper's current
 * status), or null when they may. Pages use it to explain a refusal.
 */
export function whyRefused(actor: Actor | null, ...[action, resource]: Ask): "role" | "status" | null {
  if (!actor) return "role";
  const statusOk = (status: PaperStatus) =>
    (STATUS_TABLE[action as keyof typeof STATUS_TABLE] as readonly PaperStatus[] | undefined)?.includes(
      status,
    ) ?? true;
  if (action === "thread.resolve" && resource?.kind === "thread") {
    // Resolving one's own thread needs only comment.write; anyone's needs a convener.
    const own = resource.authorId === actor.userId;
    if (!ROLE_TABLE[own ? "comment.write" : "thread.resolve"].includes(actor.role)) return "role";
    return statusOk(resource.paperStatus) ? null : "status";
  }
  if (action === "suggestion.withdraw" && resource?.kind === "suggestion") {
    if (!ROLE_TABLE[action].includes(actor.role) || resource.authorId !== actor.userId) return "role";
    return statusOk(resource.paperStatus) ? null : "status";
  }
  if (action === "suggestion.askGroup" && resource?.kind === "suggestionAsk") {
    if (!ROLE_TABLE[action].includes(actor.role)) return "role";
    const ownSide =
      resource.authorId === actor.userId ||
      (resource.authorDelegationId !== null && resource.authorDelegationId === actor.delegationId);
    if (!ownSide && !holdsPen(actor, "suggestion.decide", resource.paper)) return "role";
    return statusOk(resource.paper.status) ? null : "status";
  }
  if (!ROLE_TABLE[action].includes(actor.role)) return "role";
  if (resource?.kind === "paper" && "draftingMode" in resource && !holdsPen(actor, action, resource))
    return "role";
  if (resource?.kind === "paper" && !statusOk(resource.status)) return "status";
  return null;
}

/** The lead delegation's members, for a paper that has one. */
function isPenholder(actor: Actor, paper: DraftingResource): boolean {
  return paper.leadDelegationId !== null && actor.delegationId === paper.leadDelegationId;
}

function holdsPen(actor: Actor, action: Action, paper: DraftingResource): boolean {
  // Co-chairs edit directly and decide in every mode; the secretariat decides but, in Penholder mode,
  // suggests like everyone who is not the lead delegation.
  if (action === "suggestion.decide") return actor.role !== "MEMBER" || isPenholder(actor, paper);
  if (action === "paper.editDirectly" && paper.draftingMode === "PENHOLDER")
    return actor.role === "COCHAIR" || isPenholder(actor, paper);
  return true;
}

export function can(actor: Actor | null, ...ask: Ask): boolean {
  return whyRefused(actor, ...ask) === null;
}
