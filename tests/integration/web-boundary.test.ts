import http from "node:http";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

// Point 4 of "trust nothing a client sends": every route, with a body too large, the wrong content type,
// an undecodable body, NUL bytes and numbers out of range in its path and query, answers 4xx (or a page),
// never 5xx; a 413 says so in both languages and echoes nothing.

const database = databaseTargets().at(-1)!;
const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

describe(`the web boundary on every route (${database})`, () => {
  let server: TestServer;
  let cochair: HttpClient;
  let paperId: string;

  beforeAll(async () => {
    server = await startServer({ database });
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    paperId = await paperIdByTitle(cochair, "rmsg", "Legal pathways for regional labour mobility");
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** Every route file as a URL, with its params filled with `fill(name)`. */
  function routeUrls(fill: (param: string) => string): string[] {
    return readdirSync(ROUTES)
      .filter((file) => file.endsWith(".tsx"))
      .map((file) => {
        const segments = file
          .replace(/\.tsx$/, "")
          .split(".")
          .filter((segment) => segment !== "_index")
          .map((segment) => segment.replace(/_$/, ""));
        return (
          "/" +
          segments.map((segment) => (segment.startsWith("$") ? fill(segment.slice(1)) : segment)).join("/")
        );
      });
  }

  const real: Record<string, () => string> = {
    slug: () => "rmsg",
    paperId: () => paperId,
    voteId: () => "nope",
    templateId: () => "nope",
    number: () => "1",
    token: () => "nope",
    format: () => "md",
  };

  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    return fetch(server.url + url, {
      redirect: "manual",
      ...init,
      headers: {
        Cookie: cochair.cookieString,
        Origin: server.url,
        ...(init.headers as Record<string, string>),
      },
    });
  }

  it("sends a page whole, with its length and without chunked encoding, as it does an error page", async () => {
    // node:http rather than fetch: no Accept-Encoding, so the page is not compressed on the way.
    const get = (url: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(server.url + url, { headers: { Cookie: cochair.cookieString } }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
          })
          .on("error", reject);
      });
    for (const [url, status] of [
      [`/g/rmsg/papers/${paperId}`, 200],
      ["/g/rmsg", 200],
      ["/g/rmsg/papers/nope", 404],
    ] as const) {
      const page = await get(url);
      expect(page.status, url).toBe(status);
      expect(page.headers["transfer-encoding"], url).toBeUndefined();
      expect(Number(page.headers["content-length"]), url).toBe(page.body.byteLength);
      // All of it: the document, and after it the loader data Remix streams in (it ends with the close).
      expect(page.body.toString("utf8"), url).toMatch(
        /^<!DOCTYPE html>.*<\/html>.*streamController\.close\(\);<\/script>(<!--\/\$-->)*$/s,
      );
    }
  });

  it("answers NUL bytes, bad percent-encoding and out-of-range numbers in paths and queries with 4xx, never 5xx", async () => {
    const failures: string[] = [];
    const paramValues = [
      "%00",
      "a%00b",
      "%E0%A4%A",
      "%",
      "99999999999999999999999",
      "-1",
      "1e400",
      "NaN",
      "0x7fffffff",
    ];
    const queries = [
      "?page=99999999999999999999",
      "?number=-99999999999999999999",
      "?view=%00",
      "?redirectTo=%E0%A4%A",
      "?lang=es%00",
      "?q=%ZZ",
    ];
    for (const value of paramValues) {
      for (const url of routeUrls((param) => (param === "slug" && value.length < 3 ? "rmsg" : value))) {
        const response = await request(url);
        if (response.status >= 500) failures.push(`${response.status} GET ${url}`);
      }
    }
    for (const query of queries) {
      for (const url of routeUrls((param) => real[param]?.() ?? "x")) {
        const response = await request(url + query);
        if (response.status >= 500) failures.push(`${response.status} GET ${url}${query}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers the wrong content type, an undecodable body and garbage with 4xx on every route, never 5xx", async () => {
    const failures: string[] = [];
    const bodies: [string, Record<string, string>, BodyInit][] = [
      ["JSON", { "Content-Type": "application/json" }, '{"intent": "status", "status": "REVIEW"}'],
      ["plain text", { "Content-Type": "text/plain" }, "intent=status"],
      ["no content type", {}, "intent=x"],
      [
        "bad percent-encoding",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=%E0%A4%A&x=%",
      ],
      [
        "a NUL byte",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=stance%00&value=\u0000",
      ],
      [
        "broken multipart",
        { "Content-Type": "multipart/form-data; boundary=zz" },
        "--zz\r\nContent-Disposition: form",
      ],
      ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "x"],
      ["an unknown charset", { "Content-Type": "application/x-www-form-urlencoded; charset=klingon" }, "a=b"],
      [
        "huge numbers",
        { "Content-Type": "application/x-www-form-urlencoded" },
        "intent=vote&quorumPercent=1e400&tzOffset=99999999999999999999&position=-99999999999999999999",
      ],
    ];
    for (const url of routeUrls((param) => real[param]?.() ?? "x")) {
      for (const [what, headers, body] of bodies) {
        const response = await request(url, { method: "POST", headers, body });
        if (response.status >= 500) failures.push(`${response.status} POST ${url} with ${what}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses a body over the limit with 413 in both languages before reading it, and echoes nothing", async () => {
    const huge = "email=" + "a".repeat(5 * 1024 * 1024) + "&password=x";
    for (const url of ["/login", `/g/rmsg/papers/${paperId}`, "/settings/language"]) {
      const response = await request(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: huge,
      });
      expect(response.status, url).toBe(413);
      const text = await response.text();
      expect(text).toContain("larger than Acuerdo accepts");
      expect(text).toContain("más grande de lo que Acuerdo acepta");
      expect(text.length).toBeLessThan(2000);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("gives back no more of a refused field than the field accepts", async () => {
    const response = await new HttpClient(server.url).post("/login", {
      email: "x".repeat(300_000),
      password: "whatever",
    });
    expect(response.status).toBeLessThan(500);
    expect((await response.text()).length).toBeLessThan(100_000);
  });
});
