import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, selectWords } from "../support/browser";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

const PAPER = "Legal pathways for regional labour mobility";
const WORDS = "legal channels do not supply";

describe.skipIf(!browserAvailable())("two delegations discuss a sentence in comments", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("comments on a selection, the other sees the highlight and replies, the first sees the reply and resolves", async () => {
    const mexico = await personPage(browser, server, "member.mx@example.org", { height: 900 });
    const honduras = await personPage(browser, server, "member.hn@example.org", { width: 390, height: 844 });
    for (const page of [mexico, honduras]) {
      await page.getByRole("link", { name: PAPER }).click();
      await page.getByRole("heading", { name: PAPER }).waitFor();
      await page.getByText("Connected", { exact: false }).first().waitFor();
    }
    const panel = (page: Page) => page.getByRole("complementary", { name: "Comments" });

    // The demo already holds unread items for some people; the mention must add one.
    const unread = async (page: Page) => {
      const badge = page.locator(".inbox-count");
      return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
    };
    const hondurasUnread = await unread(honduras);

    // Gabriela (Mexico) selects words in the Finding and comments, mentioning Carlos through the list.
    await selectWords(mexico, "Finding", WORDS);
    const finding = mexico.locator("#section-finding");
    await finding.getByRole("button", { name: "Comment on selection" }).click();
    const box = panel(mexico).getByLabel("Your comment");
    await expect.poll(() => panel(mexico).locator(".thread-new .thread-quote").textContent()).toBe(WORDS);
    await box.pressSequentially("Too strong for a finding? @Carl");
    await panel(mexico).getByRole("option", { name: "Carlos Mejía" }).waitFor();
    await box.press("Enter");
    await box.pressSequentially("what does Honduras think?");
    expect(await box.inputValue()).toBe("Too strong for a finding? @Carlos Mejía what does Honduras think?");
    await panel(mexico).getByRole("button", { name: "Post comment" }).click();
    await panel(mexico).getByText("what does Honduras think?").waitFor();
    await expect.poll(() => mexico.locator("#section-finding .comment-highlight").textContent()).toBe(WORDS);

    // Carlos (Honduras, on a phone) sees the highlight and the thread appear without reloading.
    await expect
      .poll(() => honduras.locator("#section-finding .comment-highlight").textContent(), { timeout: 10_000 })
      .toBe(WORDS);
    // The thread arrives in his (closed) comments drawer.
    await expect
      .poll(
        () => honduras.locator(".thread-panel .thread", { hasText: "what does Honduras think?" }).count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    await expect.poll(() => unread(honduras)).toBe(hondurasUnread + 1);
    // Gabriela keeps typing before the words: the highlight follows them on both screens.
    await mexico.getByRole("textbox", { name: "Finding" }).click();
    await mexico.keyboard.press("Control+Home");
    await mexico.keyboard.type("Across the region, ");
    await expect
      .poll(() => honduras.getByRole("textbox", { name: "Finding" }).textContent(), { timeout: 10_000 })
      .toContain("Across the region, ");
    await expect
      .poll(() => honduras.locator("#section-finding .comment-highlight").textContent())
      .toBe(WORDS);
    await expect.poll(() => mexico.locator("#section-finding .comment-highlight").textContent()).toBe(WORDS);
    // On a phone the comments are a drawer, closed until asked for (or until a highlight is chosen).
    expect(await panel(honduras).isVisible()).toBe(false);
    // On a laptop the thread sits in the margin, beside the words it is about.
    const mexicoCard = panel(mexico).locator(".thread:not(.thread-new)", {
      hasText: "what does Honduras think?",
    });
    const [cardBox, wordsBox] = [
      await mexicoCard.boundingBox(),
      await mexico.locator("#section-finding .comment-highlight").boundingBox(),
    ];
    expect(cardBox!.x).toBeGreaterThan(wordsBox!.x + wordsBox!.width);
    expect(Math.abs(cardBox!.y - wordsBox!.y)).toBeLessThan(40);

    // Clicking the highlighted words opens the thread; he replies.
    await honduras.locator("#section-finding .comment-highlight").click();
    const thread = panel(honduras).locator(".thread.is-active");
    await thread.waitFor();
    await thread.getByRole("button", { name: "Reply" }).click();
    await thread.getByLabel("Reply to Gabriela Núñez").fill("Honduras could accept “rarely supply”.");
    await thread.getByRole("button", { name: "Send reply" }).click();
    await thread.getByText("Honduras could accept “rarely supply”.").waitFor();

    // Gabriela sees the reply arrive, and resolves the thread.
    const mine = panel(mexico).locator(".thread", { hasText: "what does Honduras think?" });
    await mine.getByText("Honduras could accept “rarely supply”.").waitFor({ timeout: 10_000 });
    await mine.getByRole("button", { name: "Resolve" }).click();
    await panel(mexico)
      .getByRole("button", { name: /Resolved \(1\)/ })
      .waitFor();

    // Carlos sees it resolved: the highlight goes, the thread is under "Resolved".
    await expect
      .poll(() => honduras.locator("#section-finding .comment-highlight").count(), { timeout: 10_000 })
      .toBe(0);
    await panel(honduras)
      .getByRole("button", { name: /Resolved \(1\)/ })
      .click();
    await panel(honduras).getByText("Resolved by Gabriela Núñez").waitFor();
    // Choosing the resolved thread still shows where it was.
    await panel(honduras)
      .getByRole("button", { name: new RegExp(WORDS) })
      .click();
    await expect
      .poll(() => honduras.locator("#section-finding .comment-highlight.is-active").textContent())
      .toBe(WORDS);

    // The highlight was never written into the shared text.
    expect(await mexico.locator("#section-finding [contenteditable] mark").count()).toBe(0);
    mexico.assertClean();
    honduras.assertClean();
  });
  it("on a phone, the comments drawer stays closed from the first paint while the page loads", async () => {
    const phone = await personPage(browser, server, "member.gt@example.org", { width: 390, height: 844 });
    const href = await phone.getByRole("link", { name: PAPER }).getAttribute("href");
    // Every frame from the first one on: is any of the comments panel on the screen?
    await phone.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { panelSeen: string[] }).panelSeen = seen;
      const look = () => {
        const panel = document.querySelector(".thread-panel");
        if (panel) {
          const box = panel.getBoundingClientRect();
          const shown = getComputedStyle(panel).visibility !== "hidden";
          if (shown && box.width > 0 && box.left < window.innerWidth && box.right > 0)
            seen.push(`left ${Math.round(box.left)} at ${Math.round(performance.now())} ms`);
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await phone.goto(new URL(href!, server.url).href);
    await phone.getByText("Connected", { exact: false }).first().waitFor();
    // A few frames more, for a transition that would start at hydration.
    await phone.waitForTimeout(400);
    expect(await phone.evaluate(() => (window as unknown as { panelSeen: string[] }).panelSeen)).toEqual([]);
    // Asked for, it opens.
    await phone
      .getByRole("button", { name: /Comments/ })
      .first()
      .click();
    await expect.poll(() => phone.getByRole("complementary", { name: "Comments" }).isVisible()).toBe(true);
    phone.assertClean();
  });
});
