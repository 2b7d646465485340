import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

async function signIn(email: string, form: Record<string, string>, locale: "en" | "es" = "en") {
  const client = new HttpClient(serverUrl);
  const response = await client.post("/login", { email, password: "acuerdo-demo", ...form });
  expect(response.status).toBe(302);
  await client.post("/settings/language", { locale, redirectTo: "/" });
  return client;
}

async function zoneOf(client: HttpClient): Promise<string> {
  const html = await (await client.get("/settings/time-zone")).text();
  const match = /<option value="([^"]+)" selected/.exec(html);
  return match?.[1] ?? "none selected";
}

let serverUrl = "";

describe.each(databaseTargets())("times and the audit log (%s)", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ database });
    serverUrl = server.url;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("takes the browser's time zone at sign-in, ignores a bogus one and keeps it when none is sent", async () => {
    const client = await signIn(DEMO.memberMx, { timeZone: "America/Mexico_City" });
    expect(await zoneOf(client)).toBe("America/Mexico_City");
    // Times on the pages now name the zone.
    expect((await client.get("/g/rmsg/papers")).status).toBeLessThan(500);
    const inbox = await (await client.get("/settings/time-zone")).text();
    expect(inbox).toMatch(/\(Mexico City\)/);

    await signIn(DEMO.memberMx, { timeZone: "Mars/Olympus" });
    expect(await zoneOf(client)).toBe("America/Mexico_City");
    await signIn(DEMO.memberMx, {});
    expect(await zoneOf(client)).toBe("America/Mexico_City");
  });

  it("changes the zone in settings and refuses one that is not a zone, changing nothing", async () => {
    const client = await signIn(DEMO.memberSv, {}, "es");
    const saved = await client.post("/settings/time-zone", { timeZone: "America/New_York" });
    expect(saved.status).toBe(302);
    expect(await zoneOf(client)).toBe("America/New_York");

    const refused = await client.post("/settings/time-zone", { timeZone: "Europe/Atlantis" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Elija una zona horaria de la lista.");
    expect(await zoneOf(client)).toBe("America/New_York");
  });

  it("opens a vote at a deadline typed on the opener's clock", async () => {
    const cochair = await signIn(DEMO.cochairMx, { timeZone: "America/Mexico_City" });
    const html = await (await cochair.get("/g/rmsg")).text();
    const paperId = [...html.matchAll(/\/g\/rmsg\/papers\/([a-z0-9]{20,})"/g)].map((m) => m[1])[0];
    const form = await (await cochair.get(`/g/rmsg/papers/${paperId}/vote`)).text();
    expect(form).toContain('name="timeZone" value="America/Mexico_City"');
    expect(form).toContain("In your time zone (Mexico City)");
  });

  it("tells the audit log in sentences in the reader's language, without JSON, ids or event names", async () => {
    const english = await signIn(DEMO.cochairUs, {});
    const en = await (await english.get("/g/rmsg/audit")).text();
    expect(en).toMatch(
      /took a stance: Support with reservations — vote on “Recognising the skills of workers who move”/,
    );
    expect(en).toMatch(/The chain is intact: \d+ events/);
    expect(en).not.toContain("stance.cast</");
    expect(en).not.toMatch(/\{&quot;/);

    const spanish = await signIn(DEMO.cochairUs, {}, "es");
    const es = await (await spanish.get("/g/rmsg/audit")).text();
    expect(es).toMatch(/registró su posición: Apoyo con reservas — votación sobre/);
    expect(es).not.toMatch(/took a stance|stance\.cast<|\{&quot;/);
  });

  it("filters by kind, person, paper and day, and names a bad filter while showing the whole log", async () => {
    const client = await signIn(DEMO.cochairUs, {});
    const all = await (await client.get("/g/rmsg/audit")).text();
    const total = Number(/Showing \d+ of (\d+) events/.exec(all)?.[1]);
    expect(total).toBeGreaterThan(5);

    const stances = await (await client.get("/g/rmsg/audit?kind=stance.cast")).text();
    const kinds = [...stances.matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["stance.cast"]));

    const future = await (await client.get("/g/rmsg/audit?from=2099-01-01")).text();
    expect(future).toContain("No event matches these filters.");

    const bad = await (await client.get("/g/rmsg/audit?from=yesterday&kind=drop.table")).text();
    expect(bad).toContain("Enter dates as year-month-day.");
    expect(bad).toContain(`Showing ${Math.min(total, 500)} of ${total} events`);
  });

  it("downloads the filtered log as CSV, and refuses a bad filter", async () => {
    const client = await signIn(DEMO.cochairUs, {});
    const response = await client.get("/g/rmsg/audit/csv?kind=stance.cast");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte-order mark, so spreadsheets read the accents as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe('"#","UTC","When","Who","Kind","Event","Hash"');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain('"Stance taken"');

    expect((await client.get("/g/rmsg/audit/csv?from=nope")).status).toBe(400);
    const member = await signIn(DEMO.memberSv, {});
    expect((await member.get("/g/rmsg/audit/csv")).status).toBeGreaterThanOrEqual(403);
  });
});
