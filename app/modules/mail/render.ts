// Turns an event into a mail (subject, plain text, HTML) in the recipient's language and time zone.
// Pure: the outbox renders when it writes a message, the digest job when it assembles a digest.
import { t, type Locale, type MessageKey } from "~/i18n/messages";
import { describeChange } from "~/modules/suggestions/describe-change";
import { formatTime } from "~/modules/time/format-time";
import { readerGroup, readerTitle } from "~/modules/translations/bilingual-text";
import {
  eventPath,
  type DelegationName,
  type MailEvent,
  type NotificationEvent,
  type SuggestionRef,
} from "./events";
import type { MailKind } from "./kinds";

export interface Recipient {
  name: string;
  locale: Locale;
  timeZone: string;
}

export interface MailLinks {
  /** Public origin links start with, e.g. https://acuerdo.example.org */
  origin: string;
  /** The signed one-click unsubscribe URL for this kind; absent for mail that always sends. */
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph of the mail: plain text, or a link with its label. */
type Block =
  | { type: "p"; text: string }
  | { type: "quote"; text: string }
  | { type: "link"; label: string; href: string }
  | { type: "h"; text: string }
  | { type: "list"; items: string[] };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Subjects are one line of at most 200 characters, whatever a title contains. */
function oneLine(value: string, max = 200): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function delegationName(delegation: DelegationName, locale: Locale): string {
  return locale === "es" && delegation.nameEs ? delegation.nameEs : delegation.name;
}

function countsLine(counts: Record<string, number>, locale: Locale): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([value, n]) => `${t(locale, `votes.stance.${value}` as MessageKey)} ${n}`)
    .join(", ");
}

/** The event with the group's name and the paper's title in the recipient's language, where written. */
export function inRecipientLanguage<E extends MailEvent>(event: E, locale: Locale): E {
  const named: E = { ...event };
  if ("group" in event)
    (named as { group: typeof event.group }).group = {
      ...event.group,
      name: readerGroup({ ...event.group, nameEs: event.group.nameEs ?? "" }, locale).name,
    };
  if ("paper" in event)
    (named as { paper: typeof event.paper }).paper = {
      ...event.paper,
      title: readerTitle(
        {
          title: event.paper.title,
          titleTranslation: event.paper.titleTranslation ?? "",
          originalLanguage: event.paper.originalLanguage ?? "en",
        },
        locale,
      ),
    };
  return named;
}

/** A vote on one suggestion says which change it decides: "The suggestion: Insert “now” (Ana Pérez (MX))". */
function suggestionBlocks(suggestion: SuggestionRef | undefined, locale: Locale): Block[] {
  if (!suggestion) return [];
  const change = describeChange(
    locale,
    suggestion.inserted,
    suggestion.deleted,
    suggestion.format,
    suggestion.paragraph,
  );
  return [
    {
      type: "quote",
      text: t(locale, "mail.line.suggestionVote.change", { change, author: suggestion.author }),
    },
  ];
}

function subjectOf(event: MailEvent, r: Recipient): string {
  const when = (iso: string) => formatTime(iso, r);
  switch (event.kind) {
    case "mention":
    case "reply":
      return t(r.locale, `mail.subject.${event.kind}`, {
        group: event.group.name,
        actor: event.actor,
        paper: event.paper.title,
      });
    case "vote.opened":
    case "vote.reminder":
    case "vote.outcome":
      if (event.suggestion) return suggestionSubject(event, r);
  }
  switch (event.kind) {
    case "vote.opened":
      return t(r.locale, "mail.subject.vote.opened", { group: event.group.name, paper: event.paper.title });
    case "vote.reminder":
      return t(r.locale, "mail.subject.vote.reminder", {
        group: event.group.name,
        paper: event.paper.title,
        deadline: when(event.deadline),
      });
    case "vote.outcome":
      return t(
        r.locale,
        event.adopted ? "mail.subject.vote.outcome.adopted" : "mail.subject.vote.outcome.notAdopted",
        {
          group: event.group.name,
          paper: event.paper.title,
        },
      );
    case "invitation":
      return t(r.locale, "mail.subject.invitation", { group: event.group.name, inviter: event.inviter });
    case "password.reset":
      return t(r.locale, "mail.subject.password.reset");
  }
}

/** The subject of a mail about a vote on one suggestion: it decides the suggestion, not the paper. */
function suggestionSubject(
  event: Exclude<NotificationEvent, { kind: "mention" | "reply" }>,
  r: Recipient,
): string {
  const params = { group: event.group.name, paper: event.paper.title };
  if (event.kind === "vote.opened") return t(r.locale, "mail.subject.suggestionVote.opened", params);
  if (event.kind === "vote.reminder")
    return t(r.locale, "mail.subject.suggestionVote.reminder", {
      ...params,
      deadline: formatTime(event.deadline, r),
    });
  return t(
    r.locale,
    event.adopted ? "mail.subject.suggestionVote.accepted" : "mail.subject.suggestionVote.rejected",
    params,
  );
}

/** The body of one notification event (without greeting and footer), as used alone and in a digest. */
function eventBlocks(event: NotificationEvent, r: Recipient, origin: string): Block[] {
  const when = (iso: string) => formatTime(iso, r);
  const href = origin + eventPath(event);
  const paper = event.paper.title;
  switch (event.kind) {
    case "mention":
    case "reply":
      return [
        {
          type: "p",
          text: t(r.locale, `mail.line.${event.kind}`, { actor: event.actor, paper, time: when(event.at) }),
        },
        { type: "quote", text: event.excerpt },
        { type: "link", label: t(r.locale, "mail.action.openThread"), href },
      ];
    case "vote.opened":
      return [
        {
          type: "p",
          text: event.actor
            ? t(r.locale, "mail.line.vote.openedBy", {
                actor: event.actor,
                paper,
                deadline: when(event.deadline),
              })
            : t(r.locale, "mail.line.vote.opened", { paper, deadline: when(event.deadline) }),
        },
        ...suggestionBlocks(event.suggestion, r.locale),
        { type: "link", label: t(r.locale, "mail.action.openVote"), href },
      ];
    case "vote.reminder": {
      const blocks: Block[] = [
        {
          type: "p",
          text: t(r.locale, "mail.line.vote.reminder", { paper, deadline: when(event.deadline) }),
        },
        ...suggestionBlocks(event.suggestion, r.locale),
      ];
      if (event.quietDelegation)
        blocks.push({
          type: "p",
          text: t(r.locale, "mail.line.vote.quietDelegation", {
            delegation: delegationName(event.quietDelegation, r.locale),
          }),
        });
      blocks.push({ type: "link", label: t(r.locale, "mail.action.takeStance"), href });
      return blocks;
    }
    case "vote.outcome": {
      const blocks: Block[] = [
        {
          type: "p",
          text: t(
            r.locale,
            event.suggestion
              ? event.adopted
                ? "mail.line.suggestionVote.accepted"
                : "mail.line.suggestionVote.rejected"
              : event.adopted
                ? "mail.line.vote.adopted"
                : "mail.line.vote.notAdopted",
            { paper, time: when(event.closedAt) },
          ),
        },
        ...suggestionBlocks(event.suggestion, r.locale),
        {
          type: "p",
          text: t(r.locale, "mail.line.vote.counts", {
            takingPart: event.takingPart,
            eligible: event.eligible,
            counts: countsLine(event.counts, r.locale),
          }),
        },
      ];
      if (event.reservations.length > 0) {
        blocks.push({ type: "p", text: t(r.locale, "mail.line.vote.reservations") });
        blocks.push({
          type: "list",
          items: event.reservations.map((s) => {
            const who = s.delegation ? `${s.name} (${delegationName(s.delegation, r.locale)})` : s.name;
            const stance = t(r.locale, `votes.stance.${s.value}` as MessageKey);
            return `${who}, ${stance}: ${oneLine(s.statement, 500)}`;
          }),
        });
      }
      blocks.push({ type: "link", label: t(r.locale, "mail.action.openVote"), href });
      return blocks;
    }
  }
}

function footerBlocks(kind: MailKind, r: Recipient, links: MailLinks): Block[] {
  if (!links.unsubscribeUrl) return [{ type: "p", text: t(r.locale, "mail.footer.always") }];
  return [
    {
      type: "p",
      text: t(r.locale, "mail.footer.why", { settings: `${links.origin}/settings/notifications` }),
    },
    { type: "p", text: t(r.locale, "mail.footer.unsubscribe", { link: links.unsubscribeUrl }) },
  ];
}

function toText(blocks: Block[], footer: Block[]): string {
  const line = (b: Block) => {
    switch (b.type) {
      case "p":
        return b.text;
      case "h":
        return `## ${b.text}`;
      case "quote":
        return b.text
          .split("\n")
          .map((l) => `> ${l}`)
          .join("\n");
      case "link":
        return `${b.label}: ${b.href}`;
      case "list":
        return b.items.map((i) => `- ${i}`).join("\n");
    }
  };
  return [...blocks.map(line), "-- ", ...footer.map(line)].join("\n\n") + "\n";
}

function linkify(text: string): string {
  // Footer lines carry URLs in running text; make them clickable without trusting anything else.
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function toHtml(blocks: Block[], footer: Block[], lang: Locale): string {
  const html = (b: Block) => {
    switch (b.type) {
      case "p":
        return `<p>${escapeHtml(b.text)}</p>`;
      case "h":
        return `<h2 style="font-size:1.1em;margin:1.5em 0 0.5em">${escapeHtml(b.text)}</h2>`;
      case "quote":
        return `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(b.text)}</blockquote>`;
      case "link":
        return `<p><a href="${escapeHtml(b.href)}" style="color:#1f5fa8">${escapeHtml(b.label)}</a></p>`;
      case "list":
        return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
    }
  };
  const foot = footer.map((b) => (b.type === "p" ? `<p>${linkify(b.text)}</p>` : html(b))).join("\n");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"></head>
<body style="font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">
${blocks.map(html).join("\n")}
<hr style="border:0;border-top:1px solid #ddd;margin-top:2em">
<div style="font-size:13px;color:#555">
${foot}
</div>
</body></html>
`;
}

function assemble(
  subject: string,
  blocks: Block[],
  kind: MailKind,
  r: Recipient,
  links: MailLinks,
): RenderedMail {
  const all: Block[] = [{ type: "p", text: t(r.locale, "mail.greeting", { name: r.name }) }, ...blocks];
  const footer = footerBlocks(kind, r, links);
  return { subject: oneLine(subject), text: toText(all, footer), html: toHtml(all, footer, r.locale) };
}

/** One event, sent on its own. */
export function renderMail(stored: MailEvent, r: Recipient, links: MailLinks): RenderedMail {
  const event = inRecipientLanguage(stored, r.locale);
  const subject = subjectOf(event, r);
  if (event.kind === "invitation") {
    const blocks: Block[] = [
      {
        type: "p",
        text: t(r.locale, "mail.line.invitation", {
          inviter: event.inviter,
          group: event.group.name,
          role: t(r.locale, `role.${event.role}` as MessageKey),
          expires: formatTime(event.expiresAt, r),
        }),
      },
      { type: "link", label: t(r.locale, "mail.action.acceptInvitation"), href: event.link },
    ];
    return assemble(subject, blocks, "invitation", r, { origin: links.origin });
  }
  if (event.kind === "password.reset") {
    const blocks: Block[] = [
      {
        type: "p",
        text: t(r.locale, "mail.line.password.reset", { expires: formatTime(event.expiresAt, r) }),
      },
      { type: "link", label: t(r.locale, "mail.action.resetPassword"), href: event.link },
    ];
    return assemble(subject, blocks, "password.reset", r, { origin: links.origin });
  }
  return assemble(subject, eventBlocks(event, r, links.origin), event.kind, r, links);
}

/** Digest sections: one per paper (groups apart), in the order their first event happened. */
export function groupByPaper(
  events: NotificationEvent[],
): { key: string; group: string; paper: string; events: NotificationEvent[] }[] {
  const sections = new Map<
    string,
    { key: string; group: string; paper: string; events: NotificationEvent[] }
  >();
  for (const event of events) {
    const key = `${event.group.slug}/${event.paper.id}`;
    let section = sections.get(key);
    if (!section) {
      section = { key, group: event.group.name, paper: event.paper.title, events: [] };
      sections.set(key, section);
    }
    section.events.push(event);
  }
  return [...sections.values()];
}

/** A day's events in one mail, grouped by paper. */
export function renderDigest(stored: NotificationEvent[], r: Recipient, links: MailLinks): RenderedMail {
  const events = stored.map((event) => inRecipientLanguage(event, r.locale));
  const sections = groupByPaper(events);
  const groups = new Set(events.map((e) => e.group.name));
  const subject =
    groups.size === 1
      ? t(r.locale, "mail.subject.digest", { group: [...groups][0], count: events.length })
      : t(r.locale, "mail.subject.digestMany", { count: events.length });
  const blocks: Block[] = [{ type: "p", text: t(r.locale, "mail.line.digestIntro") }];
  for (const section of sections) {
    blocks.push({
      type: "h",
      text: groups.size === 1 ? section.paper : `${section.paper} (${section.group})`,
    });
    for (const event of section.events) blocks.push(...eventBlocks(event, r, links.origin));
  }
  return assemble(subject, blocks, "digest", r, links);
}
