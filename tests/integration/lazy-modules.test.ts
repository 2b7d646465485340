// Libraries a process needs only for rare requests load on first use, not at start (issue 19, idle
// memory): Word export (docx), Word import (mammoth, yauzl, node-html-parser), PDF (pdfkit), mail
// (nodemailer), and Redis (ioredis) when REDIS_URL is not set. And React's development builds, which
// Node's ES module loader reads while listing React's exports, are not kept (server/module-cache.ts).
// The server runs with a preload that lists every module it loads (tests/support/module-census.mjs).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient } from "../support/http-client";
import { startServer, type TestServer } from "../support/server";

const CENSUS_PRELOAD = path.resolve(import.meta.dirname, "../support/module-census.mjs");
const LAZY = ["docx", "mammoth", "yauzl", "node-html-parser", "pdfkit", "nodemailer", "ioredis"];

/** The packages (by node_modules folder) among the files the server has loaded so far. */
async function loadedPackages(server: TestServer, census: string): Promise<Set<string>> {
  rmSync(`${census}.cjs`, { force: true });
  process.kill(server.pid!, "SIGUSR2");
  for (let i = 0; i < 100 && !existsSync(`${census}.cjs`); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const files = [
    ...readFileSync(census, "utf8").split("\n"),
    ...readFileSync(`${census}.cjs`, "utf8").split("\n"),
  ];
  const packages = new Set<string>();
  for (const file of files) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(file));
    if (match) packages.add(match[1]);
  }
  return packages;
}

describe("modules loaded at start", () => {
  let server: TestServer;
  let dir: string;
  let census: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-census-"));
    census = path.join(dir, "modules");
    server = await startServer({
      env: { NODE_OPTIONS: `--import=${CENSUS_PRELOAD}`, MODULE_CENSUS: census },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leave out the rarely used libraries until a request needs one", async () => {
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberUs);
    // A signed-in page: the app, React and the database are loaded and have answered.
    expect((await member.get("/g/rmsg")).status).toBe(200);
    const atStart = await loadedPackages(server, census);
    expect(atStart.has("react-dom"), "the census sees the app's packages").toBe(true);
    expect(LAZY.filter((name) => atStart.has(name))).toEqual([]);

    // A Word download loads docx (and only then): the census would see a library that had loaded.
    const docx = await member.get("/g/rmsg/report/download/docx?lang=en");
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const afterDownload = await loadedPackages(server, census);
    expect(afterDownload.has("docx")).toBe(true);
  });

  it("does not keep React's development builds", async () => {
    const packages = await loadedPackages(server, census);
    expect(packages.has("react")).toBe(true);
    const kept = readFileSync(`${census}.cjs`, "utf8")
      .split("\n")
      .filter((file) => file.endsWith(".development.js"));
    expect(kept).toEqual([]);
  });
});
