import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle, voteTextHash } from "../support/papers";
import { browserAvailable, openPage, signIn, unloadWouldAsk } from "../support/browser";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest({ env: { VOTE_MIN_LEAD_SECONDS: "2" } });

const SEEDED = "Recognising the skills of workers who move";
const LABOUR = "Legal pathways for regional labour mobility";
const SEEDED_ES = "Reconocimiento de las competencias de los trabajadores que migran";

describe.skipIf(!browserAvailable())("the group's report in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  async function person(email: string, viewport = { width: 1100, height: 900 }) {
    return personPage(browser, server, email, { ...viewport, acceptDownloads: true });
  }

  async function download(page: Page, name: RegExp) {
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name }).click(),
    ]);
    return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
  }

  it("downloads the report in each format from the report page", async () => {
    const page = await person(DEMO.memberMx);
    await page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Report" }).click();
    await page.getByRole("heading", { name: "Report of Regional Migration Study Group", level: 1 }).waitFor();
    expect(await page.getByRole("heading", { name: `1. ${SEEDED}` }).isVisible()).toBe(true);
    const date = new Date().toISOString().slice(0, 10);

    const html = await download(page, /^HTML for printing, English/);
    expect(html.name).toBe(`rmsg-report-${date}.html`);
    expect(html.body.toString()).toContain(`<span class="finding-number">1.</span> ${SEEDED}`);

    const md = await download(page, /^Markdown, English/);
    expect(md.name).toBe(`rmsg-report-${date}.md`);
    expect(md.body.toString()).toContain(`### 1. ${SEEDED}`);

    const docx = await download(page, /^Word \(DOCX\), Spanish/);
    expect(docx.name).toBe(`rmsg-informe-${date}.docx`);
    const xml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    const words = xml.replace(/<[^>]+>/g, "");
    expect(words).toContain("Adoptado por consenso");
    // Spanish throughout: the finding's Spanish title and the template's Spanish section titles.
    expect(words).toContain(SEEDED_ES);
    expect(words).toContain("Recomendación");
    expect(words).not.toContain("Recommendation");

    const pdf = await download(page, /^PDF, Spanish/);
    expect(pdf.name).toBe(`rmsg-informe-${date}.pdf`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), {
      mergePages: true,
    });
    expect(text.replace(/\s+/g, " ")).toContain("participaron las cinco delegaciones");
    page.assertClean();
  });

  it("lets the secretariat reorder findings with the keyboard and by dragging, and write a foreword", async () => {
    // A second adopted paper, through a vote over HTTP.
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const paperId = await paperIdByTitle(cochair, "rmsg", LABOUR);
    const deadline = new Date(Date.now() + 600_000).toISOString().slice(0, 19);
    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      tzOffset: "0",
      kind: "CONSENSUS",
      deadline,
      quorumPercent: "5",
    });
    const voteId = opened.headers.get("location")!.split("/").pop()!;
    expect(
      (
        await cochair.post(`/g/rmsg/votes/${voteId}`, {
          intent: "stance",
          value: "SUPPORT",
          textHash: await voteTextHash(cochair, voteId),
        })
      ).status,
    ).toBe(200);
    expect((await cochair.post(`/g/rmsg/votes/${voteId}`, { intent: "close" })).status).toBe(200);

    const page = await person(DEMO.secretariat);
    await page.goto(`${server.url}/g/rmsg/report`);
    await page.getByRole("link", { name: "Arrange the report" }).click();
    await page.getByRole("heading", { name: "Order of the findings" }).waitFor();
    const titles = () => page.locator(".report-order-title").allTextContents();
    expect(await titles()).toEqual([SEEDED, LABOUR]);

    // Keyboard: the Move down button of the first finding; focus stays on the moved finding's buttons.
    await page.getByRole("button", { name: `Move down: ${SEEDED}` }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(titles).toEqual([LABOUR, SEEDED]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe(`Move up: ${SEEDED}`);
    await page.getByText(`“${SEEDED}” is now finding 2.`).waitFor();

    // Drag and drop puts it back.
    await page
      .locator(".report-order-item", { hasText: SEEDED })
      .dragTo(page.locator(".report-order-item", { hasText: LABOUR }));
    await expect.poll(titles).toEqual([SEEDED, LABOUR]);
    await page.getByText("The order of the findings is saved.").waitFor();
    await page.reload();
    expect(await titles()).toEqual([SEEDED, LABOUR]);

    // The foreword, in the same rich-text editor as a paper section.
    const foreword = page.getByRole("textbox", { name: "Foreword in English" });
    await foreword.click();
    await page.keyboard.type("Este informe reúne los hallazgos del grupo. ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("Año 2026.");
    // Leaving before saving asks first; "Keep editing" (focused, so Enter) keeps the page and the text.
    expect(await unloadWouldAsk(page)).toBe(true);
    await page.getByRole("link", { name: "Back to the report" }).click();
    const leaving = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await leaving.waitFor();
    expect(await leaving.textContent()).toContain("are not saved");
    await page.keyboard.press("Enter");
    await leaving.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe("/g/rmsg/report/edit");
    expect(await foreword.textContent()).toContain("Año 2026.");
    // The save's reload of the page's data answers slowly here: "saved" waits for it. Shown earlier, it
    // invites the click on the link below, which cuts the reload off mid-response, and Remix logs that.
    let reloadAnswered = false;
    const arrangeData = (url: URL) => url.pathname === "/g/rmsg/report/edit.data";
    await page.route(arrangeData, async (route) => {
      if (route.request().method() !== "GET") return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 500)); // a slow network, not a wait
      reloadAnswered = true;
      await route.fulfill({ response });
    });
    await page.getByRole("button", { name: "Save the foreword and summary" }).click();
    await page.getByText("The foreword and executive summary are saved.").waitFor();
    expect(reloadAnswered).toBe(true);
    await page.unroute(arrangeData);
    // Saved: nothing is asked any more.
    expect(await unloadWouldAsk(page)).toBe(false);

    await page.getByRole("link", { name: "Back to the report" }).click();
    await page.waitForURL((url) => url.pathname === "/g/rmsg/report");
    const report = page.getByRole("region", { name: "Foreword", exact: true });
    await report.waitFor();
    expect(await report.textContent()).toContain("Este informe reúne los hallazgos del grupo. Año 2026.");
    expect(await report.locator("strong").textContent()).toBe("Año 2026.");
    expect(await page.getByRole("heading", { level: 3 }).allTextContents()).toEqual([
      `1. ${SEEDED}`,
      `2. ${LABOUR}`,
    ]);
    page.assertClean();
  });

  it("reads in Spanish for a Spanish reader, who downloads it in Spanish or in English", async () => {
    const page = await openPage(
      await browser.newContext({
        locale: "es-MX",
        viewport: { width: 1100, height: 900 },
        acceptDownloads: true,
      }),
    );
    await signIn(page, server.url, DEMO.member2Mx);
    await page.goto(`${server.url}/g/rmsg/report`);
    await page
      .getByRole("heading", { name: /^Informe de Grupo de Estudio Regional sobre Migración/, level: 1 })
      .waitFor();
    await page.getByRole("heading", { name: `1. ${SEEDED_ES}` }).waitFor();
    await page.getByText("Descargar en inglés").waitFor();
    expect(await page.getByText(/Descargar en English|Recommendation/).count()).toBe(0);
    const md = await download(page, /^Markdown, español/);
    expect(md.body.toString()).toContain(`### 1. ${SEEDED_ES}`);
    expect(md.body.toString()).toContain("Recomendación");
    const english = await download(page, /^Markdown, inglés/);
    expect(english.body.toString()).toContain(`### 1. ${SEEDED}`);
    page.assertClean();
  });

  it("fits a phone's width", async () => {
    const page = await person(DEMO.memberHn, { width: 390, height: 844 });
    await page.goto(`${server.url}/g/rmsg/report`);
    await page.getByRole("heading", { name: "Report of Regional Migration Study Group", level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    page.assertClean();
  });
});
