// The browser's messages come as a script of their own (catalogueScript), cached for good, named by each
// page; no page's HTML carries a catalogue.
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { es } from "~/i18n/es";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { databaseTargets } from "../support/services";

const database = databaseTargets().at(-1)!;

describe(`the messages' script (${database})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ database });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const scriptOf = (html: string) => /<script src="(\/i18n\/(en|es)\.[0-9a-f]{12}\.js)"/.exec(html);

  it("is named by each page in its language, cached for good, and holds that language's messages", async () => {
    const client = new HttpClient(server.url);
    await client.login(DEMO.memberMx, "acuerdo-demo", "es");
    const html = await (await client.get("/g/rmsg")).text();
    const found = scriptOf(html);
    expect(found?.[2]).toBe("es");
    // A message the group page never shows is in the script, not in the page.
    expect(html).not.toContain(es["errors.memberUnknown"]);
    const response = await client.get(found![1]);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const body = await response.text();
    const window: { __acuerdoMessages?: Record<string, Record<string, string>> } = {};
    runInNewContext(body, { window });
    expect(window.__acuerdoMessages?.es["errors.memberUnknown"]).toBe(es["errors.memberUnknown"]);
    // Mail texts stay on the server.
    expect(
      Object.keys(window.__acuerdoMessages?.es ?? {}).some((key) => key.startsWith("mail.subject")),
    ).toBe(false);
  });

  it("answers an older hash with today's texts, uncached, and an unknown language or name with 404", async () => {
    const client = new HttpClient(server.url);
    const old = await client.get("/i18n/en.000000000000.js");
    expect(old.status).toBe(200);
    expect(old.headers.get("cache-control")).toBe("no-store");
    expect(await old.text()).toContain('["en"]=');
    for (const path of ["/i18n/xx.000000000000.js", "/i18n/en.js", "/i18n/en.0000.js", "/i18n/..%2Fen.js"])
      expect((await client.get(path)).status, path).toBe(404);
  });
});
