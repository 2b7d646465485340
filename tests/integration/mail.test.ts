import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { formatTime } from "~/modules/time/format-time";

const LABOUR = "Legal pathways for regional labour mobility";
const PROTECTION = "Protection systems for people on the move";
// What a Spanish reader reads: the group's and the papers' Spanish names (the demo writes both).
const GROUP_ES = "Grupo de Estudio Regional sobre Migración";
const LABOUR_ES = "Vías legales para la movilidad laboral regional";
const PROTECTION_ES = "Sistemas de protección para las personas en movimiento";

type Modes = Partial<Record<"mention" | "reply" | "vote.opened" | "vote.reminder" | "vote.outcome", string>>;

/** A fixed-offset zone whose local hour is about noon now, so a digest hour of 23 is later today and 0 earlier. */
function zoneAtNoon(): string {
  const offset = 12 - new Date().getUTCHours(); // local = UTC + offset
  const clamped = Math.max(-12, Math.min(14, offset));
  // Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5.
  return clamped === 0 ? "Etc/GMT" : `Etc/GMT${clamped > 0 ? "-" : "+"}${Math.abs(clamped)}`;
}

function header(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(":") + 1)
    .replace(/\r?\n\s+/g, " ")
    .trim();
}

/** The mode whose radio button is checked for a kind on the settings page. */
function checkedMode(html: string, kind: string): string | null {
  for (const input of html.match(/<input[^>]*>/g) ?? []) {
    if (input.includes(`name="mode.${kind}"`) && /\schecked/.test(input))
      return /value="(\w+)"/.exec(input)![1];
  }
  return null;
}

function unsubscribeLink(mail: ParsedMail): string {
  const text = header(mail, "List-Unsubscribe") ?? "";
  const match = /<(https?:[^>]+)>/.exec(text);
  if (!match) throw new Error(`no List-Unsubscribe in ${text}`);
  return match[1];
}

describe.each(databaseTargets())("email through the outbox (%s)", (database) => {
  let server: TestServer;
  let smtp: TestSmtp;
  const clients = new Map<string, HttpClient>();

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({
      database,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: "Acuerdo <acuerdo@example.org>",
        MAIL_SENDER_MS: "150",
        MAIL_RETRY_BASE_MS: "100",
        MAIL_LEASE_SECONDS: "2",
      },
    });
  });
  afterAll(async () => {
    await server?.dispose();
    await smtp?.close();
  });

  async function as(email: string, locale: "en" | "es" | null = "en"): Promise<HttpClient> {
    let client = clients.get(email);
    if (!client) {
      client = new HttpClient(server.url);
      await client.login(email, "acuerdo-demo", locale);
      clients.set(email, client);
    }
    return client;
  }

  async function setPreferences(email: string, modes: Modes, digestHour = 8, timeZone = "UTC") {
    const all = {
      mention: "IMMEDIATE",
      reply: "DIGEST",
      "vote.opened": "DIGEST",
      "vote.reminder": "IMMEDIATE",
      "vote.outcome": "DIGEST",
      ...modes,
    };
    const form: Record<string, string> = { digestHour: String(digestHour), timeZone };
    for (const [kind, mode] of Object.entries(all)) form[`mode.${kind}`] = mode;
    const response = await (await as(email, null)).post("/settings/notifications", form);
    expect(response.status).toBe(302);
  }

  async function modeOf(email: string, kind: string): Promise<string | null> {
    return checkedMode(await (await (await as(email, null)).get("/settings/notifications")).text(), kind);
  }

  async function mention(author: string, paperId: string, body: string) {
    const response = await (
      await as(author)
    ).post(`/g/rmsg/papers/${paperId}/threads`, {
      intent: "create",
      sectionKey: "recommendation",
      body,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { threadId: string }).threadId;
  }

  /** The outbox page as the secretariat sees it: one entry per row. */
  async function outbox(): Promise<{ status: string; html: string }[]> {
    const html = (await (await (await as(DEMO.secretariat)).get("/g/rmsg/outbox")).text()).replaceAll(
      "<!-- -->",
      "",
    );
    return [...html.matchAll(/<tr data-status="(\w+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
      status: m[1],
      html: m[2],
    }));
  }

  async function settledFor(email: string) {
    const until = Date.now() + 20_000;
    for (;;) {
      const rows = (await outbox()).filter((r) => r.html.includes(email));
      if (rows.every((r) => r.status !== "PENDING")) return rows;
      if (Date.now() > until) throw new Error(`outbox for ${email} never settled`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("mails a mention once, in the recipient's language and time zone, with a link to the thread", async () => {
    // Gabriela Núñez reads Spanish and lives in Mexico City.
    await as(DEMO.memberMx, "es");
    await setPreferences(DEMO.memberMx, {}, 8, "America/Mexico_City");
    const paperId = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", LABOUR);
    const threadId = await mention(
      DEMO.memberUs,
      paperId,
      "@Gabriela Núñez could Mexico check these figures?",
    );
    await smtp.waitFor(() => smtp.to(DEMO.memberMx).length >= 1, "the mention mail");
    const rows = await settledFor(DEMO.memberMx);
    const mails = smtp.to(DEMO.memberMx);
    expect(mails).toHaveLength(1);
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(1);
    const mail = mails[0];
    expect(mail.subject).toBe(`[${GROUP_ES}] David Okafor le mencionó en «${LABOUR_ES}»`);
    expect(mail.text).toContain("Hola, Gabriela Núñez:");
    expect(mail.text).toContain("could Mexico check these figures?");
    expect(mail.text).toContain(
      `${server.url.replace("127.0.0.1", "127.0.0.1")}/g/rmsg/papers/${paperId}#thread-${threadId}`,
    );
    expect(mail.text).toMatch(/\(Mexico City\)/);
    expect(mail.html).toContain(`#thread-${threadId}`);
    const sentAt = formatTime(
      mail.date ?? new Date(),
      { locale: "es", timeZone: "America/Mexico_City" },
      "date",
    );
    expect(mail.text).toContain(sentAt);
    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(unsubscribeLink(mail)).toMatch(new RegExp(`^${server.url}/unsubscribe\\?token=`));
    expect(mail.messageId).toMatch(/@example\.org>$/);
  });

  it("sends nothing for a kind that is turned off", async () => {
    await setPreferences(DEMO.memberSv, { mention: "OFF" });
    const paperId = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", LABOUR);
    // The same comment mentions someone who still wants mentions: their mail shows the sender has run.
    await mention(DEMO.memberUs, paperId, "@Roberto Alvarado and @Carlos Mejía, please look at this.");
    await smtp.waitFor(() => smtp.to(DEMO.memberHn).length >= 1, "the other mention");
    await settledFor(DEMO.memberHn);
    expect(smtp.to(DEMO.memberSv)).toHaveLength(0);
    expect((await outbox()).filter((r) => r.html.includes(DEMO.memberSv))).toHaveLength(0);
  });

  it("gathers the day's events into one digest grouped by paper, at the hour the person chose", async () => {
    const zone = zoneAtNoon();
    await setPreferences(DEMO.member2Mx, { mention: "DIGEST" }, 23, zone);
    const labour = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", LABOUR);
    const protection = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", PROTECTION);
    await mention(DEMO.memberUs, labour, "@José Luis Herrera first point on labour.");
    await mention(DEMO.memberGt, labour, "@José Luis Herrera second point on labour.");
    await mention(DEMO.memberUs, protection, "@José Luis Herrera one point on protection.");
    // A mail to someone else after the three shows the loop ran without sending the digest early.
    await mention(DEMO.memberUs, protection, "@Carlos Mejía barrier.");
    await smtp.waitFor(
      () => smtp.to(DEMO.memberHn).some((m) => m.text?.includes("barrier")),
      "the barrier mail",
    );
    expect(smtp.to(DEMO.member2Mx)).toHaveLength(0);

    await setPreferences(DEMO.member2Mx, { mention: "DIGEST" }, 0, zone);
    await smtp.waitFor(() => smtp.to(DEMO.member2Mx).length >= 1, "the digest");
    await settledFor(DEMO.member2Mx);
    const mails = smtp.to(DEMO.member2Mx);
    expect(mails).toHaveLength(1);
    const text = mails[0].text ?? "";
    expect(mails[0].subject).toContain("3");
    expect(text).toContain("first point on labour");
    expect(text).toContain("second point on labour");
    expect(text).toContain("one point on protection");
    // Grouped by paper: one heading each, the two labour events under the first.
    // (José Luis reads Spanish: the papers are named by their Spanish titles.)
    expect(text.split(`## ${LABOUR_ES}`)).toHaveLength(2);
    expect(text.split(`## ${PROTECTION_ES}`)).toHaveLength(2);
    expect(text.indexOf("second point on labour")).toBeLessThan(text.indexOf(`## ${PROTECTION_ES}`));
  });

  it("unsubscribes with the one-click POST and from the link's page, without a session; refuses a forged token", async () => {
    const mail = smtp.to(DEMO.memberMx)[0];
    const link = unsubscribeLink(mail);
    const anonymous = new HttpClient(server.url, null);
    // A forged or altered token changes nothing.
    const forged = link.replace(/token=([^.]+)\./, (_, payload: string) => `token=${payload}x.`);
    expect((await anonymous.get(forged.slice(server.url.length))).status).toBe(400);
    const forgedPost = await fetch(forged, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(forgedPost.status).toBe(400);
    expect(await modeOf(DEMO.memberMx, "mention")).toBe("IMMEDIATE");

    // The page asks first (a GET never unsubscribes)…
    const page = await anonymous.get(link.slice(server.url.length));
    expect(page.status).toBe(200);
    expect(await modeOf(DEMO.memberMx, "mention")).toBe("IMMEDIATE");
    // …and a mail client's one-click POST (no cookie, no Origin) does it.
    const oneClick = await fetch(link, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(oneClick.status).toBe(200);
    expect(await modeOf(DEMO.memberMx, "mention")).toBe("OFF");

    // The digest's link, from its page's button: every kind in the digest is turned off.
    const digestLink = unsubscribeLink(smtp.to(DEMO.member2Mx)[0]);
    const token = new URL(digestLink).searchParams.get("token")!;
    const confirmed = await anonymous.post(new URL(digestLink).pathname + new URL(digestLink).search, {
      token,
    });
    expect(confirmed.status).toBe(200);
    const settings = await (await (await as(DEMO.member2Mx, null)).get("/settings/notifications")).text();
    expect(checkedMode(settings, "mention")).toBe("OFF");
    expect(checkedMode(settings, "reply")).toBe("OFF");
    expect(checkedMode(settings, "vote.reminder")).toBe("IMMEDIATE");
  });

  it("retries a 451 with backoff and delivers once; records a 550 as failed on the outbox page", async () => {
    smtp.respond = (attempt) => {
      if (attempt.to.includes(DEMO.memberGt)) return attempt.attempt <= 2 ? 451 : 250;
      if (attempt.to.includes(DEMO.memberUs)) return 550;
      return 250;
    };
    const paperId = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", PROTECTION);
    await mention(DEMO.cochairMx, paperId, "@Ana Sofía Chávez and @David Okafor, your view?");
    const rowsGt = await settledFor(DEMO.memberGt);
    const rowsUs = await settledFor(DEMO.memberUs);
    smtp.respond = () => 250;
    expect(smtp.to(DEMO.memberGt)).toHaveLength(1);
    expect(smtp.attempts.filter((a) => a.to.includes(DEMO.memberGt))).toHaveLength(3);
    expect(rowsGt).toHaveLength(1);
    expect(rowsGt[0].status).toBe("SENT");
    expect(rowsGt[0].html).toContain("<td>3</td>");
    expect(smtp.to(DEMO.memberUs)).toHaveLength(0);
    expect(rowsUs).toHaveLength(1);
    expect(rowsUs[0].status).toBe("FAILED");
    expect(rowsUs[0].html).toContain("Failed");
    expect(rowsUs[0].html).toMatch(/550/);
    // Members do not see the outbox.
    expect((await (await as(DEMO.memberHn)).get("/g/rmsg/outbox")).status).toBe(403);
  });

  it("delivers once after the sending process is killed mid-send (the same Message-ID)", async () => {
    let held: ((code: number) => void) | null = null;
    let heldId: string | undefined;
    const arrived = new Promise<void>((resolveArrived) => {
      smtp.respond = (attempt) => {
        if (attempt.to.includes(DEMO.member2Mx) && attempt.attempt === 1 && !held)
          return new Promise<number>((resolve) => {
            held = resolve;
            heldId = attempt.messageId;
            resolveArrived();
          });
        return 250;
      };
    });
    await setPreferences(DEMO.member2Mx, { mention: "IMMEDIATE" });
    const paperId = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", PROTECTION);
    await mention(DEMO.cochairMx, paperId, "@José Luis Herrera the crash test.");
    await arrived;
    await server.kill();
    // The client is gone before it heard the answer: the message counts as not delivered.
    held!(421);
    await server.restart();
    clients.clear();
    await smtp.waitFor(
      () => smtp.to(DEMO.member2Mx).some((m) => m.text?.includes("crash test")),
      "the resend",
      30_000,
    );
    const delivered = smtp.to(DEMO.member2Mx).filter((m) => m.text?.includes("crash test"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].messageId).toBe(heldId);
    expect(smtp.attempts.filter((a) => a.messageId === heldId)).toHaveLength(2);
    smtp.respond = () => 250;
  });

  it.runIf(database === "postgres")(
    "with two processes on one database, sends each message once",
    async () => {
      const second = await startServer({
        databaseUrl: server.databaseUrl,
        env: {
          SMTP_URL: smtp.url,
          MAIL_FROM: "Acuerdo <acuerdo@example.org>",
          MAIL_SENDER_MS: "150",
          SEED_DEMO: "never",
        },
      });
      try {
        const paperId = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", LABOUR);
        const before = smtp.to(DEMO.memberHn).length;
        for (let i = 0; i < 12; i++)
          await mention(DEMO.memberUs, paperId, `@Carlos Mejía round ${i} of twelve.`);
        await smtp.waitFor(() => smtp.to(DEMO.memberHn).length >= before + 12, "twelve mails");
        await settledFor(DEMO.memberHn);
        const rounds = smtp.to(DEMO.memberHn).filter((m) => /round \d+ of twelve/.test(m.text ?? ""));
        expect(rounds).toHaveLength(12);
        expect(new Set(rounds.map((m) => m.messageId)).size).toBe(12);
      } finally {
        await second.stop();
      }
    },
  );
});
