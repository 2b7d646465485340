import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

describe.skipIf(!browserAvailable())("a co-chair runs a consensus vote", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  async function takeStance(page: Page, voteUrl: string, stance: string, statement?: string) {
    await page.goto(voteUrl);
    await page.getByRole("radio", { name: stance, exact: true }).check();
    if (statement) await page.getByLabel("Statement").fill(statement);
    await page.getByRole("button", { name: "Record my stance" }).click();
    await page.getByText("Your stance is recorded.").waitFor();
  }

  it("opens it, two delegations take stances, closes it, and everyone sees the outcome", async () => {
    const cochair = await personPage(browser, server, "cochair.us@example.org");
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

    const mexico = await personPage(browser, server, "member.mx@example.org");
    const honduras = await personPage(browser, server, "member.hn@example.org");
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

    // Honduras's stance reached Mexico's page live, and Mexico's confirmation stayed: the router drops
    // an action's answer when loaders run again, which erased it a moment after it appeared.
    await expect
      .poll(() => mexico.getByRole("region", { name: "Honduras" }).textContent(), { timeout: 10_000 })
      .toContain("Support with reservations");
    expect(await mexico.getByText("Your stance is recorded.").isVisible()).toBe(true);

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
