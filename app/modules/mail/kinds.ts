// The kinds of mail Acuerdo sends and how each may be delivered. A new kind (the suggestions feature's
// "suggestion on a paper my delegation leads", "decision on my suggestion") is one entry here, one
// event shape in events.ts and its strings in app/i18n/mail.ts: no migration (kinds are stored as text).

export const MAIL_MODES = ["IMMEDIATE", "DIGEST", "OFF"] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** Kinds a person chooses for, in the order the settings page lists them. */
export const OPTIONAL_KINDS = ["mention", "reply", "vote.opened", "vote.reminder", "vote.outcome"] as const;
export type OptionalKind = (typeof OPTIONAL_KINDS)[number];

/** Kinds that always go out at once, whatever the preferences say. */
export const ALWAYS_KINDS = ["invitation", "password.reset"] as const;
export type AlwaysKind = (typeof ALWAYS_KINDS)[number];

export type MailKind = OptionalKind | AlwaysKind | "digest";

/** Mentions and reminders need the person now; the rest can wait for the day's digest. */
export const DEFAULT_MODE: Record<OptionalKind, MailMode> = {
  mention: "IMMEDIATE",
  reply: "DIGEST",
  "vote.opened": "DIGEST",
  "vote.reminder": "IMMEDIATE",
  "vote.outcome": "DIGEST",
};

export const DEFAULT_DIGEST_HOUR = 8;

export function isOptionalKind(value: unknown): value is OptionalKind {
  return typeof value === "string" && (OPTIONAL_KINDS as readonly string[]).includes(value);
}

/** The mode in force for a kind, from the person's stored choices (absent → the kind's default). */
export function modeFor(kind: OptionalKind, stored: ReadonlyMap<string, MailMode>): MailMode {
  return stored.get(kind) ?? DEFAULT_MODE[kind];
}

/** Every optional kind with its mode in force. */
export function effectivePreferences(stored: ReadonlyMap<string, MailMode>): Record<OptionalKind, MailMode> {
  return Object.fromEntries(OPTIONAL_KINDS.map((kind) => [kind, modeFor(kind, stored)])) as Record<
    OptionalKind,
    MailMode
  >;
}
