import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient, sectionText, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { databaseTargets } from "../support/services";

async function optionValue(
  client: HttpClient,
  path: string,
  selectName: string,
  label: string,
): Promise<string> {
  const html = await (await client.get(path)).text();
  const select = html.slice(html.indexOf(`name="${selectName}"`));
  const match = new RegExp(`<option value="([^"]*)"[^>]*>${label}</option>`).exec(select);
  if (!match) throw new Error(`no option ${label} in ${selectName}`);
  return match[1];
}

describe.each(databaseTargets())("papers and versions (%s)", (database) => {
  let server: TestServer;
  let secretariat: HttpClient;
  beforeAll(async () => {
    server = await startServer({ database });
    secretariat = new HttpClient(server.url);
    await secretariat.login(DEMO.secretariat);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function signedIn(email: string): Promise<HttpClient> {
    const client = new HttpClient(server.url);
    await client.login(email);
    return client;
  }

  it("lists the demo papers with their status, and filters them", async () => {
    const member = await signedIn(DEMO.memberGt);
    const all = await (await member.get("/g/rmsg")).text();
    for (const title of [
      "Legal pathways for regional labour mobility",
      "Protection systems for people on the move",
      "Cheaper and safer remittances",
      "Return and reintegration of migrants",
    ]) {
      expect(all).toContain(title);
    }
    const inReview = await (await member.get("/g/rmsg?status=REVIEW")).text();
    expect(inReview).toContain("Legal pathways for regional labour mobility");
    expect(inReview).not.toContain("Cheaper and safer remittances");
    const ledBySalvador = await (await member.get("/g/rmsg?lead=SV")).text();
    expect(ledBySalvador).toContain("Cheaper and safer remittances");
    expect(ledBySalvador).not.toContain("Protection systems for people on the move");
    // A nonsense filter is ignored rather than failing the page.
    expect((await member.get("/g/rmsg?status=NOPE")).status).toBe(200);
  });

  it("lets the secretariat create a paper from a template, with the template's sections copied", async () => {
    const templateId = await optionValue(secretariat, "/g/rmsg/papers/new", "templateId", "Recommendation");
    const mx = await optionValue(secretariat, "/g/rmsg/papers/new", "leadDelegationId", "Mexico");
    const created = await secretariat.post("/g/rmsg/papers/new", {
      title: "Skills recognition across borders",
      templateId,
      leadDelegationId: mx,
    });
    expect(created.status).toBe(302);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/g\/rmsg\/papers\/[A-Za-z0-9_-]+$/);
    const page = await (await secretariat.get(location)).text();
    expect(page).toContain("Skills recognition across borders");
    for (const title of [
      "Finding",
      "Recommendation",
      "Context and evidence",
      "Actions by country",
      "Implementation and timeline",
    ])
      expect(page).toContain(title);
    expect(page).toContain("Lead delegation: Mexico");
  });

  it("refuses a paper without a title or with a foreign template, and stores nothing", async () => {
    const templateId = await optionValue(secretariat, "/g/rmsg/papers/new", "templateId", "Recommendation");
    const untitled = await secretariat.post("/g/rmsg/papers/new", { title: "   ", templateId });
    expect(untitled.status).toBe(400);
    expect(await untitled.text()).toContain("Give the paper a title.");
    const foreign = await secretariat.post("/g/rmsg/papers/new", {
      title: "Ghost paper",
      templateId: "not-a-template",
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("That template is not available in this group.");
    expect(await (await secretariat.get("/g/rmsg")).text()).not.toContain("Ghost paper");
  });

  it("refuses members and observers who try to create papers or change a paper's status", async () => {
    const templateId = await optionValue(secretariat, "/g/rmsg/papers/new", "templateId", "Recommendation");
    const paperId = await paperIdByTitle(secretariat, "rmsg", "Cheaper and safer remittances");
    for (const email of [DEMO.memberUs, DEMO.observer]) {
      const client = await signedIn(email);
      expect((await client.get("/g/rmsg/papers/new")).status).toBe(403);
      expect((await client.post("/g/rmsg/papers/new", { title: "Not allowed", templateId })).status).toBe(
        403,
      );
      expect(
        (await client.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "REVIEW" })).status,
      ).toBe(403);
    }
    expect(await (await secretariat.get("/g/rmsg?status=REVIEW")).text()).not.toContain(
      "Cheaper and safer remittances",
    );
  });

  it("refuses a status move the lifecycle does not allow", async () => {
    const paperId = await paperIdByTitle(secretariat, "rmsg", "Cheaper and safer remittances");
    const voting = await secretariat.post(`/g/rmsg/papers/${paperId}`, {
      intent: "status",
      status: "VOTING",
    });
    expect(voting.status).toBe(409);
    const adopted = await secretariat.post(`/g/rmsg/papers/${paperId}`, {
      intent: "status",
      status: "ADOPTED",
    });
    expect(adopted.status).toBe(409);
    const garbage = await secretariat.post(`/g/rmsg/papers/${paperId}`, {
      intent: "status",
      status: "PUBLISHED",
    });
    expect(garbage.status).toBe(400);
  });

  it("saves named versions and compares them section by section, word by word", async () => {
    const member = await signedIn(DEMO.memberSv);
    const paperId = await paperIdByTitle(member, "rmsg", "Cheaper and safer remittances");
    const first = await member.post(`/g/rmsg/papers/${paperId}`, {
      intent: "version",
      label: "Circulated to delegations, 12 March",
    });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Version 1 saved.");

    const editor = collabClient(server.url, member.cookieString, paperId);
    await editor.synced();
    appendParagraph(editor.doc, "implementation", "Central banks publish transfer costs every quarter.");
    await waitFor(
      () => sectionText(editor.doc, "implementation").includes("every quarter"),
      2000,
      "local edit",
    );
    // Versions read the live document, so an edit is included even before it reaches the database.
    const second = await member.post(`/g/rmsg/papers/${paperId}`, {
      intent: "version",
      label: "After the Tegucigalpa meeting",
    });
    expect(await second.text()).toContain("Version 2 saved.");
    editor.destroy();

    const list = await (await member.get(`/g/rmsg/papers/${paperId}/versions`)).text();
    expect(list).toContain("Circulated to delegations, 12 March");
    expect(list).toContain("After the Tegucigalpa meeting");
    const hashes = [...new Set(list.match(/\b[0-9a-f]{64}\b/g))];
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).not.toBe(hashes[1]);

    const comparison = await (await member.get(`/g/rmsg/papers/${paperId}/versions?a=1&b=2`)).text();
    expect(comparison).toMatch(
      /<ins[^>]*>[^<]*Central banks publish transfer costs every quarter\.[^<]*<\/ins>/,
    );
    expect(comparison).toContain("No change in this section.");

    const view = await (await member.get(`/g/rmsg/papers/${paperId}/versions/1`)).text();
    expect(view).toContain("A saved version is read only.");
    expect(view).not.toContain("every quarter");
    expect((await member.get(`/g/rmsg/papers/${paperId}/versions/99`)).status).toBe(404);
    expect((await member.get(`/g/rmsg/papers/${paperId}/versions?a=1&b=99`)).status).toBe(404);
    expect((await member.get(`/g/rmsg/papers/${paperId}/versions/abc`)).status).toBe(404);
    // No such paper in this group, and no reader without a session: the paper is read beside the
    // membership and answered only once it is confirmed (requirePaperAccess).
    expect((await member.get(`/g/rmsg/papers/no-such-paper/versions`)).status).toBe(404);
    expect((await member.get(`/g/rmsg/papers/no-such-paper/versions/1`)).status).toBe(404);
    const stranger = new HttpClient(server.url);
    for (const path of [`/g/rmsg/papers/${paperId}/versions`, `/g/rmsg/papers/${paperId}/versions/1`]) {
      const refused = await stranger.get(path);
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("refuses a version without a label, and an observer's version", async () => {
    const member = await signedIn(DEMO.memberSv);
    const paperId = await paperIdByTitle(member, "rmsg", "Return and reintegration of migrants");
    const empty = await member.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Give the version a label.");
    const observer = await signedIn(DEMO.observer);
    expect(
      (await observer.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "Observer snapshot" }))
        .status,
    ).toBe(403);
    const versions = await (await member.get(`/g/rmsg/papers/${paperId}/versions`)).text();
    expect(versions.replace(/<[^>]+>/g, "")).toContain("No version saved yet.");
  });

  it("streams a status change to an open page as a server-sent event", async () => {
    const member = await signedIn(DEMO.memberHn);
    const paperId = await paperIdByTitle(member, "rmsg", "Protection systems for people on the move");
    const controller = new AbortController();
    const response = await fetch(`${server.url}/g/rmsg/papers/${paperId}/events`, {
      headers: { Cookie: member.cookieString },
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    let received = "";
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 3000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no ${needle} in ${received}`);
        const { value } = await reader.read();
        received += new TextDecoder().decode(value);
      }
    };
    await readUntil("event: hello");
    expect(
      (await secretariat.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "REVIEW" })).status,
    ).toBe(200);
    await readUntil('"status":"REVIEW"');
    controller.abort();
  });

  it("lists a long list of papers fifty at a time, newest first, keeping the filters", async () => {
    const templateId = await optionValue(secretariat, "/g/rmsg/papers/new", "templateId", "Recommendation");
    const gt = await optionValue(secretariat, "/g/rmsg/papers/new", "leadDelegationId", "Guatemala");
    // Enough papers led by Guatemala for two pages of that filter alone, however many the demo has.
    for (let i = 1; i <= 55; i += 1) {
      const created = await secretariat.post("/g/rmsg/papers/new", {
        title: `Border paper ${String(i).padStart(2, "0")}`,
        templateId,
        leadDelegationId: gt,
      });
      expect(created.status).toBe(302);
    }
    const links = (html: string) => [...html.matchAll(/class="paper-title"/g)].length;
    const member = await signedIn(DEMO.memberGt);
    const first = await (await member.get("/g/rmsg")).text();
    expect(links(first)).toBe(50);
    // Newest first: the last one created leads the first page; the first one is further on.
    expect(first).toContain("Border paper 55");
    expect(first).not.toContain("Border paper 01<");
    const total = Number(/Papers 1–50 of (\d+)/.exec(first)?.[1]);
    expect(total).toBeGreaterThanOrEqual(55);
    expect(first).toContain('href="/g/rmsg?page=2"');
    expect(first).not.toContain('rel="prev"');
    const second = await (await member.get("/g/rmsg?page=2")).text();
    expect(links(second)).toBe(Math.min(50, total - 50));
    expect(second).toContain(`Papers 51–${Math.min(100, total)} of ${total}`);
    expect(second).toContain('href="/g/rmsg"');
    // The filter stays in the links; its pages hold only its papers.
    const filtered = await (await member.get("/g/rmsg?lead=GT&page=2")).text();
    expect(filtered).toContain("Border paper 01");
    expect(filtered).toContain('href="/g/rmsg?lead=GT"');
    expect(filtered).not.toContain("Cheaper and safer remittances");
    // In Spanish too.
    const spanish = new HttpClient(server.url);
    await spanish.login(DEMO.member2Mx, undefined, "es");
    expect(await (await spanish.get("/g/rmsg")).text()).toContain(`Documentos 1–50 de ${total}`);
    // Past the last page: the last page; a page that is no page: the first.
    const past = await member.get("/g/rmsg?lead=GT&page=40");
    expect(past.status).toBe(302);
    expect(past.headers.get("location")).toBe("/g/rmsg?lead=GT&page=2");
    for (const bad of ["0", "-1", "two", "1e9", "2.5"]) {
      const response = await member.get(`/g/rmsg?page=${bad}`);
      expect(response.status, bad).toBe(200);
      expect(await response.text(), bad).toContain(`Papers 1–50 of ${total}`);
    }
    // A short list shows no pages at all.
    expect(await (await member.get("/g/rmsg?lead=SV")).text()).not.toContain("Pages of papers");
  });
});
