// What a mail says, in no particular language: the data stored with a digest item and handed to the
// renderer. Links are paths; the renderer puts the public origin in front.
import type { OptionalKind } from "./kinds";
import type { FormatChange } from "~/modules/suggestions/list";

/** The group as mail names it; `nameEs` (absent in items stored before it existed) is its Spanish name. */
export interface GroupRef {
  name: string;
  slug: string;
  nameEs?: string;
}
/** The paper as mail names it; the title's translation and language may be absent in older items. */
export interface PaperRef {
  id: string;
  title: string;
  titleTranslation?: string;
  originalLanguage?: string;
}
export interface DelegationName {
  name: string;
  nameEs: string;
}

export interface CommentEvent {
  kind: "mention" | "reply";
  group: GroupRef;
  paper: PaperRef;
  threadId: string;
  actor: string;
  excerpt: string;
  /** ISO time the comment was written. */
  at: string;
}

/** A vote on one suggestion ("ask the group"): the change it decides, as stored when the group was asked. */
export interface SuggestionRef {
  inserted: string;
  deleted: string;
  format?: FormatChange;
  paragraph?: boolean;
  /** "Name (MX)". */
  author: string;
}

export interface VoteOpenedEvent {
  kind: "vote.opened";
  group: GroupRef;
  paper: PaperRef;
  voteId: string;
  actor: string | null;
  deadline: string;
  suggestion?: SuggestionRef;
}

export interface VoteReminderEvent {
  kind: "vote.reminder";
  group: GroupRef;
  paper: PaperRef;
  voteId: string;
  deadline: string;
  /** The recipient's delegation when nobody in it has taken a stance yet. */
  quietDelegation: DelegationName | null;
  suggestion?: SuggestionRef;
}

export interface VoteOutcomeEvent {
  kind: "vote.outcome";
  group: GroupRef;
  paper: PaperRef;
  voteId: string;
  adopted: boolean;
  closedAt: string;
  counts: Record<string, number>;
  takingPart: number;
  eligible: number;
  reservations: { name: string; delegation: DelegationName | null; value: string; statement: string }[];
  suggestion?: SuggestionRef;
}

export type NotificationEvent = CommentEvent | VoteOpenedEvent | VoteReminderEvent | VoteOutcomeEvent;

export interface InvitationMail {
  kind: "invitation";
  group: GroupRef;
  inviter: string;
  role: string;
  link: string;
  expiresAt: string;
}

export interface PasswordResetMail {
  kind: "password.reset";
  link: string;
  expiresAt: string;
}

export type MailEvent = NotificationEvent | InvitationMail | PasswordResetMail;

// Each notification event kind is a preference kind: the settings page and the event list stay in step.
export type NotificationKindOf<E extends NotificationEvent> = E["kind"] & OptionalKind;

/** The deep link of an event: the exact thread or vote. */
export function eventPath(event: NotificationEvent): string {
  const paper = `/g/${event.group.slug}/papers/${event.paper.id}`;
  switch (event.kind) {
    case "mention":
    case "reply":
      return `${paper}#thread-${event.threadId}`;
    case "vote.opened":
    case "vote.reminder":
    case "vote.outcome":
      return `/g/${event.group.slug}/votes/${event.voteId}`;
  }
}
