import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { isLocale } from "~/i18n/messages";
import type { MailEvent, NotificationEvent } from "./events";
import { ALWAYS_KINDS, modeFor, type MailKind, type MailMode, type OptionalKind } from "./kinds";
import { publicOrigin } from "./public-origin";
import { renderMail, type Recipient, type RenderedMail } from "./render";
import { signUnsubscribe, type UnsubscribeKind } from "./unsubscribe-token";

type Tx = Prisma.TransactionClient;

/** The domain of MAIL_FROM, for Message-IDs. */
function mailDomain(): string {
  const match = /@([^>\s]+)>?\s*$/.exec(env().MAIL_FROM);
  return match ? match[1] : "acuerdo.localhost";
}

export function unsubscribeUrl(userId: string, kind: UnsubscribeKind): string {
  return `${publicOrigin()}/unsubscribe?token=${signUnsubscribe(env().SESSION_SECRET, userId, kind)}`;
}

/** RFC 8058 one-click headers: a mail client POSTs `List-Unsubscribe=One-Click` to the URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export interface OutgoingMail {
  userId: string | null;
  groupId: string | null;
  toEmail: string;
  kind: MailKind;
  mail: RenderedMail;
  headers?: Record<string, string>;
}

/** Writes a message into the outbox inside the caller's transaction; the sender loop delivers it. */
export async function enqueueMail(tx: Tx, message: OutgoingMail): Promise<string> {
  const row = await tx.outboxMessage.create({
    data: {
      userId: message.userId,
      groupId: message.groupId,
      toEmail: message.toEmail,
      kind: message.kind,
      messageId: `<${randomUUID()}@${mailDomain()}>`,
      subject: message.mail.subject,
      text: message.mail.text,
      html: message.mail.html,
      headers: message.headers ?? {},
    },
    select: { id: true },
  });
  return row.id;
}

export interface MailRecipient {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
}

export function asRecipient(user: { name: string; locale: string; timeZone: string }): Recipient {
  return { name: user.name, locale: isLocale(user.locale) ? user.locale : "en", timeZone: user.timeZone };
}

/** Mail that always goes out at once (invitations, password resets), rendered in the given language. */
export async function enqueueAlwaysMail(
  tx: Tx,
  to: { userId: string | null; email: string; groupId: string | null },
  event: Extract<MailEvent, { kind: (typeof ALWAYS_KINDS)[number] }>,
  recipient: Recipient,
): Promise<string> {
  const mail = renderMail(event, recipient, { origin: publicOrigin() });
  return enqueueMail(tx, {
    userId: to.userId,
    groupId: to.groupId,
    toEmail: to.email,
    kind: event.kind,
    mail,
  });
}

/**
 * Routes one notification event to one person by their preference for its kind: an outbox message
 * now, a digest item for later, or nothing. Runs inside the transaction of the action.
 */
export async function routeEvent(
  tx: Tx,
  user: MailRecipient,
  groupId: string,
  event: NotificationEvent,
  stored: ReadonlyMap<string, MailMode>,
): Promise<MailMode> {
  const kind: OptionalKind = event.kind;
  const mode = modeFor(kind, stored);
  if (mode === "OFF") return mode;
  if (mode === "DIGEST") {
    await tx.digestItem.create({
      data: { userId: user.id, groupId, kind, data: event as unknown as Prisma.InputJsonObject },
    });
    return mode;
  }
  const url = unsubscribeUrl(user.id, kind);
  const mail = renderMail(event, asRecipient(user), { origin: publicOrigin(), unsubscribeUrl: url });
  await enqueueMail(tx, {
    userId: user.id,
    groupId,
    toEmail: user.email,
    kind,
    mail,
    headers: unsubscribeHeaders(url),
  });
  return mode;
}

/** A group's outbox for its secretariat: newest first. */
export async function listGroupOutbox(groupId: string, take = 200) {
  return db().outboxMessage.findMany({
    where: { groupId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      toEmail: true,
      kind: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      user: { select: { name: true } },
    },
  });
}
