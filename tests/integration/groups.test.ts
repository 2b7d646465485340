import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

/** Pulls `name="membershipId" value="…"` for a person out of the members page. */
async function membershipIdOf(client: HttpClient, slug: string, email: string): Promise<string> {
  const html = await (await client.get(`/g/${slug}/members`)).text();
  const row = html.split("<tr>").find((chunk) => chunk.includes(email));
  const match = row && /name="membershipId" value="([^"]+)"/.exec(row);
  if (!match) throw new Error(`no membership row for ${email}`);
  return match[1];
}

async function delegationIdOf(client: HttpClient, slug: string, name: string): Promise<string> {
  const html = await (await client.get(`/g/${slug}/members`)).text();
  const match = new RegExp(`<option value="([^"]+)">${name}</option>`).exec(html);
  if (!match) throw new Error(`no delegation ${name}`);
  return match[1];
}

describe.each(databaseTargets())("groups, members and invitations (%s)", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("shows a member the group's delegations with their members and roles", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.memberSv);
    const html = await (await client.get("/g/rmsg")).text();
    for (const name of ["United States", "Mexico", "El Salvador", "Guatemala", "Honduras"])
      expect(html).toContain(name);
    expect(html).toContain("Margaret Ellison");
    expect(html).toContain("Co-chair");
    expect(html).toContain("Secretariat");
  });

  it("answers 404 for every URL of a group to someone who is not a member, and for unknown groups", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.cochairUs);
    for (const path of [
      "/g/remesas",
      "/g/remesas/members",
      "/g/remesas/report",
      "/g/remesas/papers/anything",
      "/g/no-such-group",
      "/g/..%2Fetc",
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Remittances and Development");
    }
    const post = await client.post("/g/remesas/members", {
      intent: "invite",
      email: "x@example.org",
      role: "MEMBER",
      delegationId: "",
    });
    expect(post.status).toBe(404);
  });

  it("sends someone who is not signed in to the sign-in page", async () => {
    const response = await new HttpClient(server.url).get("/g/rmsg/members");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fg%2Frmsg%2Fmembers");
  });

  it("lets a co-chair invite someone by a single-use link that creates their account", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const mx = await delegationIdOf(cochair, "rmsg", "Mexico");
    const created = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "  Nueva.Delegada@Example.org ",
      name: "Nueva Delegada",
      role: "MEMBER",
      delegationId: mx,
    });
    expect(created.status).toBe(200);
    const html = await created.text();
    const link = /value="(http:\/\/[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(html)?.[1];
    expect(link).toBeTruthy();
    expect(await (await cochair.get("/g/rmsg/members")).text()).toContain("nueva.delegada@example.org");

    const invitee = new HttpClient(server.url);
    const path = new URL(link!).pathname;
    const page = await (await invitee.get(path)).text();
    expect(page).toContain("as Member of the Mexico delegation");

    const tooShort = await invitee.post(path, { name: "Nueva Delegada", password: "short" });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("at least 10 characters");

    const accepted = await invitee.post(path, { name: "Nueva Delegada", password: "una-clave-larga" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/g/rmsg");
    expect((await invitee.get("/g/rmsg")).status).toBe(200);

    const again = await new HttpClient(server.url).post(path, {
      name: "Someone Else",
      password: "another-long-one",
    });
    expect(again.status).toBe(410);
    const signIn = new HttpClient(server.url);
    await signIn.login("nueva.delegada@example.org", "una-clave-larga");
    const roster = await (await signIn.get("/g/rmsg")).text();
    expect(roster).toContain("Nueva Delegada");
  });

  it("adds an existing account to a group when it accepts while signed in", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairGt);
    const gt = await delegationIdOf(cochair, "remesas", "Guatemala");
    const created = await (
      await cochair.post("/g/remesas/members", {
        intent: "invite",
        email: DEMO.memberGt,
        role: "OBSERVER",
        delegationId: gt,
      })
    ).text();
    const path = new URL(/value="(http:\/\/[^"]+\/invite\/[^"]+)"/.exec(created)![1]).pathname;

    const wrongPerson = new HttpClient(server.url);
    await wrongPerson.login(DEMO.memberUs);
    const refused = await wrongPerson.post(path, {});
    expect(refused.status).toBe(403);
    expect((await wrongPerson.get("/g/remesas")).status).toBe(404);

    const invitee = new HttpClient(server.url);
    await invitee.login(DEMO.memberGt);
    const accepted = await invitee.post(path, {});
    expect(accepted.status).toBe(302);
    expect((await invitee.get("/g/remesas")).status).toBe(200);
  });

  it("refuses an invitation with a bad email or a missing delegation, and stores nothing", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairUs);
    const bad = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "not-an-email",
      role: "MEMBER",
      delegationId: "",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter a valid email address.");
    expect(badHtml).toContain("Choose a delegation");
    const noDelegation = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "someone.new@example.org",
      role: "MEMBER",
      delegationId: "",
    });
    expect(noDelegation.status).toBe(400);
    const foreign = await cochair.post("/g/rmsg/members", {
      intent: "invite",
      email: "someone.new@example.org",
      role: "MEMBER",
      delegationId: "not-a-delegation",
    });
    expect(foreign.status).toBe(400);
    const members = await (await cochair.get("/g/rmsg/members")).text();
    expect(members).not.toContain("someone.new@example.org");
    expect(members).not.toContain("not-an-email");
  });

  it("refuses members and observers who try to invite or change roles", async () => {
    for (const email of [DEMO.memberUs, DEMO.observer]) {
      const client = new HttpClient(server.url);
      await client.login(email);
      const page = await (await client.get("/g/rmsg/members")).text();
      expect(page).toContain("Only co-chairs and the secretariat can invite people");
      const invite = await client.post("/g/rmsg/members", {
        intent: "invite",
        email: "sneaky@example.org",
        role: "COCHAIR",
        delegationId: "",
      });
      expect(invite.status).toBe(403);
    }
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairUs);
    const target = await membershipIdOf(cochair, "rmsg", DEMO.memberHn);
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberUs);
    const change = await member.post("/g/rmsg/members", {
      intent: "change",
      membershipId: target,
      role: "COCHAIR",
      delegationId: "",
    });
    expect(change.status).toBe(403);
    expect(await (await cochair.get("/g/rmsg/members")).text()).not.toContain("sneaky@example.org");
  });

  it("lets the secretariat change a member's role and delegation", async () => {
    const secretariat = new HttpClient(server.url);
    await secretariat.login(DEMO.secretariat);
    const id = await membershipIdOf(secretariat, "rmsg", DEMO.memberHn);
    const hn = await delegationIdOf(secretariat, "rmsg", "Honduras");
    const response = await secretariat.post("/g/rmsg/members", {
      intent: "change",
      membershipId: id,
      role: "OBSERVER",
      delegationId: hn,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Changes saved.");
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberHn);
    const invite = await member.post("/g/rmsg/members", {
      intent: "invite",
      email: "x@example.org",
      role: "MEMBER",
      delegationId: hn,
    });
    expect(invite.status).toBe(403);
    const home = await (await member.get("/")).text();
    expect(home).toContain("Your role: Observer");
  });

  it("never removes or demotes the last co-chair of a group", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairGt);
    const self = await membershipIdOf(cochair, "remesas", DEMO.cochairGt);
    const removal = await cochair.post("/g/remesas/members", { intent: "remove", membershipId: self });
    expect(removal.status).toBe(409);
    expect(await removal.text()).toContain("A group needs at least one co-chair");
    const demotion = await cochair.post("/g/remesas/members", {
      intent: "change",
      membershipId: self,
      role: "MEMBER",
      delegationId: await delegationIdOf(cochair, "remesas", "Guatemala"),
    });
    expect(demotion.status).toBe(409);
    expect(await (await cochair.get("/g/remesas")).text()).toContain("Co-chair");
  });

  it("removes a member, who then gets 404 for the group", async () => {
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairGt);
    const id = await membershipIdOf(cochair, "remesas", DEMO.memberSv);
    expect((await cochair.post("/g/remesas/members", { intent: "remove", membershipId: id })).status).toBe(
      200,
    );
    const removed = new HttpClient(server.url);
    await removed.login(DEMO.memberSv);
    expect((await removed.get("/g/remesas")).status).toBe(404);
  });

  it("switches the interface to Spanish for a signed-in user and remembers it", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.cochairUs);
    expect((await client.post("/settings/language", { locale: "es", redirectTo: "/g/rmsg" })).status).toBe(
      302,
    );
    const html = await (await client.get("/g/rmsg")).text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Delegaciones");
    const bad = await client.post("/settings/language", { locale: "fr" });
    expect(bad.status).toBe(400);
    const again = new HttpClient(server.url);
    await again.login(DEMO.cochairUs, "acuerdo-demo", null);
    expect(await (await again.get("/")).text()).toContain("Sus grupos");
  });
});
