// A secretariat member starts a paper from a delegation's Word draft with the keyboard, checks the
// preview (in English and in Spanish), creates the paper and downloads it from the paper page.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { DEMO } from "../support/http-client";
import { browserAvailable } from "../support/browser";
import { assertPageOk } from "../support/page-checks";
import { englishDraft, spanishDraft } from "../support/docx-fixtures";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe.skipIf(!browserAvailable())("starting a paper from a Word document", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  async function secretariat(): Promise<Page & { assertClean: () => void }> {
    return personPage(browser, server, DEMO.secretariat, { height: 900, acceptDownloads: true });
  }

  /** Tabs forward until the element matching `name` has focus (at most 40 presses). */
  async function tabTo(page: Page, name: RegExp): Promise<void> {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return "";
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${label ?? ""} ${el.getAttribute("aria-label") ?? ""} ${el.textContent ?? ""}`.trim();
      });
      if (name.test(focused)) return;
    }
    throw new Error(`could not reach ${String(name)} with Tab`);
  }

  it("uploads, previews and creates with the keyboard, then downloads the paper", async () => {
    const page = await secretariat();
    await page.goto(`${server.url}/g/rmsg/papers/new`);
    await tabTo(page, /Start from a Word document/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "New paper from a Word document", level: 1 }).waitFor();
    await assertPageOk(page, "word-import-upload-en");

    // A file chooser is the operating system's: the test hands the file to the input it opens.
    await page.getByLabel(/Word document \(\.docx/).setInputFiles({
      name: "borrador-mexico.docx",
      mimeType: DOCX,
      buffer: await englishDraft(),
    });
    await page.getByLabel(/Word document \(\.docx/).focus();
    await tabTo(page, /^Title/);
    await page.keyboard.type("Skills recognition, from the Mexican draft");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Check the import", level: 1 }).waitFor();
    expect(await page.getByRole("heading", { name: "Recommendation", level: 2 }).isVisible()).toBe(true);
    expect(await page.getByText("Started by the heading “2. RECOMMENDATION”").isVisible()).toBe(true);
    expect(await page.getByText("Tables: 1 (their text is kept, one paragraph per row)").isVisible()).toBe(
      true,
    );
    await assertPageOk(page, "word-import-preview-en");

    await tabTo(page, /Create the paper/);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/g\/rmsg\/papers\/[A-Za-z0-9_-]+$/);
    await page.getByRole("heading", { name: "Download this paper" }).waitFor();
    await page.getByText("Orderly labour migration").first().waitFor();

    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Markdown" }).click(),
    ]);
    expect(file.suggestedFilename()).toBe("rmsg-skills-recognition-from-the-mexican-draft-current-en.md");
    const markdown = readFileSync(await file.path(), "utf8");
    expect(markdown).toContain("Governments should *recognise* skills");
    expect(markdown).toMatch(/Current text, not a saved version; SHA-256 [0-9a-f]{64}/);
    page.assertClean();
  });

  it("shows the preview in Spanish", async () => {
    const page = await secretariat();
    await page.goto(`${server.url}/g/rmsg`);
    await page.getByLabel(/Language|Idioma/).selectOption("es");
    await page.getByRole("button", { name: /Change language|Cambiar idioma/ }).click();
    await page.getByRole("heading", { name: "Delegaciones", exact: true }).waitFor();
    await page.goto(`${server.url}/g/rmsg/papers/import`);
    await page.getByLabel(/Documento de Word/).setInputFiles({
      name: "borrador.docx",
      mimeType: DOCX,
      buffer: await spanishDraft(),
    });
    await page.getByLabel("Título").fill("Reconocimiento de competencias");
    await page.getByRole("button", { name: "Ver la vista previa" }).click();
    await page.getByRole("heading", { name: "Revise la importación", level: 1 }).waitFor();
    expect(await page.getByText("Iniciada por el título «II. Recomendación»").isVisible()).toBe(true);
    await assertPageOk(page, "word-import-preview-es");
    await page.goto(`${server.url}/g/rmsg/papers/import`);
    await assertPageOk(page, "word-import-upload-es");
    page.assertClean();
  });
});
