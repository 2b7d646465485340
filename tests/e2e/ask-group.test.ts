import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server";
import { browserAvailable, launchBrowser, openPage, signIn, useEnglish } from "../support/browser";
import { assertPageOk } from "../support/page-checks";

// "Ask the group" from the browser, by keyboard: a Mexican delegate turns Mexico's suggestion on the demo
// paper in Penholder mode into a silence procedure; its card then says so and links to the vote page,
// where the change is shown in words with the form to break silence; the penholder no longer has Accept
// or Reject for it. (Closing at the deadline is in tests/integration/suggestion-votes.test.ts.)

const PAPER = "Labour inspection across borders"; // led by Guatemala
const CHANGE = "Replace “should” with “shall”";

describe.skipIf(!browserAvailable())("asking the group about a suggestion", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function open(email: string, width = 1280): Promise<Page & { assertClean: () => void }> {
    const page = await openPage(
      await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } }),
    );
    await signIn(page, server.url, email);
    await useEnglish(page, server.url);
    await page.getByRole("link", { name: PAPER }).click();
    await page.getByRole("heading", { name: PAPER }).waitFor();
    await page.getByText("Connected", { exact: false }).first().waitFor();
    return page;
  }

  it("a delegate asks by keyboard; the card shows the procedure and the vote page the change", async () => {
    const jose = await open("member2.mx@example.org");
    const lead = await open("cochair.gt@example.org");
    const accept = lead.getByRole("button", {
      name: `Accept the suggestion by Gabriela Núñez (MX): ${CHANGE}`,
    });
    await accept.waitFor();

    const askButton = jose.getByRole("button", {
      name: `Ask the group about the suggestion by Gabriela Núñez (MX): ${CHANGE}`,
    });
    await askButton.focus();
    await jose.keyboard.press("Enter");
    const dialog = jose.getByRole("dialog", { name: "Ask the group" });
    await dialog.waitFor();
    // The deadline has the focus, proposed 48 hours ahead.
    const deadline = dialog.getByLabel("Deadline");
    await expect.poll(() => deadline.evaluate((el) => el === document.activeElement)).toBe(true);
    const proposed = Date.parse(`${await deadline.inputValue()}Z`);
    expect(Math.abs(proposed - Date.now() - 48 * 3600_000)).toBeLessThan(24 * 3600_000 + 120_000);
    await assertPageOk(jose, "ask-group-dialog");
    await dialog.getByLabel("A note for the group (optional)").focus();
    await jose.keyboard.type("Guatemala prefers “should”; let the group decide.");
    await dialog.getByRole("button", { name: "Start the silence procedure" }).focus();
    await jose.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    // The button that opened the dialog is gone with it: the focus is on the procedure's link.
    const link = jose.getByRole("link", { name: `Open the silence procedure on the suggestion: ${CHANGE}` });
    await expect.poll(() => link.evaluate((el) => el === document.activeElement)).toBe(true);

    // Both pages: the card says a procedure is under way; nobody has Accept or Reject for it.
    for (const page of [jose, lead]) {
      await page.getByText(/Silence procedure until .* · 0 statements/).waitFor({ timeout: 10_000 });
    }
    await expect.poll(() => accept.count(), { timeout: 10_000 }).toBe(0);
    await assertPageOk(lead, "ask-group-card");

    await jose.keyboard.press("Enter");
    await jose.getByRole("heading", { name: `Silence procedure on a suggestion in “${PAPER}”` }).waitFor();
    await jose.getByText(CHANGE).waitFor();
    await jose.getByText("Guatemala prefers “should”; let the group decide.").waitFor();
    await jose.getByRole("radio", { name: "Break silence" }).waitFor();
    await assertPageOk(jose, "ask-group-vote");
    jose.assertClean();
    lead.assertClean();
  });
});
