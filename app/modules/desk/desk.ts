// My desk: what needs a person across their groups, most urgent first. Pure shapes and ordering; the
// queries are in desk.server.ts.

export interface DeskGroup {
  slug: string;
  name: string;
}

/** Something with a deadline the person is asked to act on. */
export interface DeskDecision {
  /** "vote" (stance wanted), "silence" (silence procedure open), or what a registered source names. */
  kind: string;
  id: string;
  group: DeskGroup;
  paper: { id: string; title: string };
  deadline: string;
  href: string;
}

export interface DeskMessage {
  kind: "MENTION" | "REPLY";
  id: string;
  group: DeskGroup;
  paper: { id: string; title: string } | null;
  actor: string | null;
  excerpt: string | null;
  createdAt: string;
  href: string;
}

export interface DeskThread {
  threadId: string;
  group: DeskGroup;
  paper: { id: string; title: string };
  quote: string;
  newReplies: number;
  latestAt: string;
  href: string;
}

export interface DeskPaper {
  id: string;
  group: DeskGroup;
  title: string;
  status: string;
  translationsOutOfDate: number;
  updatedAt: string;
  href: string;
}

export interface DeskActivity {
  paper: { id: string; title: string };
  group: DeskGroup;
  comments: number;
  latestAt: string;
  href: string;
}

export interface Desk {
  decisions: DeskDecision[];
  messages: DeskMessage[];
  threads: DeskThread[];
  papers: DeskPaper[];
  activity: DeskActivity[];
}

/** Soonest deadline first; a deadline already past (closing any second) stays at the top. */
export function byDeadline<T extends { deadline: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.deadline.localeCompare(b.deadline));
}

/** Newest first. */
export function byRecency<T extends { latestAt?: string; createdAt?: string }>(items: T[]): T[] {
  const at = (item: T) => item.latestAt ?? item.createdAt ?? "";
  return [...items].sort((a, b) => at(b).localeCompare(at(a)));
}

/** A deadline within this long reads as urgent ("closes tonight"). */
export const URGENT_MS = 24 * 3600 * 1000;

export function isUrgent(deadline: string, now: number): boolean {
  return new Date(deadline).getTime() - now <= URGENT_MS;
}

export function paperHref(slug: string, paperId: string, anchor?: string): string {
  return `/g/${slug}/papers/${paperId}${anchor ? `#${anchor}` : ""}`;
}

export function isDeskEmpty(desk: Desk): boolean {
  return (
    !desk.decisions.length &&
    !desk.messages.length &&
    !desk.threads.length &&
    !desk.papers.length &&
    !desk.activity.length
  );
}
