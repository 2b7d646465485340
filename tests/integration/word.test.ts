// Word in and out against the real server: a delegation's .docx becomes a paper (preview, then create),
// a Spanish .docx fills the translation live, hostile files are refused in the sender's language with
// nothing created, and one paper downloads in four formats carrying its version's SHA-256.
import { createHash } from "node:crypto";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, sectionText, waitFor } from "../support/collab-client";
import { databaseTargets } from "../support/services";
import { paperIdByTitle } from "../support/papers";
import * as fixtures from "../support/docx-fixtures";

const TITLE = "Skills recognition, from the Mexican draft";

/** A section's text without the formatting Yjs writes around bold and italic runs. */
const plainSection = (doc: Parameters<typeof sectionText>[0], key: string) =>
  sectionText(doc, key).replace(/<\/?[a-z]+[^>]*>/g, "");

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function upload(
  client: HttpClient,
  path: string,
  fields: Record<string, string>,
  file: Uint8Array | null,
  name = "draft.docx",
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append("file", new Blob([new Uint8Array(file)]), name);
  return fetch(client.baseUrl + path, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: client.cookieString, Origin: client.baseUrl },
    body: form,
  });
}

describe.each(databaseTargets())("Word import and single-paper downloads (%s)", (database) => {
  let server: TestServer;
  let secretariat: HttpClient;
  let templateId: string;
  let paperId: string;

  const paperCount = async () =>
    [
      ...(await (await secretariat.get("/g/rmsg")).text()).matchAll(
        /href="\/g\/rmsg\/papers\/[A-Za-z0-9_-]+"/g,
      ),
    ].length;

  beforeAll(async () => {
    server = await startServer({ database, env: { ACUERDO_TEST_HOOKS: "1" } });
    secretariat = new HttpClient(server.url);
    await secretariat.login(DEMO.secretariat);
    const page = await (await secretariat.get("/g/rmsg/papers/import")).text();
    templateId = /name="templateId"[\s\S]*?<option value="([^"]+)"/.exec(page)![1];
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it("previews a delegation's draft section by section, then creates the paper with that text", async () => {
    const file = await fixtures.englishDraft();
    const sha256 = createHash("sha256").update(file).digest("hex");
    const fields = { title: TITLE, templateId, leadDelegationId: "", originalLanguage: "en" };
    const previewed = await upload(
      secretariat,
      "/g/rmsg/papers/import",
      fields,
      file,
      "borrador México.docx",
    );
    expect(previewed.status).toBe(302);
    const location = previewed.headers.get("location")!;
    expect(location).toMatch(/^\/g\/rmsg\/papers\/import\?draft=[a-z0-9]+$/);
    const before = await paperCount();

    const preview = text(await (await secretariat.get(location)).text());
    expect(preview).toContain("borrador México.docx");
    expect(preview).toContain(sha256);
    expect(preview).toContain("Started by the heading “2. RECOMMENDATION”");
    expect(preview).toContain("Governments should recognise skills; see the skills study and this trap.");
    expect(preview).toContain("Images: 1");
    expect(preview).toContain("Tables: 1 (their text is kept, one paragraph per row)");
    expect(preview).toContain("Links that are not web or email addresses: 1");
    // The preview created nothing.
    expect(await paperCount()).toBe(before);

    const draftId = location.split("=")[1];
    const created = await secretariat.post("/g/rmsg/papers/import", { intent: "create", draftId });
    expect(created.status).toBe(302);
    paperId = created.headers.get("location")!.split("/").pop()!;
    expect(await paperCount()).toBe(before + 1);

    const reader = collabClient(server.url, secretariat.cookieString, paperId);
    try {
      await reader.synced();
      expect(plainSection(reader.doc, "finding")).toBe(
        "Draft from the delegation of Mexico, for discussion.\nOrderly labour migration benefits the region.",
      );
      expect(plainSection(reader.doc, "recommendation")).toContain(
        "Governments should recognise skills; see the skills study and this trap.",
      );
      expect(plainSection(reader.doc, "evidence")).toContain("Honduras | 25%");
      expect(plainSection(reader.doc, "implementation")).toBe("By the next plenary.");
    } finally {
      reader.destroy();
    }

    // A second click finds the draft used: one paper, and a message saying what to do.
    const again = await secretariat.post("/g/rmsg/papers/import", { intent: "create", draftId });
    expect(again.status).toBe(404);
    expect(text(await again.text())).toContain("This preview has expired or was already used.");
    expect(await paperCount()).toBe(before + 1);

    const audit = text(await (await secretariat.get("/g/rmsg/audit")).text());
    expect(audit).toMatch(/created the paper “[^”]+” from the Word file “[^”]+\.docx”/);
    expect(audit).toContain(`(SHA-256 ${sha256})`);
  });

  it("downloads the paper in four formats and both languages, with the version's SHA-256 in the footer", async () => {
    const saved = await secretariat.post(`/g/rmsg/papers/${paperId}`, {
      intent: "version",
      label: "Circulated",
    });
    expect(saved.status).toBe(200);
    const versions = await (await secretariat.get(`/g/rmsg/papers/${paperId}/versions`)).text();
    const hash = /\b([0-9a-f]{64})\b/.exec(versions)![1];
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberHn);
    for (const format of ["html", "md", "docx", "pdf"]) {
      for (const lang of ["en", "es"]) {
        const response = await member.get(
          `/g/rmsg/papers/${paperId}/download/${format}?lang=${lang}&version=1`,
        );
        expect(response.status, `${format} ${lang}`).toBe(200);
        expect(response.headers.get("content-disposition")).toContain(
          `skills-recognition-from-the-mexican-draft-v1-${lang}.${format}`,
        );
        const bytes = new Uint8Array(await response.arrayBuffer());
        let body: string;
        if (format === "docx") {
          const zip = await JSZip.loadAsync(bytes);
          const names = Object.keys(zip.files).filter((n) => /word\/(document|footer\d*)\.xml$/.test(n));
          body = (await Promise.all(names.map((n) => zip.file(n)!.async("string")))).join(" ");
        } else if (format === "pdf") {
          body = (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
        } else body = new TextDecoder().decode(bytes);
        expect(body.replace(/\s+/g, ""), `${format} ${lang}`).toContain(hash);
        expect(body).toContain(lang === "es" ? "Versión 1" : "Version 1");
      }
    }
    const current = await (await member.get(`/g/rmsg/papers/${paperId}/download/md?lang=en`)).text();
    expect(current).toContain("## Recommendation");
    expect(current).toContain("[the skills study](<https://example.org/skills>)");
    expect(current).toContain("Current text, not a saved version");
    expect((await member.get(`/g/rmsg/papers/${paperId}/download/md?version=99`)).status).toBe(404);
    expect((await member.get(`/g/rmsg/papers/${paperId}/download/exe`)).status).toBe(404);
  });

  it("downloads the demo paper's pending suggestions as Word tracked changes by their authors", async () => {
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberHn);
    const id = await paperIdByTitle(member, "rmsg", "Labour inspection across borders");
    const response = await member.get(`/g/rmsg/papers/${id}/download/docx?lang=en`);
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(new Uint8Array(await response.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    const revisions = [
      ...xml.matchAll(/<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">([\s\S]*?)<\/w:\1>/g),
    ].map(([, kind, revisionId, author, date, inner]) => ({
      kind,
      id: revisionId,
      author,
      date,
      text: [...inner.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((m) => m[1]).join(""),
      // Deleted text is w:delText, never w:t; inserted text is w:t.
      element: /<w:(t|delText)[ >]/.exec(inner)?.[1],
    }));
    expect(revisions.map(({ kind, author, text, element }) => ({ kind, author, text, element }))).toEqual([
      {
        kind: "ins",
        author: "Carlos Mejía (HN)",
        text: ", so abuses that start at home are found, if ever, abroad",
        element: "t",
      },
      { kind: "del", author: "Gabriela Núñez (MX)", text: "should", element: "delText" },
      { kind: "ins", author: "Gabriela Núñez (MX)", text: "shall", element: "t" },
    ]);
    expect(new Set(revisions.map((r) => r.id)).size).toBe(3);
    for (const r of revisions) expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Mexico suggested first (the seed: 20 hours ago), Honduras later (5 hours ago).
    expect(Date.parse(revisions[1].date)).toBeLessThan(Date.parse(revisions[0].date));

    // Markdown prints the text without them and lists them; the SHA-256 is that text's either way.
    const markdown = await (await member.get(`/g/rmsg/papers/${id}/download/md?lang=en`)).text();
    expect(markdown).toContain("Labour ministries should share inspection findings");
    expect(markdown).toContain("- Recommendation: Replace “should” with “shall” — Gabriela Núñez (MX), ");
    expect(markdown).toContain(
      "- Finding: Insert “, so abuses that start at home are found, if ever, abroad” — Carlos Mejía (HN), ",
    );
    const hash = /SHA-256 ([0-9a-f]{64})/.exec(markdown)![1];
    expect(xml).toContain(hash);
  });

  it("fills the Spanish translation from a Spanish .docx, live for an open editor", async () => {
    const reader = collabClient(server.url, secretariat.cookieString, paperId);
    try {
      await reader.synced();
      const path = `/g/rmsg/papers/${paperId}/import-translation`;
      const previewed = await upload(secretariat, path, {}, await fixtures.spanishDraft());
      expect(previewed.status).toBe(302);
      const location = previewed.headers.get("location")!;
      const preview = text(await (await secretariat.get(location)).text());
      expect(preview).toContain("Started by the heading “II. Recomendación”");
      const applied = await secretariat.post(path, { intent: "apply", draftId: location.split("=")[1] });
      expect(applied.status).toBe(302);
      expect(applied.headers.get("location")).toBe(`${path}?imported=4`);
      await waitFor(() => plainSection(reader.doc, "finding:es") !== "", 5000, "the translation to arrive");
      expect(plainSection(reader.doc, "finding:es")).toBe(
        "La migración laboral ordenada beneficia a la región.",
      );
      expect(plainSection(reader.doc, "evidence:es")).toBe("Las remesas alcanzaron el 4 % del PIB.");
      // The original is untouched.
      expect(plainSection(reader.doc, "implementation")).toBe("By the next plenary.");
    } finally {
      reader.destroy();
    }
    const spanish = await (await secretariat.get(`/g/rmsg/papers/${paperId}/download/md?lang=es`)).text();
    expect(spanish).toContain("Los gobiernos deben reconocer las competencias.");
    const audit = text(await (await secretariat.get("/g/rmsg/audit")).text());
    expect(audit).toMatch(/filled the translation of “[^”]+” from the Word file/);
  });

  it("refuses hostile files in the sender's language, creates nothing, and keeps serving", async () => {
    const spanish = new HttpClient(server.url);
    await spanish.login(DEMO.cochairMx, undefined, "es");
    const fields = { title: "Hostil", templateId, leadDelegationId: "", originalLanguage: "en" };
    const before = await paperCount();
    const cases: [string, Uint8Array | Promise<Uint8Array>, number, string, string][] = [
      [
        "not a docx",
        fixtures.notADocx(),
        400,
        "This is not a Word document (.docx).",
        "no es un documento de Word",
      ],
      ["encrypted", fixtures.encryptedDocx(), 400, "password-protected", "protegido con contraseña"],
      [
        "zip bomb",
        fixtures.zipBomb(),
        400,
        "would unpack to more than 50 MB",
        "se descomprimiría en más de 50 MB",
      ],
      ["1,500 entries", fixtures.manyEntries(), 400, "more than 1000 parts", "más de 1000 partes"],
      [
        "5,000 headings",
        fixtures.manyHeadings(),
        400,
        "The document has 5000 headings",
        "El documento tiene 5000 títulos",
      ],
      [
        "9 MB paragraph",
        fixtures.hugeParagraph(),
        400,
        "A paragraph is longer than 100000",
        "Un párrafo tiene más de 100000",
      ],
      ["11 MB", new Uint8Array(11 * 1024 * 1024), 413, "larger than 10 MB", "pesa más de 10 MB"],
    ];
    for (const [name, make, status, english, castellano] of cases) {
      const file = await make;
      await fetch(`${server.url}/__test/event-loop`);
      const inEnglish = await upload(secretariat, "/g/rmsg/papers/import", fields, file);
      const probe = (await (await fetch(`${server.url}/__test/event-loop`)).json()) as {
        maxMs: number;
        blockedMs: number;
      };
      console.log(
        `[word import] ${name}: ${inEnglish.status}; event loop max ${probe.maxMs.toFixed(0)} ms, blocked ${probe.blockedMs.toFixed(0)} ms`,
      );
      expect(inEnglish.status, name).toBe(status);
      expect(text(await inEnglish.text()), name).toContain(english);
      const enEspañol = await upload(spanish, "/g/rmsg/papers/import", fields, file);
      expect(enEspañol.status, name).toBe(status);
      expect(text(await enEspañol.text()), name).toContain(castellano);
    }
    expect(await paperCount()).toBe(before);
    // The form without a file says what is missing.
    const noFile = await upload(secretariat, "/g/rmsg/papers/import", fields, null);
    expect(text(await noFile.text())).toContain("Choose a .docx file to import.");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 240_000);

  it("lets only those who may create papers import one, and only the uploader see a preview", async () => {
    const observer = new HttpClient(server.url);
    await observer.login(DEMO.observer);
    const fields = { title: "Nope", templateId, leadDelegationId: "", originalLanguage: "en" };
    const refused = await upload(observer, "/g/rmsg/papers/import", fields, await fixtures.spanishDraft());
    expect(refused.status).toBe(403);
    const previewed = await upload(
      secretariat,
      "/g/rmsg/papers/import",
      fields,
      await fixtures.spanishDraft(),
    );
    const location = previewed.headers.get("location")!;
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairUs);
    const other = text(await (await cochair.get(location)).text());
    expect(other).toContain("This preview has expired or was already used.");
    const stolen = await cochair.post("/g/rmsg/papers/import", {
      intent: "create",
      draftId: location.split("=")[1],
    });
    expect(stolen.status).toBe(404);
  });
});
