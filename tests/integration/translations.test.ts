import { createHash } from "node:crypto";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { openDatabase } from "~/db.server";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { appendParagraph, collabClient } from "../support/collab-client";
import { paperIdByTitle, voteTextHash } from "../support/papers";
import { databaseTargets } from "../support/services";

const BILINGUAL = "Consular protection for workers abroad";
const BILINGUAL_FINDING_ES =
  "Las personas que trabajan en el extranjero suelen conocer sus derechos solo cuando algo ya salió mal";

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([:.,])/g, "$1")
    .replace(/&#x27;|&#39;/g, "'");

/** The translation panel of one section on the paper page, as text and as HTML. */
function translationPanel(html: string, sectionKey: string): { text: string; html: string } {
  const start = html.indexOf(`data-section="${sectionKey}"`);
  if (start < 0) throw new Error(`no translation panel for ${sectionKey}`);
  const end = html.indexOf('class="editor-section"', start);
  const chunk = html.slice(start, end < 0 ? undefined : end);
  return { text: text(`<x ${chunk}`), html: chunk };
}

/** The paper list entry of a paper, as text. */
function listEntry(html: string, paperId: string): string {
  const start = html.indexOf(`/papers/${paperId}"`);
  return text(html.slice(start, html.indexOf("</li>", start)));
}

describe.each(databaseTargets())("bilingual papers (%s)", (database) => {
  let server: TestServer;
  let secretariat: HttpClient;
  let member: HttpClient;
  let cochair: HttpClient;
  let voteUrl = "";

  beforeAll(async () => {
    server = await startServer({ database, env: { VOTE_MIN_LEAD_SECONDS: "2" } });
    secretariat = new HttpClient(server.url);
    member = new HttpClient(server.url);
    cochair = new HttpClient(server.url);
    await Promise.all([
      secretariat.login(DEMO.secretariat),
      member.login(DEMO.memberMx),
      cochair.login(DEMO.cochairUs),
    ]);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  async function newPaper(title: string): Promise<string> {
    const form = await (await secretariat.get("/g/rmsg/papers/new")).text();
    const templateId = /<option value="([^"]+)"[^>]*>Recommendation</.exec(form)![1];
    const created = await secretariat.post("/g/rmsg/papers/new", {
      title,
      templateId,
      originalLanguage: "en",
    });
    expect(created.status).toBe(302);
    return created.headers.get("location")!.split("/").pop()!;
  }

  async function paperPage(client: HttpClient, paperId: string, view = "both"): Promise<string> {
    return (await client.get(`/g/rmsg/papers/${paperId}?view=${view}`)).text();
  }

  it("shows the demo paper side by side, with its out-of-date section flagged and counted on the paper list", async () => {
    const paperId = await paperIdByTitle(member, "rmsg", BILINGUAL);
    const list = await (await member.get("/g/rmsg")).text();
    expect(listEntry(list, paperId)).toContain("Translations out of date: 1");

    // Without a view in the address, a paper that carries its translation opens side by side.
    const html = await (await member.get(`/g/rmsg/papers/${paperId}`)).text();
    expect(html).toMatch(/<input[^>]*name="text-view"[^>]*checked=""[^>]*value="both"/);
    expect(html).toContain("Original · English");
    expect(html).toContain("Translation · Spanish");
    expect(translationPanel(html, "finding").text).toContain("Translation up to date");
    expect(translationPanel(html, "finding").text).toContain("Marked up to date by Gabriela Núñez");
    const recommendation = translationPanel(html, "recommendation");
    expect(recommendation.text).toContain("Translation out of date");
    expect(recommendation.text).toContain(
      "What changed in the original since the translation was marked up to date",
    );
    // Words, not Markdown: the bold "at least once a month" reads as plain words.
    expect(recommendation.html).toMatch(
      /workers live<\/span><ins[^>]*> and work, at least once a month<\/ins><span>\./,
    );
    expect(recommendation.text).not.toContain("**");
    // A replaced word is followed by a space before its replacement: never "authoritieslabour".
    expect(recommendation.html).toMatch(
      /<del[^>]*>authorities<\/del>(?:<!-- -->)? (?:<!-- -->)?<ins[^>]*>labour<\/ins><span> <\/span><ins[^>]*>inspectors <\/ins>/,
    );
    expect(recommendation.text).not.toContain("authoritieslabour");
    expect(translationPanel(html, "actions").text).toContain("Translation not yet marked up to date");
    expect(translationPanel(html, "implementation").text).toContain("Not translated yet");
    expect(html).toContain("Recommendation (Spanish)");
  });

  it("marks a translation up to date, flags it when the original is edited over the WebSocket, with the diff of what changed", async () => {
    const paperId = await newPaper("Consular registration for workers abroad");
    const writer = collabClient(server.url, member.cookieString, paperId);
    let original: Y.XmlText;
    try {
      await writer.synced();
      original = appendParagraph(writer.doc, "finding", "Employers need workers.");
      appendParagraph(writer.doc, "finding:es", "Los empleadores necesitan trabajadores.");

      // Asked for both texts, the new paper's translation is there but not checked yet.
      let html = "";
      const seen = async (pattern: string, sectionKey = "finding") => {
        const start = Date.now();
        while (Date.now() - start < 5000) {
          html = await paperPage(member, paperId);
          if (translationPanel(html, sectionKey).text.includes(pattern)) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(
          `"${pattern}" never appeared for ${sectionKey}: ${translationPanel(html, sectionKey).text}`,
        );
      };
      await seen("Translation not yet marked up to date");

      // Refusals change nothing: an empty translation, a translation fragment name, an unknown section, an observer.
      const empty = await member.post(`/g/rmsg/papers/${paperId}`, {
        intent: "translation",
        sectionKey: "recommendation",
      });
      expect(empty.status).toBe(409);
      expect(text(await empty.text())).toContain(
        "The translation of “Recommendation” is empty: translate it before marking it up to date.",
      );
      for (const sectionKey of ["finding:es", "nope", ""]) {
        const bad = await member.post(`/g/rmsg/papers/${paperId}`, { intent: "translation", sectionKey });
        expect(bad.status, sectionKey).toBe(400);
        expect(text(await bad.text())).toContain("That section is not part of this paper.");
      }
      const observer = new HttpClient(server.url);
      await observer.login(DEMO.observer);
      expect(
        (await observer.post(`/g/rmsg/papers/${paperId}`, { intent: "translation", sectionKey: "finding" }))
          .status,
      ).toBe(403);
      await seen("Translation not yet marked up to date");
      expect(translationPanel(html, "recommendation").text).toContain("Not translated yet");

      // Marked by a translator (any member who may edit), announced, and up to date.
      const marked = await member.post(`/g/rmsg/papers/${paperId}`, {
        intent: "translation",
        sectionKey: "finding",
      });
      expect(marked.status).toBe(200);
      await seen("Translation up to date");
      expect(translationPanel(html, "finding").text).toContain("Marked up to date by Gabriela Núñez");
      expect(listEntry(await (await member.get("/g/rmsg")).text(), paperId)).not.toContain("out of date");

      // Someone edits the original (not the translation) over the WebSocket.
      original!.insert("Employers need ".length, "more ");
      await seen("Translation out of date");
      const panel = translationPanel(html, "finding");
      expect(panel.text).toContain(
        "What changed in the original since the translation was marked up to date",
      );
      expect(panel.html).toMatch(
        /<span>Employers need <\/span><ins[^>]*>more <\/ins><span>workers\.<\/span>/,
      );
      expect(listEntry(await (await member.get("/g/rmsg")).text(), paperId)).toContain(
        "Translations out of date: 1",
      );

      // Editing the translation does not bring it up to date; marking it again does.
      appendParagraph(writer.doc, "finding:es", "Más trabajadores.");
      await new Promise((resolve) => setTimeout(resolve, 300));
      await seen("Translation out of date");
      expect(
        (await member.post(`/g/rmsg/papers/${paperId}`, { intent: "translation", sectionKey: "finding" }))
          .status,
      ).toBe(200);
      await seen("Translation up to date");
      expect(listEntry(await (await member.get("/g/rmsg")).text(), paperId)).not.toContain("out of date");

      // The versions page compares both languages section by section.
      expect(
        (await member.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "First" })).status,
      ).toBe(200);
      appendParagraph(writer.doc, "finding:es", "Y mañana, también.");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(
        (await member.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "Second" })).status,
      ).toBe(200);
      const compared = await (await member.get(`/g/rmsg/papers/${paperId}/versions?a=1&b=2`)).text();
      expect(text(compared)).toContain("Finding (Spanish)");
      expect(compared).toMatch(/<ins[^>]*>[^<]*Y mañana, también\.<\/ins>/);
    } finally {
      writer.destroy();
    }
  });

  it("asks for confirmation before opening a vote on a paper whose translation is out of date, and records it", async () => {
    const paperId = await paperIdByTitle(cochair, "rmsg", BILINGUAL);
    const form = text(await (await cochair.get(`/g/rmsg/papers/${paperId}/vote`)).text());
    expect(form).toContain("The Spanish translation of these sections is out of date: Recommendation.");
    expect(form).toContain(
      "Open the vote anyway. The vote will record that the translation was out of date.",
    );

    const deadline = new Date(Date.now() + 3600_000).toISOString().slice(0, 16);
    const refused = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      kind: "CONSENSUS",
      deadline,
      tzOffset: "0",
      quorumPercent: "50",
    });
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain(
      "The translation of some sections is out of date. Tick the confirmation to open the vote anyway",
    );
    // Nothing was created: the paper is still in review, with no vote and no version.
    const page = text(await paperPage(cochair, paperId));
    expect(page).toContain("In review");
    expect(page).not.toMatch(/Consensus · Open/);
    expect(text(await (await cochair.get(`/g/rmsg/papers/${paperId}/versions`)).text())).toContain(
      "No version saved yet.",
    );

    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      kind: "CONSENSUS",
      deadline,
      tzOffset: "0",
      quorumPercent: "5",
      confirmTranslation: "on",
    });
    expect(opened.status).toBe(302);
    voteUrl = opened.headers.get("location")!;
    const votePage = text(await (await cochair.get(voteUrl)).text());
    expect(votePage).toContain(
      "When this vote opened, the Spanish translation of these sections was out of date: Recommendation.",
    );
    // The text under vote is both texts.
    expect(votePage).toContain("Recommendation (Spanish)");
    expect(votePage).toContain(BILINGUAL_FINDING_ES);
    expect(votePage).toContain("Implementation and timeline (Spanish) Not translated yet");
  });

  it("exports the adopted paper in Spanish with the Spanish text, accents included, and the untranslated section marked", async () => {
    const textHash = await voteTextHash(member, new URL(voteUrl, server.url).pathname);
    expect((await member.post(voteUrl, { intent: "stance", value: "SUPPORT", textHash })).status).toBe(200);
    expect((await cochair.post(voteUrl, { intent: "close" })).status).toBe(200);
    expect(text(await (await cochair.get(voteUrl)).text())).toContain("Outcome: Adopted");

    const download = async (format: string, lang: string) =>
      Buffer.from(await (await member.get(`/g/rmsg/report/download/${format}?lang=${lang}`)).arrayBuffer());
    const note = "Sin traducir, figuran en el idioma original (inglés): Implementación y calendario.";
    const markdown = (await download("md", "es")).toString("utf8");
    expect(markdown).toContain(`**${BILINGUAL_FINDING_ES}`);
    expect(markdown).toContain("Cada país de la región debería contar con consulados móviles");
    // The heading is the template's Spanish title; the text is the English original, said once.
    expect(markdown).toContain("#### Implementación y calendario (inglés, sin traducir)");
    expect(markdown).toContain(`*${note}*`);
    // The demo's adopted paper is bilingual too.
    expect(markdown).toContain(
      "pierden años de su vida laboral porque las competencias que tienen no se reconocen allí adonde van",
    );

    const html = (await download("html", "es")).toString("utf8");
    expect(html).toContain(BILINGUAL_FINDING_ES);
    expect(html).toContain(`<p class="translation-note">${note}</p>`);
    const docx = await (
      await JSZip.loadAsync(await download("docx", "es"))
    )
      .file("word/document.xml")!
      .async("string");
    expect(docx.replace(/<[^>]+>/g, "")).toContain(BILINGUAL_FINDING_ES);
    const { text: pdfText } = await extractText(
      await getDocumentProxy(new Uint8Array(await download("pdf", "es"))),
      { mergePages: true },
    );
    expect(pdfText.replace(/\s+/g, " ")).toContain(
      "consulados móviles de México y Guatemala en zonas agrícolas",
    );

    // In English, the original, with no mark.
    const english = (await download("md", "en")).toString("utf8");
    expect(english).toContain(
      "Workers abroad often learn of their rights only when something has already gone wrong",
    );
    expect(english).not.toContain(BILINGUAL_FINDING_ES);
    expect(english).not.toContain("not translated");
    // The report page follows the reader's language the same way.
    const spanishReader = new HttpClient(server.url);
    await spanishReader.login(DEMO.memberHn, undefined, "es");
    expect(text(await (await spanishReader.get("/g/rmsg/report")).text())).toContain(BILINGUAL_FINDING_ES);
  });

  it("stores the marks and the vote's record, covers both languages in the version's hash, and keeps the record fixed", async () => {
    // A paper whose translation is up to date opens without any confirmation, and records nothing.
    const upToDate = await paperIdByTitle(cochair, "rmsg", "Consular registration for workers abroad");
    expect(
      (await secretariat.post(`/g/rmsg/papers/${upToDate}`, { intent: "status", status: "REVIEW" })).status,
    ).toBe(200);
    const deadline = new Date(Date.now() + 3600_000).toISOString().slice(0, 16);
    const quiet = await cochair.post(`/g/rmsg/papers/${upToDate}/vote`, {
      kind: "CONSENSUS",
      deadline,
      tzOffset: "0",
    });
    expect(quiet.status).toBe(302);
    expect(text(await (await cochair.get(quiet.headers.get("location")!)).text())).not.toContain(
      "translation of these sections was out of date",
    );
    const openVoteId = quiet.headers.get("location")!.split("/").pop()!;

    await server.stop();
    const opened = await openDatabase(
      server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: server.dataDir },
    );
    try {
      const [vote] = await opened.raw.query<{
        id: string;
        translationOutOfDate: boolean;
        translationOutOfDateSections: string[];
        canonicalText: string;
        textHash: string;
      }>(
        `SELECT v.id, v."translationOutOfDate", v."translationOutOfDateSections", ver."canonicalText", ver."textHash"
         FROM "Vote" v JOIN "Version" ver ON ver.id = v."versionId" JOIN "Paper" p ON p.id = v."paperId" WHERE p.title = $1`,
        [BILINGUAL],
      );
      expect(vote.translationOutOfDate).toBe(true);
      expect(vote.translationOutOfDateSections).toEqual(["recommendation"]);
      expect(vote.canonicalText).toContain(`\n\n§ finding:es\n${BILINGUAL_FINDING_ES}`);
      expect(vote.canonicalText.indexOf("§ implementation\n")).toBeLessThan(
        vote.canonicalText.indexOf("§ finding:es"),
      );
      expect(vote.canonicalText.endsWith("§ implementation:es\n")).toBe(true);
      expect(vote.textHash).toBe(createHash("sha256").update(vote.canonicalText, "utf8").digest("hex"));
      await expect(
        opened.raw.exec(`UPDATE "Vote" SET "translationOutOfDateSections" = '{}' WHERE id = '${vote.id}'`),
      ).rejects.toThrow(/acuerdo:/);
      // On an open vote too: the record is fixed when it opens (other bookkeeping may still change).
      const [open] = await opened.raw.query<{
        translationOutOfDate: boolean;
        translationOutOfDateSections: string[];
      }>(`SELECT "translationOutOfDate", "translationOutOfDateSections" FROM "Vote" WHERE id = $1`, [
        openVoteId,
      ]);
      expect(open).toEqual({ translationOutOfDate: false, translationOutOfDateSections: [] });
      await expect(
        opened.raw.exec(
          `UPDATE "Vote" SET "translationOutOfDateSections" = '{finding}' WHERE id = '${openVoteId}'`,
        ),
      ).rejects.toThrow(/acuerdo: the text and rules of vote .* are fixed when it opens/);
      await opened.raw.exec(`UPDATE "Vote" SET "reminderSentAt" = now() WHERE id = '${openVoteId}'`);

      const marks = await opened.raw.query<{
        key: string;
        translationSourceHash: string;
        translationSourceText: string;
      }>(
        `SELECT s.key, s."translationSourceHash", s."translationSourceText" FROM "PaperSection" s JOIN "Paper" p ON p.id = s."paperId"
         WHERE p.title = 'Consular registration for workers abroad' AND s."translationSourceHash" IS NOT NULL`,
      );
      expect(marks).toEqual([
        {
          key: "finding",
          translationSourceText: "Employers need more workers.",
          translationSourceHash: createHash("sha256")
            .update("Employers need more workers.", "utf8")
            .digest("hex"),
        },
      ]);
    } finally {
      await opened.close();
    }
  });
});
