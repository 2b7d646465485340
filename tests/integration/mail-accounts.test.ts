import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { RESET_REQUEST_FLOOR_MS } from "~/modules/auth/password-reset.server";

const RETURN = "Return and reintegration of migrants";

const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe.each(databaseTargets())("invitations, reminders and password resets by email (%s)", (database) => {
  let server: TestServer;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({
      database,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: "Acuerdo <acuerdo@example.org>",
        MAIL_SENDER_MS: "150",
        VOTE_SCHEDULER_MS: "300",
      },
    });
  });
  afterAll(async () => {
    await server?.dispose();
    await smtp?.close();
  });

  async function signedIn(email: string, password = "acuerdo-demo", locale: "en" | "es" | null = "en") {
    const client = new HttpClient(server.url);
    await client.login(email, password, locale);
    return client;
  }

  async function askReset(email: string) {
    const started = Date.now();
    const response = await new HttpClient(server.url).post("/forgot-password", { email });
    return { status: response.status, text: visibleText(await response.text()), ms: Date.now() - started };
  }

  const resetMails = (email: string) =>
    smtp.to(email).filter((m) => /password|contraseña/.test(m.subject ?? ""));

  function resetLink(email: string, nth = 0): string {
    const mail = resetMails(email)[nth];
    const link = /(http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
    if (!link) throw new Error(`no reset link for ${email}`);
    return new URL(link).pathname;
  }

  it("mails an invitation with its link", async () => {
    const cochair = await signedIn(DEMO.cochairMx);
    const members = await (await cochair.get("/g/rmsg/members")).text();
    const mx = /<option value="([^"]+)">Mexico<\/option>/.exec(members)![1];
    const created = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "invitada@example.org",
      name: "Invitada Nueva",
      role: "MEMBER",
      delegationId: mx,
    });
    expect(created.status).toBe(200);
    const shown = /value="(http:\/\/[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(await created.text())![1];
    await smtp.waitFor(() => smtp.to("invitada@example.org").length === 1, "the invitation");
    const mail = smtp.to("invitada@example.org")[0];
    expect(mail.subject).toBe("[Regional Migration Study Group] Andrés Villaseñor invited you to join");
    expect(mail.text).toContain(new URL(shown).pathname);
    expect(mail.text).toContain("as Member");
  });

  it("reminds eligible members without a stance a day before the deadline, naming a delegation that has not taken part", async () => {
    const cochair = await signedIn(DEMO.cochairMx);
    const paperId = await paperIdByTitle(cochair, "rmsg", RETURN);
    expect(
      (await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "REVIEW" })).status,
    ).toBe(200);
    const deadline = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 19);
    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      tzOffset: "0",
      kind: "CONSENSUS",
      deadline,
      quorumPercent: "10",
      minSupportPercent: "50",
    });
    expect(opened.status).toBe(302);
    const voteId = opened.headers.get("location")!.split("/").pop()!;
    // Only the reminders: a daily digest may fall due during the test (it goes out at a fixed local hour).
    const reminders = (email: string) =>
      smtp.to(email).filter((mail) => /Recordatorio|Reminder/.test(mail.subject ?? ""));
    await smtp.waitFor(() => reminders(DEMO.memberHn).length >= 1, "the reminder to Honduras");
    const hn = reminders(DEMO.memberHn)[0];
    expect(hn.subject).toContain("Recordatorio");
    expect(hn.text).toContain("Honduras aún no ha participado.");
    expect(hn.text).toContain(`/g/rmsg/votes/${voteId}`);
    await smtp.waitFor(() => reminders(DEMO.memberUs).length >= 1, "the reminder to the US");
    expect(reminders(DEMO.memberUs)[0].text).toContain("United States has not taken part yet.");
    // The co-chair who opened it gets one too (they have no stance), but nobody gets two.
    for (const email of [DEMO.memberHn, DEMO.memberUs]) expect(reminders(email)).toHaveLength(1);
  });

  it("gives the same answer for an unknown address, in no less time", async () => {
    const known = await askReset(DEMO.memberGt);
    const unknown = await askReset("nobody-here@example.org");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.text).toBe(known.text);
    expect(known.text).toContain("If an account exists for that address");
    expect(known.ms).toBeGreaterThanOrEqual(RESET_REQUEST_FLOOR_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_REQUEST_FLOOR_MS - 5);
    await smtp.waitFor(() => resetMails(DEMO.memberGt).length === 1, "the reset mail");
    expect(smtp.to("nobody-here@example.org")).toHaveLength(0);
  });

  it("resets once with the link, ends every other session, and refuses the link a second time", async () => {
    const elsewhere = await signedIn(DEMO.memberGt, "acuerdo-demo", null);
    expect((await elsewhere.get("/inbox")).status).toBe(200);
    const path = resetLink(DEMO.memberGt);
    const browser = new HttpClient(server.url);
    const form = visibleText(await (await browser.get(path)).text());
    expect(form).toContain("Choose a new password");

    const tooShort = await browser.post(path, { password: "short" });
    expect(tooShort.status).toBe(400);
    const done = await browser.post(path, { password: "a-brand-new-passphrase" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");

    expect((await elsewhere.get("/inbox")).status).toBe(302);
    const again = await browser.post(path, { password: "another-passphrase-2" });
    expect(again.status).toBe(410);
    expect(
      (await new HttpClient(server.url).post("/login", { email: DEMO.memberGt, password: "acuerdo-demo" }))
        .status,
    ).toBe(401);
    await signedIn(DEMO.memberGt, "a-brand-new-passphrase", null);
  });

  it("voids a link when the password changes another way", async () => {
    await askReset(DEMO.memberSv);
    await smtp.waitFor(() => resetMails(DEMO.memberSv).length === 1, "the reset mail");
    const path = resetLink(DEMO.memberSv);
    const member = await signedIn(DEMO.memberSv);
    const changed = await member.post("/settings/password", {
      currentPassword: "acuerdo-demo",
      newPassword: "changed-in-settings",
    });
    expect(changed.status).toBe(302);
    const page = visibleText(await (await new HttpClient(server.url).get(path)).text());
    expect(page).toMatch(/no es válido|not valid any more/);
    expect((await new HttpClient(server.url).post(path, { password: "sneaky-new-password" })).status).toBe(
      410,
    );
  });

  it("throttles reset requests like sign-ins, whether or not the address exists", async () => {
    for (let i = 0; i < 5; i++) expect((await askReset("flood@example.org")).status).toBe(200);
    const refused = await askReset("flood@example.org");
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("Too many requests");
    expect(smtp.to("flood@example.org")).toHaveLength(0);
  });
});
