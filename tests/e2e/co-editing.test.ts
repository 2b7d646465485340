import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

describe.skipIf(!browserAvailable())("two delegations draft the same section together", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("shows each person the other's text and named caret", async () => {
    // Demo accounts of Latin American delegates use Spanish; this journey reads in English.
    const mexico = await personPage(browser, server, "member.mx@example.org");
    const honduras = await personPage(browser, server, "member.hn@example.org", { width: 390, height: 844 });
    for (const page of [mexico, honduras]) {
      await page.getByRole("link", { name: "Cheaper and safer remittances" }).click();
      await page.getByRole("heading", { name: "Cheaper and safer remittances" }).waitFor();
    }
    const section = (page: typeof mexico) =>
      page.getByRole("textbox", { name: "Implementation and timeline" });
    for (const page of [mexico, honduras])
      await page.getByText("Connected", { exact: false }).first().waitFor();

    await section(mexico).click();
    await mexico.keyboard.type("Mexico proposes a pilot corridor. ");
    // Honduras answers once Mexico's sentence has reached it, at the end of the section. (Typing at a spot
    // while the other's characters are still arriving interleaves them, as in any shared editor; the
    // journey test covers three people typing at once in different places.)
    await expect
      .poll(() => section(honduras).textContent(), { timeout: 10_000 })
      .toContain("Mexico proposes a pilot corridor.");
    await section(honduras).click();
    await honduras.keyboard.press("Control+End");
    await honduras.keyboard.type("Honduras joins in the first year.");

    await expect
      .poll(() => section(mexico).textContent(), { timeout: 10_000 })
      .toContain("Mexico proposes a pilot corridor. Honduras joins in the first year.");

    // Remote carets carry the person's name and delegation.
    await expect
      .poll(() => mexico.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining("Carlos Mejía"));
    await expect
      .poll(() => honduras.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining("Gabriela Núñez"));
    // And both are listed as on the page.
    await expect
      .poll(() => mexico.getByRole("list", { name: /On this page/ }).textContent())
      .toContain("Carlos Mejía");

    mexico.assertClean();
    honduras.assertClean();
  });
});
