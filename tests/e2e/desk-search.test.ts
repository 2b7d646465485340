import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, openPage, signIn } from "../support/browser";
import { assertPageOk } from "../support/page-checks";
import { e2eTest } from "../support/e2e";

const test = e2eTest();

describe.skipIf(!browserAvailable())("my desk, the group dashboard and search in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("shows the desk and dashboard, and finds text with the keyboard alone (Ctrl+K, arrows, Enter)", async () => {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    const page = await openPage(context);
    await signIn(page, server.url, "cochair.us@example.org");
    await page.getByRole("heading", { level: 1, name: "My desk" }).waitFor();
    await page.getByRole("heading", { name: "Waiting for your stance" }).waitFor();
    await page.getByRole("heading", { name: "Papers your delegation leads" }).waitFor();
    await assertPageOk(page, "desk-en");

    await page.goto(`${server.url}/g/rmsg`);
    await page.getByRole("heading", { name: "Papers by status" }).waitFor();
    await page.getByRole("heading", { name: "Quiet delegations" }).waitFor();
    await page.getByText("Table", { exact: true }).click();
    await page.locator("#participation-table").waitFor();
    await assertPageOk(page, "dashboard-en");

    // Keyboard only: Ctrl+K focuses the header's search box; arrows choose a result; Enter opens it.
    await page.keyboard.press("Control+k");
    const box = page.getByRole("combobox", { name: /Search/ });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("consular");
    const options = page.getByRole("option");
    await options.first().waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => options.nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await box.getAttribute("aria-activedescendant")).toBe("site-search-option-1");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => options.nth(0).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/g\/rmsg\/papers\/[^/]+/);

    // Enter without choosing opens the full results page.
    await page.keyboard.press("Control+k");
    await page.keyboard.type("migrantes");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/g\/rmsg\/search\?q=migrantes/);
    await page.getByRole("heading", { name: "Results" }).waitFor();
    expect(await page.locator(".search-hits mark").count()).toBeGreaterThan(0);
    await assertPageOk(page, "search-en");
    page.assertClean();
    await context.close();
  });

  it("shows the same pages in Spanish to a Mexican delegate", async () => {
    const context = await browser.newContext({ locale: "es-MX", viewport: { width: 390, height: 844 } });
    const page = await openPage(context);
    await signIn(page, server.url, "member.mx@example.org");
    await page.getByRole("heading", { level: 1, name: "Mi escritorio" }).waitFor();
    // The desk names papers in the reader's language: this one by its Spanish title.
    await page
      .getByRole("link", { name: "Consulados móviles para quienes trabajan en el exterior" })
      .first()
      .waitFor();
    await assertPageOk(page, "desk-es");
    await page.goto(`${server.url}/g/rmsg`);
    await page.getByRole("heading", { name: "Documentos por estado" }).waitFor();
    // Members see participation, not the list of quiet delegations.
    expect(await page.getByRole("heading", { name: "Delegaciones en silencio" }).count()).toBe(0);
    await assertPageOk(page, "dashboard-es");
    await page.goto(`${server.url}/g/rmsg/search?q=migraci%C3%B3n+laboral&language=es`);
    await page.getByRole("heading", { name: "Resultados" }).waitFor();
    await assertPageOk(page, "search-es");
    page.assertClean();
    await context.close();
  });
});
