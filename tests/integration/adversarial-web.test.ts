import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

// Part 10 of the adversarial suite: the web side. Cross-origin and origin-less POSTs to every action are
// refused with 403 and change nothing; sessions rotate at sign-in; cookies carry HttpOnly, SameSite=Lax
// and (under https) Secure; throttling per account and per address; an unknown email and a wrong
// password answer alike, in the same time; password hashes are argon2id at OWASP's parameters and
// older ones are rehashed at sign-in.

const database = databaseTargets().at(-1)!;
const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

/** Tables the server derives in the background (search-index.server.ts). */
const DERIVED_TABLES = ["SearchEntry", "SearchWord"];
describe(`the web side under attack (${database})`, () => {
  let server: TestServer;
  let cochair: HttpClient;
  let ip = 0;
  /** Each caller its own address (the server trusts X-Forwarded-For here), so per-address throttling stays out of the way unless tested. */
  const from = () => ({ "X-Forwarded-For": `203.0.113.${(ip = (ip % 250) + 1)}` });

  beforeAll(async () => {
    server = await startServer({ database, env: { TRUST_PROXY: "1" } });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Runs SQL against the server's database (PostgreSQL alongside the server; the embedded one between a stop and a restart). */
  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (server.databaseUrl) {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    }
    await server.stop();
    const opened = await openDatabase({ DATA_DIR: server.dataDir });
    try {
      return await opened.raw.query<T>(
        sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(params[Number(n) - 1]).replace(/'/g, "''")}'`),
      );
    } finally {
      await opened.close();
      await server.restart();
    }
  }

  /**
   * An exact fingerprint of every table's content, but the search index's: the server rebuilds it in the
   * background from the documents (after a start, and a moment after edits), with new row ids each time,
   * and no request writes it. The documents it is built from are fingerprinted.
   */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = (
      await query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).filter(({ name }) => !DERIVED_TABLES.includes(name));
    const union = tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
      )
      .join(" UNION ALL ");
    const rows = await query<{ name: string; sum: string }>(union);
    return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
  }

  it("refuses a cross-origin or origin-less POST to every action with 403, and changes nothing", async () => {
    const paperId = await paperIdByTitle(cochair, "rmsg", "Protection systems for people on the move");
    const templates = await (await cochair.get("/g/rmsg/templates")).text();
    const templateId = /href="\/g\/rmsg\/templates\/([A-Za-z0-9_-]+)"/.exec(templates)![1];
    // One request per route with an action, each with a body it would act on if it were allowed.
    const actions: Record<string, [string, Record<string, string>]> = {
      "g.$slug.members.tsx": [
        "/g/rmsg/members",
        { intent: "invite", email: "evil@example.org", role: "COCHAIR", delegationId: "" },
      ],
      "g.$slug.papers.$paperId.tsx": [`/g/rmsg/papers/${paperId}`, { intent: "status", status: "WITHDRAWN" }],
      "g.$slug.papers.$paperId_.threads.tsx": [
        `/g/rmsg/papers/${paperId}/threads`,
        { intent: "create", sectionKey: "finding", body: "Forged comment" },
      ],
      "g.$slug.papers.$paperId_.vote.tsx": [
        `/g/rmsg/papers/${paperId}/vote`,
        { tzOffset: "0", kind: "CONSENSUS", deadline: "2099-01-01T00:00:00", quorumPercent: "10" },
      ],
      "g.$slug.papers.new.tsx": [
        "/g/rmsg/papers/new",
        { title: "Forged paper", templateId, leadDelegationId: "" },
      ],
      "g.$slug.details.tsx": [
        "/g/rmsg/details",
        { name: "Forged group", nameEs: "", description: "", descriptionEs: "" },
      ],
      "g.$slug.report_.edit.tsx": ["/g/rmsg/report/edit", { intent: "order", order: paperId }],
      "g.$slug.templates.$templateId.tsx": [
        `/g/rmsg/templates/${templateId}`,
        { intent: "save", name: "Forged template" },
      ],
      "g.$slug.templates._index.tsx": ["/g/rmsg/templates", { intent: "create", name: "Forged template" }],
      "g.$slug.votes.$voteId.tsx": ["/g/rmsg/votes/no-such-vote", { intent: "cancel", reason: "Forged" }],
      "inbox.tsx": ["/inbox", { intent: "readAll" }],
      "invite.$token.tsx": ["/invite/forged-token", { name: "Evil", password: "a-long-password-123" }],
      "login.tsx": ["/login", { email: DEMO.cochairMx, password: "acuerdo-demo" }],
      "logout.tsx": ["/logout", {}],
      "settings.language.tsx": ["/settings/language", { locale: "es", redirectTo: "/" }],
      "settings.password.tsx": [
        "/settings/password",
        { currentPassword: "acuerdo-demo", newPassword: "forged-password-123" },
      ],
      "forgot-password.tsx": ["/forgot-password", { email: DEMO.cochairMx }],
      "reset-password.$token.tsx": ["/reset-password/forged-token", { password: "forged-password-123" }],
      "settings.notifications.tsx": ["/settings/notifications", { mention: "OFF", digestHour: "3" }],
      "settings.time-zone.tsx": ["/settings/time-zone", { timeZone: "Asia/Tokyo" }],
      "g.$slug.papers.import.tsx": ["/g/rmsg/papers/import", { intent: "create", draftId: "forged" }],
      "g.$slug.papers.$paperId_.suggestions.tsx": [
        `/g/rmsg/papers/${paperId}/suggestions`,
        { intent: "drafting", mode: "PENHOLDER" },
      ],
      "g.$slug.papers.$paperId_.import-translation.tsx": [
        `/g/rmsg/papers/${paperId}/import-translation`,
        { intent: "create", draftId: "forged" },
      ],
    };
    // One-click unsubscribe (RFC 8058) is posted by mail clients, which send no Origin: the signed token
    // in its URL is the proof instead, and the mail tests refuse a forged one.
    const exempt = ["unsubscribe.tsx"];
    // A route with an action that this list does not cover fails the test: every action is checked.
    const withAction = readdirSync(ROUTES).filter((file) =>
      readFileSync(path.join(ROUTES, file), "utf8").includes("export async function action"),
    );
    expect(withAction.filter((file) => !exempt.includes(file)).sort()).toEqual(Object.keys(actions).sort());

    const before = await fingerprint();
    const attempts: [string, Record<string, string>][] = [
      ["a foreign Origin", { Origin: "https://evil.example" }],
      ["Origin: null", { Origin: "null" }],
      ["a foreign Referer and no Origin", { Referer: "https://evil.example/page" }],
      ["neither Origin nor Referer", {}],
      ["a look-alike origin", { Origin: `${server.url}.evil.example` }],
    ];
    let refused = 0;
    for (const [route, [url, form]] of Object.entries(actions)) {
      for (const [what, headers] of attempts) {
        const response = await fetch(server.url + url, {
          method: "POST",
          redirect: "manual",
          headers: {
            Cookie: cochair.cookieString,
            "Content-Type": "application/x-www-form-urlencoded",
            ...headers,
          },
          body: new URLSearchParams(form).toString(),
        });
        expect(response.status, `${route} with ${what}`).toBe(403);
        expect(await response.text()).toContain("Cross-origin request refused");
        expect(response.headers.getSetCookie(), `${route} with ${what}`).toEqual([]);
        refused += 1;
      }
    }
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const response = await fetch(`${server.url}/g/rmsg/members`, {
        method,
        headers: { Cookie: cochair.cookieString, Origin: "https://evil.example" },
      });
      expect(response.status, method).toBe(403);
      refused += 1;
    }
    expect(await fingerprint()).toEqual(before);
    console.log(
      `web: ${refused} cross-origin or origin-less requests to ${withAction.length} actions refused with 403; every table unchanged`,
    );
    // The session survived all of it.
    expect((await cochair.get("/g/rmsg")).status).toBe(200);
  });

  it("rotates the session at sign-in: a cookie planted before is never the signed-in session", async () => {
    const attacker = new HttpClient(server.url);
    await attacker.login(DEMO.observer);
    const planted = attacker.cookie("acuerdo_session")!;
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: `acuerdo_session=${planted}`,
        Origin: server.url,
        "Content-Type": "application/x-www-form-urlencoded",
        ...from(),
      },
      body: new URLSearchParams({ email: DEMO.memberGt, password: "acuerdo-demo" }).toString(),
    });
    expect(response.status).toBe(302);
    const issued = response.headers.getSetCookie().find((c) => c.startsWith("acuerdo_session="))!;
    expect(issued.split(";")[0]).not.toBe(`acuerdo_session=${planted}`);
    // The planted cookie is still only the attacker's own session.
    expect(
      await (await fetch(`${server.url}/`, { headers: { Cookie: `acuerdo_session=${planted}` } })).text(),
    ).not.toContain("Signed in as Ana");
  });

  it("marks every cookie HttpOnly and SameSite=Lax, and Secure under https", async () => {
    const origin = `https://127.0.0.1:${server.port}`;
    const headers = {
      Origin: origin,
      "X-Forwarded-Proto": "https",
      "Content-Type": "application/x-www-form-urlencoded",
      ...from(),
    };
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers,
      body: new URLSearchParams({ email: DEMO.memberMx, password: "acuerdo-demo" }).toString(),
    });
    expect(login.status).toBe(302);
    const session = login.headers.getSetCookie()[0].split(";")[0];
    const language = await fetch(`${server.url}/settings/language`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, Cookie: session },
      body: new URLSearchParams({ locale: "en", redirectTo: "/" }).toString(),
    });
    const cookies = [...login.headers.getSetCookie(), ...language.headers.getSetCookie()];
    expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["acuerdo_lang", "acuerdo_session"]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Secure/i);
    }
    // And not Secure over plain http (the cookie would never come back).
    const plain = new HttpClient(server.url);
    const response = await plain.post("/login", { email: DEMO.memberMx, password: "acuerdo-demo" }, from());
    expect(response.headers.getSetCookie()[0]).not.toMatch(/Secure/i);
  });

  it("throttles by address across accounts, and one address's mistakes do not lock the account elsewhere", async () => {
    const office = { "X-Forwarded-For": "198.51.100.7" };
    const accounts = [DEMO.memberUs, DEMO.memberSv, DEMO.memberHn, DEMO.member2Mx, DEMO.cochairUs];
    for (let i = 0; i < 20; i += 1) {
      const response = await new HttpClient(server.url).post(
        "/login",
        { email: accounts[i % accounts.length], password: `wrong-${i}` },
        office,
      );
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await new HttpClient(server.url).post(
      "/login",
      { email: DEMO.memberGt, password: "acuerdo-demo" },
      office,
    );
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/try again after \d\d:\d\d/);
    // The same person from another address signs in: an address cannot lock an account out.
    expect(
      (
        await new HttpClient(server.url).post(
          "/login",
          { email: DEMO.memberGt, password: "acuerdo-demo" },
          from(),
        )
      ).status,
    ).toBe(302);
    // Four wrong passwords for an account each from another address leave it usable from a fifth (the limit is five).
    for (let i = 0; i < 4; i += 1)
      expect(
        (
          await new HttpClient(server.url).post(
            "/login",
            { email: DEMO.secretariat, password: `nope-${i}` },
            from(),
          )
        ).status,
      ).toBe(401);
    expect(
      (
        await new HttpClient(server.url).post(
          "/login",
          { email: DEMO.secretariat, password: "acuerdo-demo" },
          from(),
        )
      ).status,
    ).toBe(302);
  });

  it("answers an unknown email and a wrong password alike: status, body and time within noise", async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      const response = await new HttpClient(server.url).post(
        "/login",
        { email, password: "wrong-password" },
        from(),
      );
      const ms = performance.now() - start;
      return {
        status: response.status,
        body: (await response.text())
          .replace(/nonce="[^"]+"/g, "")
          // The page carries its render time (relative times hydrate from it): not a difference.
          .replace(/\\"now\\",\\"[^"\\]+\\"/g, "NOW")
          .replaceAll(email, "EMAIL"),
        ms,
      };
    };
    // Warm up both paths, then alternate; each known account gets at most four failures.
    await timed("warmup@example.org");
    const known = [
      DEMO.cochairGt,
      DEMO.observer,
      "member2.us@example.org",
      "member2.hn@example.org",
      "member2.sv@example.org",
      "member2.gt@example.org",
    ];
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const a = await timed(known[i % known.length]);
      const b = await timed(`nobody-${i}@example.org`);
      expect([a.status, b.status]).toEqual([401, 401]);
      expect(a.body).toBe(b.body);
      wrong.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const spread = (xs: number[]) => median(xs.map((x) => Math.abs(x - median(xs))));
    const difference = Math.abs(median(wrong) - median(unknown));
    const noise = Math.max(spread(wrong), spread(unknown));
    console.log(
      `login timing over ${wrong.length} pairs: wrong password median ${median(wrong).toFixed(1)} ms, unknown email ${median(unknown).toFixed(1)} ms, difference ${difference.toFixed(1)} ms, noise (median absolute deviation) ${noise.toFixed(1)} ms`,
    );
    // Within noise: no more apart than their own scatter, with a small floor for a quiet machine.
    expect(difference).toBeLessThanOrEqual(Math.max(3 * noise, 0.2 * median(wrong), 10));
  });

  it("stores argon2id hashes at OWASP's parameters or stronger, and rehashes an older one at sign-in", async () => {
    const weak = await hash("acuerdo-demo", { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await query(`UPDATE "User" SET "passwordHash" = $1 WHERE email = $2`, [weak, DEMO.memberSv]);
    expect(
      (
        await new HttpClient(server.url).post(
          "/login",
          { email: DEMO.memberSv, password: "acuerdo-demo" },
          from(),
        )
      ).status,
    ).toBe(302);
    const rows = await query<{ email: string; passwordHash: string }>(
      `SELECT email, "passwordHash" FROM "User" ORDER BY email`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const { email, passwordHash } of rows) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
      expect(match, email).not.toBeNull();
      expect(Number(match![1]), email).toBeGreaterThanOrEqual(19 * 1024);
      expect(Number(match![2]), email).toBeGreaterThanOrEqual(2);
    }
    expect(rows.find((r) => r.email === DEMO.memberSv)!.passwordHash).not.toBe(weak);
    console.log(
      `passwords: ${rows.length} stored hashes, all argon2id with m >= 19456 KiB and t >= 2; a m=4096,t=1 hash was rehashed at sign-in`,
    );
  });
});
