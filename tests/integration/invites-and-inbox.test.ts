import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

async function delegationIdOf(client: HttpClient, name: string): Promise<string> {
  const html = await (await client.get("/g/rmsg/members")).text();
  const match = new RegExp(`<option value="([^"]+)">${name}</option>`).exec(html);
  if (!match) throw new Error(`no delegation ${name}`);
  return match[1];
}

function linkIn(html: string): string {
  const link = /value="(http:\/\/[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(html)?.[1];
  if (!link) throw new Error("no invitation link on the page");
  return link;
}

/** The id of the pending invitation for an email, from its revoke form. */
async function inviteIdOf(client: HttpClient, email: string): Promise<string> {
  const html = await (await client.get("/g/rmsg/members")).text();
  const item = html.split("<li").find((chunk) => chunk.includes(email) && chunk.includes('name="inviteId"'));
  const match = item && /name="inviteId" value="([^"]+)"/.exec(item);
  if (!match) throw new Error(`no pending invitation for ${email}`);
  return match[1];
}

describe.each(databaseTargets())("invitations and the inbox (%s)", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("revokes a pending invitation: its link stops working and the log says so", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const mx = await delegationIdOf(cochair, "Mexico");
    const created = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "revocada@example.org",
      role: "MEMBER",
      delegationId: mx,
    });
    const link = linkIn(await created.text());
    const id = await inviteIdOf(cochair, "revocada@example.org");

    const revoked = await cochair.post("/g/rmsg/members", { intent: "revoke", inviteId: id });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("The invitation for revocada@example.org was revoked");
    expect(await (await cochair.get("/g/rmsg/members")).text()).not.toContain("revocada@example.org");
    const invitee = await (await new HttpClient(server.url).get(new URL(link).pathname)).text();
    expect(invitee).not.toContain('name="password"');

    // Twice, or after it was used: refused with a reason, nothing changes.
    const again = await cochair.post("/g/rmsg/members", { intent: "revoke", inviteId: id });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("no longer pending");
    const audit = await (await cochair.get("/g/rmsg/audit?kind=member.invite_revoked")).text();
    expect(audit).toContain("revoked an invitation (Member, Mexico)");
  });

  it("sends an invitation again with a new link that works while the old one does not", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const mx = await delegationIdOf(cochair, "Mexico");
    const first = linkIn(
      await (
        await cochair.post("/g/rmsg/members", {
          intent: "invite",
          email: "reenviada@example.org",
          name: "Reenviada",
          role: "MEMBER",
          delegationId: mx,
        })
      ).text(),
    );
    const id = await inviteIdOf(cochair, "reenviada@example.org");
    const renewed = await cochair.post("/g/rmsg/members", { intent: "renew", inviteId: id });
    expect(renewed.status).toBe(200);
    const html = await renewed.text();
    expect(html).toContain("A new link for reenviada@example.org");
    const second = linkIn(html);
    expect(second).not.toBe(first);

    const stale = await (await new HttpClient(server.url).get(new URL(first).pathname)).text();
    expect(stale).not.toContain('name="password"');
    const invitee = new HttpClient(server.url);
    const page = await (await invitee.get(new URL(second).pathname)).text();
    expect(page).toContain('name="password"');
  });

  it("refuses revoke and resend to someone who may not manage members, and a made-up invitation", async () => {
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberSv);
    expect((await member.post("/g/rmsg/members", { intent: "revoke", inviteId: "x" })).status).toBe(403);
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const made = await cochair.post("/g/rmsg/members", { intent: "renew", inviteId: "no-such-invite" });
    expect(made.status).toBe(409);
    expect((await cochair.post("/g/rmsg/members", { intent: "revoke", inviteId: "" })).status).toBe(400);
  });

  it("marks a notification read when it is opened from the inbox, and goes to its place", async () => {
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberHn);
    const inbox = await (await member.get("/inbox")).text();
    const open = /href="(\/inbox\/([A-Za-z0-9_-]+)\/open)"/.exec(inbox);
    expect(open, "the demo gives member.hn an unread mention").toBeTruthy();
    const response = await member.get(open![1]);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/g\/rmsg\/papers\/[a-z0-9]+(#thread-[a-z0-9]+)?$/);
    const after = await (await member.get("/inbox")).text();
    expect(after).not.toContain(`/inbox/${open![2]}/open`);

    // Someone else's notification, or a made-up one, leads back to the inbox and changes nothing.
    const other = new HttpClient(server.url);
    await other.login(DEMO.memberSv);
    const foreign = await other.get(`/inbox/${open![2]}/open`);
    expect(foreign.headers.get("location")).toBe("/inbox");
    expect((await other.get("/inbox/..%2F..%2Fetc/open")).headers.get("location")).toBe("/inbox");
  });
});
