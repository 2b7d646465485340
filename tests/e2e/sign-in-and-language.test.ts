import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, openPage, signIn } from "../support/browser";
import { e2eTest } from "../support/e2e";

const test = e2eTest();

describe.skipIf(!browserAvailable())("a co-chair signs in, opens the group and switches to Spanish", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("works in a real browser with JavaScript running under the CSP", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await openPage(context);
    await signIn(page, server.url, "cochair.us@example.org");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My desk");

    await page.getByRole("link", { name: "Regional Migration Study Group" }).click();
    await page.waitForURL(`${server.url}/g/rmsg`);
    await page.getByRole("heading", { name: "Delegations", exact: true }).waitFor();
    await page.getByRole("heading", { name: /Honduras/ }).waitFor();
    // Client-side navigation proves hydration ran, which needs the nonce'd scripts to pass the CSP.
    await page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Members" }).click();
    await page.waitForURL(`${server.url}/g/rmsg/members`);
    await page.getByRole("heading", { name: "Invite someone" }).waitFor();

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: "Change language" }).click();
    await page.getByRole("heading", { name: "Invitar a alguien" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByRole("navigation", { name: "Grupo" }).getByRole("link", { name: "Resumen" }).click();
    await page.getByRole("heading", { name: "Delegaciones", exact: true }).waitFor();
    expect(await page.getByText("Copresidencia").first().isVisible()).toBe(true);

    page.assertClean();
    await context.close();
  });
});
