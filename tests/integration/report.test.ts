import * as Y from "yjs";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/db.server";
import { appendUpdates, loadStoredDoc } from "~/modules/documents/doc-store.server";
import { formatReportDate } from "~/modules/report/adoption";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, sectionText } from "../support/collab-client";
import { paperIdByTitle, voteTextHash } from "../support/papers";
import { databaseTargets } from "../support/services";

const SEEDED = "Recognising the skills of workers who move";
const SEEDED_ES = "Reconocimiento de las competencias de los trabajadores que migran";
const SEEDED_FINDING =
  "Workers who move within the region, and those who come home, lose years of their working lives";
const REMITTANCES = "Cheaper and safer remittances";
const REMITTANCES_FINDING =
  "Remittances sustain millions of households in El Salvador, Guatemala and Honduras";
const RESERVATION = "El Salvador pide que las comisiones se revisen cada año: ¿quién fija el tope?";
const CHANGED = "Text changed after adoption.";

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .replace(/ ([:.,;])/g, "$1");

function deadlineIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19);
}

/** The numbered finding titles of the report page, in order. */
function findingTitles(page: string): string[] {
  return [
    ...page.matchAll(
      /<h3 id="finding-\d+-title"><span class="finding-number">(\d+)\.<\/span> ([^<]+)<\/h3>/g,
    ),
  ].map((m) => `${m[1]}. ${m[2]}`);
}

describe.each(databaseTargets())("the group's report (%s)", (database) => {
  let server: TestServer;
  const people = new Map<string, HttpClient>();

  async function as(email: string): Promise<HttpClient> {
    if (!people.has(email)) {
      const client = new HttpClient(server.url);
      await client.login(email);
      people.set(email, client);
    }
    return people.get(email)!;
  }
  const reportPage = async (email: string = DEMO.memberGt) =>
    (await (await as(email)).get("/g/rmsg/report")).text();

  beforeAll(async () => {
    server = await startServer({ database, env: { VOTE_MIN_LEAD_SECONDS: "2" } });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("shows the demo's adopted paper as finding 1, with the front matter and how it was adopted", async () => {
    const html = await reportPage();
    const page = text(html);
    expect(page).toContain("Report of Regional Migration Study Group");
    expect(page).toContain(
      "Co-chairs Margaret Ellison (United States) Andrés Villaseñor (Mexico) Lucía Cabrera Ortiz (Guatemala)",
    );
    expect(page).toContain("Honduras: Carlos Mejía, Patricia Zelaya");
    expect(findingTitles(html)).toEqual([`1. ${SEEDED}`]);
    expect(page).toContain(SEEDED_FINDING);
    expect(page).toMatch(
      /Adopted by consensus on \d{1,2} \w+ \d{4}: 10 in support, 1 with reservations, 1 abstention; all five delegations took part\./,
    );
    expect(page).toContain(
      "Reservation of Honduras: Honduras asks that assessment centres also open outside the capital",
    );
    // Observers read the report too.
    expect((await (await as(DEMO.observer)).get("/g/rmsg/report")).status).toBe(200);
  });

  it("reads in Spanish throughout for a Spanish reader: group, titles, section headings, foreword, summary and downloads", async () => {
    const reader = new HttpClient(server.url);
    // Their own account's language (a setting of the account: not a reader the other tests use).
    await reader.login(DEMO.member2Mx, undefined, "es");
    const html = await (await reader.get("/g/rmsg/report")).text();
    const page = text(html);
    expect(page).toContain("Informe de Grupo de Estudio Regional sobre Migración");
    expect(findingTitles(html)).toEqual([`1. ${SEEDED_ES}`]);
    for (const heading of ["Recomendación", "Contexto y evidencia", "Acciones por país"])
      expect(page).toContain(heading);
    expect(page).not.toMatch(/Recommendation|Context and evidence|Actions by country/);
    // The one section the translator has not done yet is given in English, said once in its heading.
    expect(page).toContain("Implementación y calendario (inglés, sin traducir)");
    expect(page).toContain("El Grupo de Estudio Regional sobre Migración reúne a delegaciones");
    expect(page).toContain("Abaratar y hacer más seguras las remesas");
    expect(page).not.toContain("brings together delegations");
    expect(page).toContain("Descargar en inglés");
    expect(page).not.toContain("Descargar en English");

    const md = await (await reader.get("/g/rmsg/report/download/md?lang=es")).text();
    expect(md).toContain(SEEDED_ES);
    expect(md).toContain("Recomendación");
    expect(md).toContain("Prólogo");
    expect(md).not.toMatch(/Recommendation|Foreword/);
    // The English download of the same report stays English.
    const english = await (await reader.get("/g/rmsg/report/download/md?lang=en")).text();
    expect(english).toContain(SEEDED);
    expect(english).toContain("brings together delegations");
    expect(english).not.toContain("Recomendación");
  });

  it("numbers a paper adopted through a vote after the others, with its adoption sentence and the reservations recorded", async () => {
    const cochair = await as(DEMO.cochairMx);
    const paperId = await paperIdByTitle(cochair, "rmsg", REMITTANCES);
    expect(
      (await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "REVIEW" })).status,
    ).toBe(200);
    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      tzOffset: "0",
      kind: "CONSENSUS",
      deadline: deadlineIn(600),
      quorumPercent: "10",
      minSupportPercent: "50",
    });
    expect(opened.status).toBe(302);
    const voteId = opened.headers.get("location")!.split("/").pop()!;
    const stances: [string, Record<string, string>][] = [
      [DEMO.memberMx, { value: "SUPPORT" }],
      [DEMO.memberSv, { value: "SUPPORT_WITH_RESERVATIONS", statement: RESERVATION }],
      [DEMO.memberGt, { value: "ABSTAIN" }],
      [
        DEMO.memberHn,
        {
          value: "OBJECT",
          statement: "Honduras objects to the three percent target <script>alert(1)</script>.",
        },
      ],
    ];
    const textHash = await voteTextHash(cochair, voteId);
    for (const [email, stance] of stances)
      expect(
        (await (await as(email)).post(`/g/rmsg/votes/${voteId}`, { intent: "stance", textHash, ...stance }))
          .status,
        email,
      ).toBe(200);
    // Not in the report while the vote is open.
    expect(findingTitles(await reportPage())).toEqual([`1. ${SEEDED}`]);
    expect((await cochair.post(`/g/rmsg/votes/${voteId}`, { intent: "close" })).status).toBe(200);

    const html = await reportPage();
    const page = text(html);
    expect(findingTitles(html)).toEqual([`1. ${SEEDED}`, `2. ${REMITTANCES}`]);
    expect(page).toContain(REMITTANCES_FINDING);
    const today = formatReportDate(new Date(), "en");
    expect(page).toContain(
      `Adopted by consensus on ${today}: 1 in support, 1 with reservations, 1 abstention, 1 objection; four of five delegations took part.`,
    );
    expect(page).toContain(`Reservation of El Salvador: ${RESERVATION}`);
    expect(page).toContain(
      "Objection of Honduras: Honduras objects to the three percent target <script>alert(1)</script>.",
    );
    expect(html).not.toContain("<script>alert(1)</script>");

    const spanish = await (await as(DEMO.memberGt)).get("/g/rmsg/report/download/md?lang=es");
    const markdown = await spanish.text();
    expect(markdown).toContain(
      `Adoptado por consenso el ${formatReportDate(new Date(), "es")}: 1 a favor, 1 con reservas, 1 abstención, 1 objeción; participaron cuatro de las cinco delegaciones.`,
    );
    // The Spanish report names the finding by its Spanish title.
    expect(markdown).toContain("### 2. Remesas más baratas y seguras");
  });

  it("keeps showing the adopted text when the paper's document changes after adoption", async () => {
    const cochair = await as(DEMO.cochairMx);
    const paperId = await paperIdByTitle(cochair, "rmsg", REMITTANCES);
    // The app refuses edits to an adopted paper, so change its stored document directly, as a restore or a bug might.
    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      const doc = await loadStoredDoc(paperId, opened.prisma);
      const before = Y.encodeStateVector(doc);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(CHANGED)]);
      const finding = doc.getXmlFragment("finding");
      finding.delete(0, finding.length);
      finding.insert(0, [paragraph]);
      await appendUpdates(paperId, [Y.encodeStateAsUpdate(doc, before)], opened.prisma);
      doc.destroy();
    } finally {
      await opened.close();
      await server.restart();
    }
    const reader = collabClient(server.url, (await as(DEMO.memberGt)).cookieString, paperId);
    await reader.synced();
    expect(sectionText(reader.doc, "finding")).toBe(CHANGED);
    reader.destroy();

    const page = text(await reportPage());
    expect(page).toContain(REMITTANCES_FINDING);
    expect(page).not.toContain(CHANGED);
    const markdown = await (await (await as(DEMO.memberGt)).get("/g/rmsg/report/download/md")).text();
    expect(markdown).toContain(REMITTANCES_FINDING);
    expect(markdown).not.toContain(CHANGED);
  });

  it("lets the secretariat order the findings, and refuses everyone else with 403, changing nothing", async () => {
    const before = findingTitles(await reportPage());
    expect(before).toEqual([`1. ${SEEDED}`, `2. ${REMITTANCES}`]);
    const remittances = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", REMITTANCES);
    const seeded = await paperIdByTitle(await as(DEMO.secretariat), "rmsg", SEEDED);

    for (const email of [DEMO.cochairMx, DEMO.memberMx, DEMO.observer]) {
      const client = await as(email);
      expect((await client.get("/g/rmsg/report/edit")).status, email).toBe(403);
      expect(
        (await client.post("/g/rmsg/report/edit", { intent: "move", paperId: remittances, direction: "up" }))
          .status,
        email,
      ).toBe(403);
      expect(
        (await client.post("/g/rmsg/report/edit", { intent: "order", order: `${remittances},${seeded}` }))
          .status,
        email,
      ).toBe(403);
      expect(
        (
          await client.post("/g/rmsg/report/edit", {
            intent: "frontMatter",
            foreword: '{"type":"doc"}',
            summary: '{"type":"doc"}',
            revision: "",
          })
        ).status,
        email,
      ).toBe(403);
    }
    expect(findingTitles(await reportPage())).toEqual(before);

    const secretariat = await as(DEMO.secretariat);
    expect((await secretariat.get("/g/rmsg/report/edit")).status).toBe(200);
    expect(
      (
        await secretariat.post("/g/rmsg/report/edit", {
          intent: "move",
          paperId: remittances,
          direction: "up",
        })
      ).status,
    ).toBe(200);
    expect(findingTitles(await reportPage())).toEqual([`1. ${REMITTANCES}`, `2. ${SEEDED}`]);
    // At the top already: nothing moves.
    expect(
      (
        await secretariat.post("/g/rmsg/report/edit", {
          intent: "move",
          paperId: remittances,
          direction: "up",
        })
      ).status,
    ).toBe(200);
    expect(findingTitles(await reportPage())).toEqual([`1. ${REMITTANCES}`, `2. ${SEEDED}`]);

    // A whole order must list exactly the adopted papers; anything else is refused and changes nothing.
    const draft = await paperIdByTitle(secretariat, "rmsg", "Return and reintegration of migrants");
    for (const [order, status] of [
      [remittances, 409],
      [`${seeded},${draft}`, 409],
      [`${seeded},${seeded}`, 400],
      ["", 400],
    ] as const) {
      expect((await secretariat.post("/g/rmsg/report/edit", { intent: "order", order })).status, order).toBe(
        status,
      );
    }
    expect(
      (await secretariat.post("/g/rmsg/report/edit", { intent: "move", paperId: draft, direction: "up" }))
        .status,
    ).toBe(404);
    expect(
      (
        await secretariat.post("/g/rmsg/report/edit", {
          intent: "move",
          paperId: seeded,
          direction: "sideways",
        })
      ).status,
    ).toBe(400);
    expect(findingTitles(await reportPage())).toEqual([`1. ${REMITTANCES}`, `2. ${SEEDED}`]);

    expect(
      (await secretariat.post("/g/rmsg/report/edit", { intent: "order", order: `${seeded},${remittances}` }))
        .status,
    ).toBe(200);
    expect(findingTitles(await reportPage())).toEqual([`1. ${SEEDED}`, `2. ${REMITTANCES}`]);
    expect(text(await (await secretariat.get("/g/rmsg/audit")).text())).toContain(
      "rearranged the findings of the report",
    );
  });

  it("saves the secretariat's foreword and summary, sanitised, and refuses a save over a newer one", async () => {
    const secretariat = await as(DEMO.secretariat);
    const edit = await (await secretariat.get("/g/rmsg/report/edit")).text();
    const revision = /name="revision" value="([^"]*)"/.exec(edit)![1];
    const foreword = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Por qué este informe" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "La secretaría agradece a las delegaciones.", marks: [{ type: "bold" }] },
            {
              type: "text",
              text: " Evil",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
          ],
        },
        { type: "script", content: [{ type: "text", text: "alert('foreword')" }] },
      ],
    };
    const summary = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                {
                  type: "paragraph",
                  content: [{ type: "text", text: "Regional visas, portable and fair." }],
                },
              ],
            },
          ],
        },
      ],
    };
    const saved = await secretariat.post("/g/rmsg/report/edit", {
      intent: "frontMatter",
      foreword: JSON.stringify(foreword),
      summary: JSON.stringify(summary),
      revision,
    });
    expect(saved.status).toBe(200);

    const html = await reportPage();
    const page = text(html);
    expect(page).toContain(
      "Foreword Por qué este informe La secretaría agradece a las delegaciones. Evil alert('foreword')",
    );
    expect(page).toContain("Executive summary Regional visas, portable and fair.");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<script>alert");

    // The page was loaded before that save: its revision is stale now.
    const stale = await secretariat.post("/g/rmsg/report/edit", {
      intent: "frontMatter",
      foreword: '{"type":"doc"}',
      summary: '{"type":"doc"}',
      revision,
    });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain(
      "Someone saved the foreword or the summary after you opened this page.",
    );
    const broken = await secretariat.post("/g/rmsg/report/edit", {
      intent: "frontMatter",
      foreword: "{not json",
      summary: "{}",
      revision: "",
    });
    expect(broken.status).toBe(400);
    expect(text(await reportPage())).toContain("Por qué este informe");
  });

  it("downloads the report as HTML, Markdown, DOCX and PDF, named after the group and the date, with the audit chain head", async () => {
    const member = await as(DEMO.memberGt);
    const date = new Date().toISOString().slice(0, 10);
    const download = async (format: string, lang: string) => {
      const response = await member.get(`/g/rmsg/report/download/${format}?lang=${lang}`);
      expect(response.status, `${format} ${lang}`).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="rmsg-${lang === "es" ? "informe" : "report"}-${date}.${format}"`,
      );
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      return { type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
    };

    const html = await download("html", "en");
    expect(html.type).toBe("text/html; charset=utf-8");
    expect(html.body.toString()).toContain(`<span class="finding-number">2.</span> ${REMITTANCES}`);
    const auditPage = text(await (await as(DEMO.secretariat)).get("/g/rmsg/audit").then((r) => r.text()));
    const [, count, headStart] = /The chain is intact: (\d+) events, head ([0-9a-f]+)/.exec(auditPage)!;
    expect(html.body.toString()).toMatch(
      new RegExp(`Audit chain: ${count} events, head ${headStart}[0-9a-f]+`),
    );

    const md = await download("md", "en");
    expect(md.type).toBe("text/markdown; charset=utf-8");
    expect(md.body.toString()).toContain(`**${REMITTANCES_FINDING}`);

    const docx = await download("docx", "es");
    expect(docx.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const documentXml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    const docxText = documentXml.replace(/<[^>]+>/g, "");
    expect(docxText).toContain(REMITTANCES_FINDING);
    expect(docxText).toContain(RESERVATION);
    expect(docxText).toContain("Adoptado por consenso");

    const pdf = await download("pdf", "es");
    expect(pdf.type).toBe("application/pdf");
    const { text: pdfText } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), {
      mergePages: true,
    });
    const flat = pdfText.replace(/\s+/g, " ");
    expect(flat).toContain(REMITTANCES_FINDING);
    expect(flat).toContain(RESERVATION);
    expect(flat).toContain("participaron cuatro de las cinco delegaciones");
    expect(flat).toContain(`Cadena de auditoría: ${count} eventos`);
  });

  it("refuses unknown formats and languages, and says nothing to people outside the group", async () => {
    const member = await as(DEMO.memberGt);
    expect((await member.get("/g/rmsg/report/download/exe")).status).toBe(404);
    expect((await member.get("/g/rmsg/report/download/pdf?lang=fr")).status).toBe(400);
    const outsider = await as(DEMO.cochairUs);
    expect((await outsider.get("/g/remesas/report")).status).toBe(404);
    expect((await outsider.get("/g/remesas/report/download/pdf")).status).toBe(404);
    const anonymous = new HttpClient(server.url);
    expect((await anonymous.get("/g/rmsg/report/download/pdf")).status).toBe(302);
  });
});
