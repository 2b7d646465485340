// The sender loop: every process runs one. Messages are claimed with a conditional update and a lease
// (PENDING, due, and unclaimed or claimed longer ago than the lease), so with several processes each
// message is sent once, and one whose sender died mid-send is taken over after the lease. The Message-ID
// is fixed when the message is written, so a resend after such a crash is recognisably the same mail.
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Transporter } from "nodemailer";
import { BACKGROUND_TRANSACTION, db } from "~/db.server";
import { env } from "~/env.server";
import { sqlRows, utcTimestamp } from "~/sql.server";
import type { NotificationEvent } from "./events";
import { classifyFailure, type SendError } from "./delivery";
import { digestDue } from "./digest-schedule";
import { isOptionalKind, modeFor, type MailMode } from "./kinds";
import { asRecipient, enqueueMail, unsubscribeHeaders, unsubscribeUrl } from "./outbox.server";
import { publicOrigin } from "./public-origin";
import { renderDigest } from "./render";

const BATCH = 20;

export interface ClaimedMessage {
  id: string;
  toEmail: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attempts: number;
  claimToken: string;
}

/** Sends one message; throws an error with `responseCode` when the SMTP server refuses it. */
export type Deliver = (message: ClaimedMessage) => Promise<void>;

/**
 * nodemailer loads on the first message, not when the process starts: most processes send mail rarely,
 * and the library is about 3 MB of every process's heap (issue 19, idle memory).
 */
function lazyTransport(options: () => Parameters<typeof import("nodemailer").createTransport>[0]) {
  let transport: Promise<Transporter> | null = null;
  return () => {
    transport ??= import("nodemailer")
      .then(({ default: nodemailer }) => nodemailer.createTransport(options()))
      .catch((error: unknown) => {
        transport = null; // the next message tries again
        throw error;
      });
    return transport;
  };
}

/** SMTP when SMTP_URL is set, else each message becomes an .eml file under DATA_DIR/mail/. */
export function createDeliver(): Deliver {
  const from = env().MAIL_FROM;
  const smtpUrl = env().SMTP_URL;
  if (smtpUrl) {
    const transport = lazyTransport(() => ({
      url: smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    }));
    return async (m) => {
      await (
        await transport()
      ).sendMail({
        from,
        to: m.toEmail,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: m.headers,
      });
    };
  }
  const dir = path.join(env().DATA_DIR, "mail");
  const transport = lazyTransport(() => ({ streamTransport: true, buffer: true, newline: "unix" }));
  return async (m) => {
    const info = await (
      await transport()
    ).sendMail({
      from,
      to: m.toEmail,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: m.headers,
    });
    mkdirSync(dir, { recursive: true });
    // Named by the outbox row, written whole then renamed: a resend replaces the file, never doubles it.
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(dir, `${stamp}-${m.id}.eml`);
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, info.message as Buffer);
    renameSync(temporary, file);
  };
}

/** Claims up to a batch of due messages for this process. */
export async function claimDue(now = new Date()): Promise<ClaimedMessage[]> {
  const leaseCutoff = new Date(now.getTime() - env().MAIL_LEASE_SECONDS * 1000);
  const available = {
    status: "PENDING" as const,
    OR: [{ claimedAt: null }, { claimedAt: { lt: leaseCutoff } }],
  };
  const candidates = await db().outboxMessage.findMany({
    where: { ...available, nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const claimed: ClaimedMessage[] = [];
  for (const { id } of candidates) {
    const claimToken = randomUUID();
    const { count } = await db().outboxMessage.updateMany({
      where: { id, ...available },
      data: { claimedAt: now, claimToken, attempts: { increment: 1 } },
    });
    if (count !== 1) continue; // another process took it
    const row = await db().outboxMessage.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        toEmail: true,
        messageId: true,
        subject: true,
        text: true,
        html: true,
        headers: true,
        attempts: true,
      },
    });
    claimed.push({ ...row, headers: (row.headers ?? {}) as Record<string, string>, claimToken });
  }
  return claimed;
}

function asSendError(error: unknown): SendError {
  const e = error as { responseCode?: unknown; response?: unknown; message?: unknown };
  return {
    responseCode: typeof e?.responseCode === "number" ? e.responseCode : undefined,
    message: typeof e?.response === "string" ? e.response : String(e?.message ?? error),
  };
}

/** Sends what is due; returns how many were sent, retried later and failed for good. */
export async function sendDue(deliver: Deliver, now = () => new Date()) {
  const result = { sent: 0, retried: 0, failed: 0 };
  for (const message of await claimDue(now())) {
    const mine = { id: message.id, claimToken: message.claimToken };
    try {
      await deliver(message);
      await db().outboxMessage.updateMany({
        where: mine,
        data: { status: "SENT", sentAt: now(), claimedAt: null, claimToken: null, lastError: null },
      });
      result.sent += 1;
    } catch (error) {
      const outcome = classifyFailure(asSendError(error), message.attempts, now(), env().MAIL_RETRY_BASE_MS);
      if (outcome.status === "FAILED") {
        await db().outboxMessage.updateMany({
          where: mine,
          data: { status: "FAILED", lastError: outcome.error, claimedAt: null, claimToken: null },
        });
        result.failed += 1;
      } else if (outcome.status === "RETRY") {
        await db().outboxMessage.updateMany({
          where: mine,
          data: { lastError: outcome.error, nextAttemptAt: outcome.at, claimedAt: null, claimToken: null },
        });
        result.retried += 1;
      }
    }
  }
  return result;
}

/**
 * Assembles the daily digests that are due: one message per person, claimed by a conditional update of
 * the day it was sent on, in the same transaction that marks its items and writes the message.
 */
export async function assembleDigests(now = new Date()): Promise<number> {
  const people = await db().user.findMany({
    where: { digestItems: { some: { digestedAt: null } } },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      digestHour: true,
      digestSentOn: true,
      mailPreferences: { select: { kind: true, mode: true } },
    },
    take: 500,
  });
  let assembled = 0;
  for (const person of people) {
    const day = digestDue(now, person);
    if (!day) continue;
    // Background work: it waits its turn behind what people are doing (on PGlite, one transaction at a time).
    const made = await db().$transaction(async (tx) => {
      const claimed = await tx.user.updateMany({
        where: { id: person.id, OR: [{ digestSentOn: null }, { digestSentOn: { lt: day } }] },
        data: { digestSentOn: day },
      });
      if (claimed.count !== 1) return false;
      const items = await tx.digestItem.findMany({
        where: { userId: person.id, digestedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          groupId: true,
          data: true,
          group: { select: { memberships: { where: { userId: person.id }, select: { id: true } } } },
        },
      });
      await tx.digestItem.updateMany({
        where: { id: { in: items.map((i) => i.id) } },
        data: { digestedAt: now },
      });
      const stored = new Map<string, MailMode>(person.mailPreferences.map((p) => [p.kind, p.mode]));
      // Nothing from a group the person has left, nor of a kind they have since turned off.
      const kept = items.filter(
        (i) => i.group.memberships.length > 0 && isOptionalKind(i.kind) && modeFor(i.kind, stored) !== "OFF",
      );
      if (kept.length === 0) return false;
      const url = unsubscribeUrl(person.id, "digest");
      const mail = renderDigest(
        kept.map((i) => i.data as unknown as NotificationEvent),
        asRecipient(person),
        { origin: publicOrigin(), unsubscribeUrl: url },
      );
      const groups = new Set(kept.map((i) => i.groupId));
      await enqueueMail(tx, {
        userId: person.id,
        groupId: groups.size === 1 ? kept[0].groupId : null,
        toEmail: person.email,
        kind: "digest",
        mail,
        headers: unsubscribeHeaders(url),
      });
      return true;
    }, BACKGROUND_TRANSACTION);
    if (made) assembled += 1;
  }
  return assembled;
}

/** People with digest items waiting, and whether a message is due ($1 now, $2 the lease's cutoff). */
const MAIL_WORK = `
  SELECT (SELECT coalesce(json_agg(q), '[]'::json) FROM (
            SELECT u."timeZone", u."digestHour", u."digestSentOn" FROM "User" u
             WHERE EXISTS (SELECT 1 FROM "DigestItem" d WHERE d."userId" = u.id AND d."digestedAt" IS NULL)
             LIMIT 500) q) AS waiting,
         EXISTS (SELECT 1 FROM "OutboxMessage"
                  WHERE status = 'PENDING' AND "nextAttemptAt" <= $1::timestamp
                    AND ("claimedAt" IS NULL OR "claimedAt" < $2::timestamp)) AS "messagesDue"`;

/**
 * Whether a digest or a message is due, in one prepared statement: nearly every tick finds neither, and
 * asking through Prisma cost the event loop ~2.5 ms a query (compiling it) every few seconds.
 */
export async function mailWorkDue(now = new Date()): Promise<{ digests: boolean; messages: boolean }> {
  const leaseCutoff = new Date(now.getTime() - env().MAIL_LEASE_SECONDS * 1000);
  const [row] = await sqlRows<{
    waiting: { timeZone: string; digestHour: number; digestSentOn: string | null }[] | string;
    messagesDue: boolean;
  }>(MAIL_WORK, [utcTimestamp(now), utcTimestamp(leaseCutoff)]);
  // node-postgres parses json; the embedded database may hand it over as text.
  const waiting = typeof row.waiting === "string" ? (JSON.parse(row.waiting) as never[]) : row.waiting;
  return { digests: waiting.some((person) => digestDue(now, person) !== null), messages: row.messagesDue };
}

/** The loop: at start and every MAIL_SENDER_MS, digests that are due, then every message that is due. */
export function startMailSender(onError: (error: unknown) => void, deliver: Deliver = createDeliver()) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        const due = await mailWorkDue();
        const assembled = due.digests ? await assembleDigests() : 0;
        if (due.messages || assembled > 0) await sendDue(deliver);
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
  };
  tick();
  const timer = setInterval(tick, env().MAIL_SENDER_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
