import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, openPage, signIn } from "../support/browser";
import { assertPageOk } from "../support/page-checks";
import { e2eTest } from "../support/e2e";

const test = e2eTest();

describe.skipIf(!browserAvailable())("a delegate chooses how they are emailed", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("changes a kind and the digest hour with the keyboard alone, in English and Spanish", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await openPage(context);
    await signIn(page, server.url, "member.us@example.org");
    // The person's own pages are under their name in the header: opened and followed by keyboard.
    await page.locator(".account-menu summary").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Notifications" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Email notifications" }).waitFor();
    // Having moved on, the menu folds again.
    expect(await page.locator(".account-menu").getAttribute("open")).toBeNull();
    await assertPageOk(page, "notifications-en");

    const replies = page.getByRole("group", { name: "Replies in threads I started or took part in" });
    expect(await replies.getByRole("radio", { name: "Daily digest" }).isChecked()).toBe(true);
    const mentions = page.getByRole("group", { name: "Mentions of me" });
    expect(await mentions.getByRole("radio", { name: "Immediately" }).isChecked()).toBe(true);
    // Arrow keys move the choice inside a group; Tab leaves it.
    await mentions.getByRole("radio", { name: "Immediately" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await mentions.getByRole("radio", { name: "Daily digest" }).isChecked()).toBe(true);
    await page.getByLabel("Send the daily digest at").focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("Send the daily digest at").inputValue()).toBe("9");
    await page.getByRole("button", { name: "Save notification settings" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Your notification settings were saved." }).waitFor();
    expect(await mentions.getByRole("radio", { name: "Daily digest" }).isChecked()).toBe(true);
    expect(await page.getByLabel("Send the daily digest at").inputValue()).toBe("9");

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: "Change language" }).click();
    await page.getByRole("heading", { name: "Notificaciones por correo" }).waitFor();
    await assertPageOk(page, "notifications-es");
    expect(
      await page
        .getByRole("group", { name: "Menciones de mí" })
        .getByRole("radio", { name: "Resumen diario" })
        .isChecked(),
    ).toBe(true);

    page.assertClean();
    await context.close();
  });

  it("offers a password reset from the sign-in page and shows the outbox to the secretariat", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await openPage(context);
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await assertPageOk(page, "forgot-password-en");
    await page.getByLabel("Email").fill("member.hn@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").filter({ hasText: "If an account exists" }).waitFor();

    await signIn(page, server.url, "secretariat@example.org");
    await page.goto(`${server.url}/g/rmsg/outbox`);
    await page.getByRole("heading", { name: "Outbox" }).waitFor();
    await assertPageOk(page, "outbox-en");
    page.assertClean();
    await context.close();
  });
});
