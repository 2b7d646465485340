// The audit log for people: one sentence per event, in the reader's language, built from the stored
// event and names looked up by the caller ("Carlos Mejía (HN) took a stance: Support with
// reservations — vote on 'Cheaper and safer remittances'"). Pure: no database, no clock.
import { isMessageKey, t, type Locale, type MessageKey } from "~/i18n/messages";
import { formatTime } from "~/modules/time/format-time";
import { describeChange } from "~/modules/suggestions/describe-change";
import { readFormatChange } from "~/modules/suggestions/list";

export const AUDIT_KINDS = [
  "member.invited",
  "member.invite_revoked",
  "member.invite_renewed",
  "member.joined",
  "member.changed",
  "member.removed",
  "paper.created",
  "paper.status_changed",
  "paper.titled",
  "template.created",
  "template.updated",
  "version.saved",
  "translation.marked",
  "vote.opened",
  "stance.cast",
  "vote.closed",
  "vote.cancelled",
  "report.ordered",
  "report.edited",
  "paper.imported",
  "translation.imported",
  "paper.drafting_changed",
  "suggestion.decided",
  "group.edited",
  "suggestion.group_asked",
  "suggestion.group_decided",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export function isAuditKind(value: string): value is AuditKind {
  return (AUDIT_KINDS as readonly string[]).includes(value);
}

export interface AuditEventView {
  type: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
  createdAt: Date | string;
  /** Who did it, with their delegation's code in this group (null: the system). */
  actor: { name: string; delegation: string | null } | null;
}

/** Names the sentences need, looked up once for a page of events. Missing entries read as "a …". */
export interface AuditNames {
  papers: Map<string, string>;
  /** Vote id → the paper it decides. */
  votes: Map<string, string>;
  users: Map<string, string>;
  delegations: Map<string, { code: string; name: string; nameEs: string }>;
  templates: Map<string, string>;
}

export function emptyAuditNames(): AuditNames {
  return {
    papers: new Map(),
    votes: new Map(),
    users: new Map(),
    delegations: new Map(),
    templates: new Map(),
  };
}

type Data = Record<string, unknown>;
function record(value: unknown): Data {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Data) : {};
}
function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0
    ? value
    : typeof value === "number"
      ? String(value)
      : null;
}

/** A stored code ("SUPPORT", "COCHAIR") in words; an unknown code is shown as stored, never crashes. */
function known(locale: Locale, prefix: string, value: unknown): string {
  const key = `${prefix}.${typeof value === "string" ? value : ""}`;
  return isMessageKey(key) ? t(locale, key) : typeof value === "string" ? value : "—";
}

function actorName(event: AuditEventView, locale: Locale): string {
  if (!event.actor) return t(locale, "audit.system.subject");
  return event.actor.delegation ? `${event.actor.name} (${event.actor.delegation})` : event.actor.name;
}

function delegationLabel(names: AuditNames, id: unknown, locale: Locale): string | null {
  const delegation = typeof id === "string" ? names.delegations.get(id) : undefined;
  if (!delegation) return null;
  return locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name;
}

function roleWithDelegation(names: AuditNames, role: unknown, delegationId: unknown, locale: Locale): string {
  const roleName = known(locale, "role", role);
  const delegation = delegationLabel(names, delegationId, locale);
  return delegation ? `${roleName}, ${delegation}` : roleName;
}

/** The paper an event is about, quoted, or a neutral phrase when it is not known. */
function paperTitle(names: AuditNames, event: AuditEventView, locale: Locale): string {
  const data = record(event.data);
  const id =
    event.subjectType === "paper"
      ? event.subjectId
      : event.subjectType === "vote"
        ? (names.votes.get(event.subjectId) ?? str(data.paperId))
        : str(data.paperId);
  const title = (id ? names.papers.get(id) : undefined) ?? str(data.title);
  return title ? `“${title}”` : t(locale, "audit.aPaper");
}

/** One sentence for one event, ending without a full stop (the page lays them out as a list). */
export function describeAuditEvent(
  event: AuditEventView,
  names: AuditNames,
  viewer: { locale: Locale; timeZone: string },
): string {
  const { locale } = viewer;
  const data = record(event.data);
  const actor = actorName(event, locale);
  const paper = () => paperTitle(names, event, locale);
  const say = (key: MessageKey, params: Record<string, string | number> = {}) =>
    t(locale, key, { actor, ...params });
  const target = () => names.users.get(event.subjectId) ?? t(locale, "audit.someone");

  switch (event.type) {
    case "member.invited":
      return say("audit.event.member.invited", {
        role: roleWithDelegation(names, data.role, data.delegationId, locale),
      });
    case "member.invite_revoked":
    case "member.invite_renewed":
      return say(`audit.event.${event.type}`, {
        role: roleWithDelegation(names, data.role, data.delegationId, locale),
      });
    case "member.joined":
      return say("audit.event.member.joined", {
        role: roleWithDelegation(names, data.role, data.delegationId, locale),
      });
    case "member.changed": {
      const from = record(data.from);
      const to = record(data.to);
      return say("audit.event.member.changed", {
        person: target(),
        from: roleWithDelegation(names, from.role, from.delegationId, locale),
        to: roleWithDelegation(names, to.role, to.delegationId, locale),
      });
    }
    case "member.removed":
      return say("audit.event.member.removed", { person: target(), role: known(locale, "role", data.role) });
    case "paper.created":
      return say("audit.event.paper.created", {
        paper: paper(),
        language: known(locale, "translation.language", data.originalLanguage ?? "en"),
      });
    case "paper.status_changed":
      return say("audit.event.paper.status_changed", {
        paper: paper(),
        from: known(locale, "paper.status", data.from),
        to: known(locale, "paper.status", data.to),
      });
    case "paper.titled": {
      const to = record(data.to);
      const translation = str(to.translation) ?? "";
      return say("audit.event.paper.titled", {
        paper: paper(),
        title: `“${str(to.title) ?? "—"}”`,
        translation: translation === "" ? "—" : `“${translation}”`,
      });
    }
    case "template.created":
    case "template.updated": {
      const name = str(record(data.to).name) ?? str(data.name) ?? names.templates.get(event.subjectId) ?? "—";
      return say(`audit.event.${event.type}`, { template: `“${name}”` });
    }
    case "version.saved":
      return say(
        data.reason === "VOTE_OPENED" ? "audit.event.version.saved.vote" : "audit.event.version.saved",
        { number: str(data.number) ?? "?", paper: paper() },
      );
    case "translation.marked":
      return say("audit.event.translation.marked", {
        section: str(data.sectionKey) ?? "—",
        language: known(locale, "translation.language", data.language),
        paper: paper(),
      });
    case "vote.opened":
      return say("audit.event.vote.opened", {
        kind: known(locale, "votes.kind", data.kind).toLowerCase(),
        paper: paper(),
        deadline: str(data.deadline) ? formatTime(str(data.deadline)!, viewer) : "—",
      });
    case "stance.cast":
      return say("audit.event.stance.cast", {
        stance: known(locale, "votes.stance", data.value),
        paper: paper(),
      });
    case "vote.closed":
      return t(locale, data.early === true ? "audit.event.vote.closed.early" : "audit.event.vote.closed", {
        actor,
        paper: paper(),
        result: known(locale, "votes.result", data.result),
      });
    case "vote.cancelled":
      return say(
        str(data.suggestionId) ? "audit.event.vote.cancelled.suggestion" : "audit.event.vote.cancelled",
        { paper: paper(), reason: str(data.reason) ?? "—" },
      );
    case "report.ordered":
      return say("audit.event.report.ordered");
    case "report.edited":
      return say("audit.event.report.edited");
    case "group.edited": {
      // The name as it reads in the viewer's language (a Spanish name may not be written yet).
      const spanish = (locale === "es" ? str(data.nameEs)?.trim() : undefined) ?? "";
      return say("audit.event.group.edited", {
        name: `“${spanish === "" ? (str(data.name) ?? "—") : spanish}”`,
      });
    }
    case "paper.imported":
    case "translation.imported":
      return say(`audit.event.${event.type}`, {
        paper: paper(),
        file: `“${str(data.fileName) ?? "—"}”`,
        sha: str(data.sha256) ?? "—",
      });
    case "paper.drafting_changed":
      return say("audit.event.paper.drafting_changed", {
        paper: paper(),
        to: known(locale, "suggestions.mode", data.to),
      });
    case "suggestion.decided": {
      const author = str(data.authorName) ?? "—";
      const delegation = str(data.delegation);
      return say(
        `audit.event.suggestion.${str(data.decision) === "withdraw" ? "withdrawn" : str(data.decision) === "accept" ? "accepted" : "rejected"}`,
        {
          paper: paper(),
          author: delegation ? `${author} (${delegation})` : author,
          change: describeChange(
            locale,
            str(data.inserted) ?? "",
            str(data.deleted) ?? "",
            readFormatChange(data.format),
            data.paragraph === true,
          ),
        },
      );
    }
    case "suggestion.group_asked":
    case "suggestion.group_decided": {
      const author = str(data.authorName) ?? "—";
      const delegation = str(data.delegation);
      const key =
        event.type === "suggestion.group_asked"
          ? "audit.event.suggestion.group_asked"
          : str(data.decision) === "accept"
            ? "audit.event.suggestion.group_accepted"
            : "audit.event.suggestion.group_rejected";
      return say(key, {
        paper: paper(),
        author: delegation ? `${author} (${delegation})` : author,
        change: describeChange(
          locale,
          str(data.inserted) ?? "",
          str(data.deleted) ?? "",
          readFormatChange(data.format),
        ),
        deadline: str(data.deadline) ? formatTime(str(data.deadline)!, viewer) : "—",
      });
    }
    default:
      return say("audit.event.other");
  }
}

/** The kind's name for the filter list ("Stance taken", "Postura registrada"). */
export function auditKindLabel(kind: AuditKind, locale: Locale): string {
  return t(locale, `audit.kind.${kind}`);
}
