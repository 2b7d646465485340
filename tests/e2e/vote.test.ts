import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { browserAvailable, launchBrowser, openPage, signIn, useEnglish } from "../support/browser";

describe.skipIf(!browserAvailable())("a co-chair runs a consensus vote", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function person(email: string) {
    const page = await openPage(await browser.newContext({ locale: "en-US" }));
    await signIn(page, server.url, email);
    await useEnglish(page, server.url);
    return page;
  }

  async function takeStance(page: Page, voteUrl: string, stance: string, statement?: string) {
    await page.goto(voteUrl);
    await page.getByRole("radio", { name: stance, exact: true }).check();
    if (statement) await page.getByLabel("Statement").fill(statement);
    await page.getByRole("button", { name: "Record my stance" }).click();
    await page.getByText("Your stance is recorded.").waitFor();
  }

  it("opens it, two delegations take stances, closes it, and everyone sees the outcome", async () => {
    const cochair = await person("cochair.us@example.org");
    await cochair.getByRole("link", { name: "Legal pathways for regional labour mobility" }).click();
    await cochair.getByRole("button", { name: "Paper actions" }).click();
    await cochair.getByRole("menuitem", { name: "Open a vote" }).click();
    await cochair.getByRole("radio", { name: /Consensus/ }).check();
    // Two delegates will take part out of thirteen: a low quorum for the demonstration.
    await cochair.getByLabel(/Quorum/).fill("10");
    await cochair.getByRole("button", { name: "Freeze the text and open the vote" }).click();
    await cochair.getByRole("heading", { name: /Vote on/ }).waitFor();
    const voteUrl = cochair.url();
    expect(
      await cochair
        .getByText(/SHA-256/)
        .first()
        .isVisible(),
    ).toBe(true);

    const mexico = await person("member.mx@example.org");
    const honduras = await person("member.hn@example.org");
    await takeStance(mexico, voteUrl, "Support");
    await takeStance(
      honduras,
      voteUrl,
      "Support with reservations",
      "Honduras asks that the pilot include construction workers.",
    );

    // The co-chair's page shows the stances as they come in, without a reload.
    await expect
      .poll(() => cochair.getByRole("region", { name: "Mexico" }).textContent(), { timeout: 10_000 })
      .toContain("Support");
    await expect
      .poll(() => cochair.getByRole("region", { name: "Honduras" }).textContent(), { timeout: 10_000 })
      .toContain("Support with reservations");

    cochair.once("dialog", (dialog) => void dialog.accept());
    await cochair.getByRole("button", { name: "Close the vote now" }).click();
    for (const page of [cochair, mexico, honduras]) {
      await expect
        .poll(() => page.getByRole("heading", { name: /Outcome/ }).textContent(), { timeout: 10_000 })
        .toContain("Adopted");
      expect(
        await page
          .getByText("Honduras asks that the pilot include construction workers.")
          .first()
          .isVisible(),
      ).toBe(true);
    }
    for (const page of [cochair, mexico, honduras]) page.assertClean();
  });
});
