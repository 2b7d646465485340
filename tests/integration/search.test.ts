import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient } from "../support/collab-client";
import { createPaper } from "../support/papers";
import { databaseTargets } from "../support/services";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The results list of the search page as text, one entry per hit, and each hit's link. */
async function search(client: HttpClient, slug: string, query: string, extra = "") {
  const response = await client.get(`/g/${slug}/search?q=${encodeURIComponent(query)}${extra}`);
  const html = await response.text();
  if (response.status >= 500) throw new Error(`search for ${query} failed with ${response.status}`);
  const list = /<ol class="search-hits">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  const hits = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({
    href: /href="([^"]+)"/.exec(m[1])?.[1]?.replace(/&amp;/g, "&") ?? "",
    html: m[1],
    text: m[1]
      .replace(/<[^>]+>/g, "")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ")
      .trim(),
  }));
  return { status: response.status, hits, html };
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string) {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(databaseTargets())("search across papers and comments (%s)", (database) => {
  let server: TestServer;
  let secretariat: HttpClient;
  let memberMx: HttpClient;
  let cochairUs: HttpClient;
  let cochairGt: HttpClient;
  let paperId = "";

  beforeAll(async () => {
    server = await startServer({ database });
    secretariat = new HttpClient(server.url);
    memberMx = new HttpClient(server.url);
    cochairUs = new HttpClient(server.url);
    cochairGt = new HttpClient(server.url);
    await Promise.all([
      secretariat.login(DEMO.secretariat),
      memberMx.login(DEMO.memberMx),
      cochairUs.login(DEMO.cochairUs),
      cochairGt.login(DEMO.cochairGt),
    ]);
    paperId = await createPaper(secretariat, "rmsg", "Registro consular móvil");
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("finds the demo's seeded text at once, in both languages, with the matched words marked", async () => {
    const { hits } = await search(memberMx, "rmsg", "migrantes");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.html.includes("<mark>migrantes</mark>"))).toBe(true);
    expect(hits.some((h) => h.html.includes("<mark>migrants</mark>"))).toBe(true);
  });

  it("follows an edit made over the WebSocket within seconds, and folds accents and Spanish plurals", async () => {
    const client = collabClient(server.url, memberMx.cookieString, paperId);
    try {
      await client.synced();
      appendParagraph(
        client.doc,
        "finding:es",
        "La migración ordenada de cada migrante necesita un zapotecario registro.",
      );
      appendParagraph(client.doc, "evidence", "Consular registration drives worked in Tapachula.");
      const { ms } = await until(
        () => search(memberMx, "rmsg", "zapotecario"),
        (r) => r.hits.length > 0,
        10_000,
        "the edit to reach the search index",
      );
      console.log(`[search ${database}] an edit was searchable after ${ms} ms`);
    } finally {
      client.destroy();
    }
    // "migracion" without its accent finds "migración"; "migrantes" finds "migrante".
    for (const query of ["migracion ordenada", "migrantes zapotecario", "MIGRACIÓN"]) {
      const { hits } = await search(cochairUs, "rmsg", query);
      const hit = hits.find((h) => h.href.includes(paperId));
      expect(hit, query).toBeDefined();
      expect(hit!.href).toBe(`/g/rmsg/papers/${paperId}?view=both#section-finding`);
      expect(hit!.text).toContain("Spanish");
    }
    // A prefix while typing, and English stemming.
    expect((await search(memberMx, "rmsg", "zapotec")).hits.some((h) => h.href.includes(paperId))).toBe(true);
    const english = (await search(memberMx, "rmsg", "registrations tapachula")).hits;
    expect(english[0]?.href).toBe(`/g/rmsg/papers/${paperId}#section-evidence`);
    // A typo finds the closest spelling the group's text has, and says so.
    const typo = await search(cochairUs, "rmsg", "zapotecaryo");
    expect(typo.hits.some((h) => h.href.includes(paperId))).toBe(true);
    expect(typo.html).toContain("closest spelling");
  });

  it("finds a word from a comment and links to its thread; filters by kind, language and status", async () => {
    const created = await memberMx.post(`/g/rmsg/papers/${paperId}/threads`, {
      intent: "create",
      sectionKey: "recommendation",
      body: "Could the quetzalcoatlus helpdesk cover <b>seasonal</b> workers?",
    });
    expect(created.status).toBe(200);
    const { hits } = await search(cochairUs, "rmsg", "quetzalcoatlus");
    expect(hits).toHaveLength(1);
    expect(hits[0].href).toMatch(new RegExp(`^/g/rmsg/papers/${paperId}#thread-`));
    expect(hits[0].text).toContain("Comment by");
    expect(hits[0].html).not.toContain("<b>");
    expect((await search(cochairUs, "rmsg", "quetzalcoatlus", "&kind=paper")).hits).toHaveLength(0);
    expect((await search(cochairUs, "rmsg", "zapotecario", "&kind=comment")).hits).toHaveLength(0);
    expect((await search(cochairUs, "rmsg", "zapotecario", "&language=en")).hits).toHaveLength(0);
    expect((await search(cochairUs, "rmsg", "zapotecario", "&language=es")).hits.length).toBeGreaterThan(0);
    expect((await search(cochairUs, "rmsg", "zapotecario", "&status=ADOPTED")).hits).toHaveLength(0);
    expect((await search(cochairUs, "rmsg", "zapotecario", "&status=DRAFT")).hits.length).toBeGreaterThan(0);
  });

  it("never shows one group's text to a member of another group", async () => {
    // The Guatemalan co-chair belongs to both groups; the US co-chair and the Mexican member only to rmsg.
    const template = await cochairGt.post("/g/remesas/templates", {
      intent: "save",
      name: "Nota",
      description: "",
      "sections[0].key": "finding",
      "sections[0].title": "Finding",
      "sections[0].guidance": "",
    });
    expect(template.status).toBe(302);
    const remesasPaper = await createPaper(cochairGt, "remesas", "Remesas y ahorro local");
    const client = collabClient(server.url, cochairGt.cookieString, remesasPaper);
    try {
      await client.synced();
      appendParagraph(client.doc, "finding", "The xochimilcoremit fund matches diaspora savings.");
      await until(
        () => search(cochairGt, "remesas", "xochimilcoremit"),
        (r) => r.hits.length > 0,
        10_000,
        "the remesas edit to be indexed",
      );
    } finally {
      client.destroy();
    }
    expect((await search(cochairUs, "rmsg", "xochimilcoremit")).hits).toHaveLength(0);
    expect((await search(memberMx, "rmsg", "xochimilcoremit")).hits).toHaveLength(0);
    expect((await search(cochairGt, "rmsg", "xochimilcoremit")).hits).toHaveLength(0);
    // Nor does a misspelling lead to another group's word (the typo fallback's vocabulary is per group).
    const misspelt = await search(cochairUs, "rmsg", "xochimilcoremitt");
    expect(misspelt.hits).toHaveLength(0);
    expect(misspelt.html).not.toContain("closest spelling");
    expect((await search(cochairGt, "remesas", "xochimilcoremitt")).html).toContain("closest spelling");
    expect((await search(cochairUs, "remesas", "xochimilcoremit")).status).toBe(404);
    expect((await search(cochairGt, "remesas", "zapotecario")).hits).toHaveLength(0);
    expect((await search(cochairGt, "remesas", "quetzalcoatlus")).hits).toHaveLength(0);
    // The header box answers in the group in the address, and never another group's.
    expect((await memberMx.get("/g/remesas/search?q=xochimilcoremit")).status).toBe(404);
  });

  it("shows an empty query, a hostile query and an oversized query calmly", async () => {
    const empty = await search(cochairUs, "rmsg", "");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("Type words to find them");
    for (const query of [
      '\'); DROP TABLE "Paper"; --',
      "a:* & | ! <script>",
      "x".repeat(5000),
      '"unclosed',
    ]) {
      const result = await search(memberMx, "rmsg", query);
      expect(result.status, query.slice(0, 20)).toBe(200);
      expect(result.html).not.toContain("<script>a");
    }
    expect((await search(memberMx, "rmsg", "zapotecario")).hits.length).toBeGreaterThan(0);
  });

  it("rebuilds the whole index with npm run search:reindex", async () => {
    await server.stop();
    const env =
      database === "postgres" ? { DATABASE_URL: server.databaseUrl! } : { DATA_DIR: server.dataDir };
    let database_ = await openDatabase(env);
    await database_.prisma.searchEntry.deleteMany({});
    await database_.close();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent" };
    delete childEnv.DATABASE_URL;
    delete childEnv.DATA_DIR;
    Object.assign(childEnv, env);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/search-reindex.ts"], {
        cwd: ROOT,
        env: childEnv,
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.on("exit", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`reindex exited ${code}: ${out}`)),
      );
    });
    expect(output).toMatch(/search index rebuilt: \d+ papers/);
    database_ = await openDatabase(env);
    try {
      const rows = await database_.prisma.searchEntry.findMany({
        where: { paperId },
        select: { body: true },
      });
      expect(rows.some((row) => row.body.includes("zapotecario"))).toBe(true);
    } finally {
      await database_.close();
    }
    await server.restart();
    await memberMx.login(DEMO.memberMx);
    expect((await search(memberMx, "rmsg", "zapotecario")).hits.length).toBeGreaterThan(0);
  }, 240_000);
});
