import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { DEMO, HttpClient } from "../support/http-client";
import { paperIdByTitle } from "../support/papers";
import { assertPageOk } from "../support/page-checks";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

const PAPER = "Consular protection for workers abroad";

describe.skipIf(!browserAvailable())("English and Spanish side by side", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("flags a translation out of date, with what changed, as soon as another delegate edits the original", async () => {
    // In review the original changes only through suggestions, which count once accepted: the paper goes
    // back to draft, where a delegate edits the original directly.
    const cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    const paperId = await paperIdByTitle(cochair, "rmsg", PAPER);
    expect(
      (await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "DRAFT" })).status,
    ).toBe(200);
    const translator = await personPage(browser, server, "member.mx@example.org");
    const drafter = await personPage(browser, server, "member.gt@example.org");
    for (const page of [translator, drafter]) {
      await page.getByRole("link", { name: PAPER }).click();
      await page.getByRole("heading", { name: PAPER }).waitFor();
      await page.getByText("Connected", { exact: false }).first().waitFor();
    }

    // The bilingual paper opens side by side: both editors of each section, and each translation's state.
    expect(await translator.getByRole("radio", { name: "Side by side" }).isChecked()).toBe(true);
    await translator.getByRole("textbox", { name: "Finding (Spanish)" }).waitFor();
    const finding = translator.locator('[data-section="finding"]');
    await expect.poll(() => finding.textContent()).toContain("Translation up to date");
    await expect
      .poll(() => translator.locator('[data-section="recommendation"]').textContent())
      .toContain("Translation out of date");

    // Another delegate edits the original Finding (not the translation).
    const original = drafter.getByRole("textbox", { name: "Finding", exact: true });
    await original.click();
    await drafter.keyboard.press("End");
    await drafter.keyboard.press("Control+End");
    await drafter.keyboard.type(" Women are the most affected.");

    // The translator's page flags it at once, says so in words, and shows the words added to the original.
    await expect.poll(() => finding.textContent(), { timeout: 10_000 }).toContain("Translation out of date");
    await expect
      .poll(() => finding.locator("ins").allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining("Women are the most affected."));
    expect(
      await finding
        .getByText("What changed in the original since the translation was marked up to date")
        .isVisible(),
    ).toBe(true);
    // Side by side, with a flag and its diff: no serious accessibility problem, no sideways scrolling on a phone or a laptop.
    await assertPageOk(translator, "bilingual-side-by-side");

    // The translator brings the Spanish up to date and marks it; both pages see it up to date again.
    const spanish = translator.getByRole("textbox", { name: "Finding (Spanish)" });
    await spanish.click();
    await translator.keyboard.press("Control+End");
    await translator.keyboard.type(" Las mujeres son las más afectadas.");
    await finding.getByRole("button", { name: "Mark translation up to date: Finding" }).click();
    await expect.poll(() => finding.textContent(), { timeout: 10_000 }).toContain("Translation up to date");
    await expect
      .poll(() => drafter.locator('[data-section="finding"]').textContent(), { timeout: 10_000 })
      .toContain("Translation up to date");
    await expect
      .poll(() => drafter.getByRole("textbox", { name: "Finding (Spanish)" }).textContent(), {
        timeout: 10_000,
      })
      .toContain("Las mujeres son las más afectadas.");

    // The toggle: original only, translation only, side by side again (keyboard: arrows move in the radio group).
    await translator.getByRole("radio", { name: "Original (English)" }).check();
    await expect.poll(() => translator.getByRole("textbox", { name: "Finding (Spanish)" }).count()).toBe(0);
    await translator.keyboard.press("ArrowRight");
    expect(await translator.getByRole("radio", { name: "Translation (Spanish)" }).isChecked()).toBe(true);
    await expect
      .poll(() => translator.getByRole("textbox", { name: "Finding", exact: true }).count())
      .toBe(0);
    await translator.getByRole("textbox", { name: "Finding (Spanish)" }).waitFor();
    expect(new URL(translator.url()).searchParams.get("view")).toBe("translation");
    await assertPageOk(translator, "bilingual-translation");
    await translator.getByRole("radio", { name: "Side by side" }).check();

    // On a phone the two texts stack: the translation comes under its original.
    await translator.setViewportSize({ width: 390, height: 844 });
    const englishBox = await translator.getByRole("textbox", { name: "Finding", exact: true }).boundingBox();
    const spanishBox = await translator.getByRole("textbox", { name: "Finding (Spanish)" }).boundingBox();
    expect(spanishBox!.y).toBeGreaterThan(englishBox!.y + englishBox!.height);
    expect(spanishBox!.x + spanishBox!.width).toBeLessThanOrEqual(390);

    translator.assertClean();
    drafter.assertClean();
  });
});
