import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

describe.each(databaseTargets())("signing in (%s)", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("answers /healthz with ok when the database answers", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("signs a demo co-chair in with an HttpOnly, SameSite=Lax session cookie and shows their groups", async () => {
    const client = new HttpClient(server.url);
    const response = await client.post("/login", {
      email: DEMO.cochairUs,
      password: "acuerdo-demo",
      redirectTo: "/",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("acuerdo_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure is set under https
    const home = await (await client.get("/")).text();
    expect(home).toContain("Regional Migration Study Group");
    expect(home).not.toContain("Remittances and Development Working Group");
  });

  it("gives a new session id at every sign-in", async () => {
    const first = new HttpClient(server.url);
    await first.login(DEMO.memberMx);
    const second = new HttpClient(server.url);
    await second.login(DEMO.memberMx);
    expect(first.cookie("acuerdo_session")).toBeTruthy();
    expect(first.cookie("acuerdo_session")).not.toBe(second.cookie("acuerdo_session"));
  });

  it("answers an unknown email and a wrong password with the same message", async () => {
    const wrong = await new HttpClient(server.url).post("/login", {
      email: DEMO.memberSv,
      password: "not-the-password",
    });
    const unknown = await new HttpClient(server.url).post("/login", {
      email: "nobody@example.org",
      password: "not-the-password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // Equal but for the email echoed back into the form and the per-response CSP nonce.
    const text = (r: string) =>
      r
        .replace(/nonce="[^"]+"/g, "")
        // The page carries its render time (relative times hydrate from it): not a difference.
        .replace(/\\"now\\",\\"[^"\\]+\\"/g, "NOW")
        .replaceAll(DEMO.memberSv, "EMAIL")
        .replaceAll("nobody@example.org", "EMAIL");
    expect(text(await wrong.text())).toBe(text(await unknown.text()));
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith("acuerdo_session="))).toBe(false);
  });

  it("refuses a malformed sign-in with a message and keeps the email typed", async () => {
    const response = await new HttpClient(server.url).post("/login", {
      email: "someone@example.org",
      password: "",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter your password.");
    expect(html).toContain('value="someone@example.org"');
  });

  it("throttles an account after 5 failures in 15 minutes, even with the right password, and says when to retry", async () => {
    const client = new HttpClient(server.url);
    for (let i = 0; i < 5; i += 1) {
      expect((await client.post("/login", { email: DEMO.memberHn, password: `wrong-${i}` })).status).toBe(
        401,
      );
    }
    const refused = await client.post("/login", { email: DEMO.memberHn, password: "acuerdo-demo" });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(
      /Too many failed attempts\. For your security, try again after \d\d:\d\d/,
    );
    // Another account from the same address is not affected.
    expect(
      (await new HttpClient(server.url).post("/login", { email: DEMO.memberGt, password: "acuerdo-demo" }))
        .status,
    ).toBe(302);
  });

  it("ends the session on the server at sign-out: the old cookie no longer works", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.memberUs);
    const stolen = client.cookieString;
    expect((await client.get("/")).status).toBe(200);
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    const replay = await fetch(`${server.url}/`, { redirect: "manual", headers: { Cookie: stolen } });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });

  it("refuses a cross-origin or origin-less POST and changes nothing", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.cochairMx);
    const evil = await client.post(
      "/g/rmsg/members",
      { intent: "invite", email: "evil@example.org", role: "MEMBER", delegationId: "" },
      { Origin: "https://evil.example" },
    );
    expect(evil.status).toBe(403);
    const noOrigin = new HttpClient(server.url, null);
    const login = await noOrigin.post("/login", { email: DEMO.cochairMx, password: "acuerdo-demo" });
    expect(login.status).toBe(403);
    const members = await (await client.get("/g/rmsg/members")).text();
    expect(members).not.toContain("evil@example.org");
  });

  it("sends security headers: a nonce CSP without unsafe-inline scripts, no framing, no sniffing", async () => {
    const response = await fetch(`${server.url}/login`);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
  });
});
