import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

const PAPER = "Cheaper and safer remittances";
const SECTION = "Implementation and timeline";

describe.skipIf(!browserAvailable())("links in a paper's text", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("links a word, refuses an unsafe address, removes the link, and inserts an address by keyboard; a co-author sees each", async () => {
    const mexico = await personPage(browser, server, "member.mx@example.org");
    const honduras = await personPage(browser, server, "member.hn@example.org", { width: 390, height: 844 });
    for (const page of [mexico, honduras]) {
      await page.getByRole("link", { name: PAPER }).click();
      await page.getByRole("heading", { name: PAPER }).waitFor();
      await page.getByText("Connected", { exact: false }).first().waitFor();
    }
    const section = (page: Page) => page.getByRole("textbox", { name: SECTION });
    const links = (page: Page) =>
      section(page)
        .locator("a")
        .evaluateAll((anchors) =>
          anchors.map((a) => {
            // Without the other person's caret label, drawn inside the text.
            const copy = a.cloneNode(true) as Element;
            copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
            return [a.getAttribute("href"), copy.textContent];
          }),
        );
    /** The editor's own selection (it takes a keyboard selection in when the browser reports it). */
    const selected = () =>
      section(mexico).evaluate((element) => {
        const { state } = (
          element as unknown as { editor: { state: import("@tiptap/pm/state").EditorState } }
        ).editor;
        return state.doc.textBetween(state.selection.from, state.selection.to);
      });
    const form = mexico.getByRole("form", { name: `Link in ${SECTION}` });
    const address = form.getByLabel("Link address");

    await section(mexico).click();
    await mexico.keyboard.press("Control+End");
    await mexico.keyboard.type(" Read the annex");
    await mexico.keyboard.press("Shift+Control+ArrowLeft");
    await expect.poll(selected).toBe("annex");

    // An address that is not http, https or mailto is refused where it was typed, and links nothing.
    await mexico.getByRole("button", { name: "Link", exact: true }).first().click();
    await address.fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Apply link" }).click();
    await form.getByText(/Only addresses starting with https:\/\/, http:\/\/ or mailto:/).waitFor();
    expect(await address.getAttribute("aria-invalid")).toBe("true");
    expect(await links(mexico)).not.toContainEqual(expect.arrayContaining(["javascript:alert(1)"]));

    await address.fill("https://example.org/annex");
    // Sent (as Enter sends it), the form gives the focus back to the text at once, not an animation frame
    // later: keys typed right after are kept (they were lost when a frame came late).
    const editorElement = await section(mexico).elementHandle();
    expect(
      await form.evaluate((element, editor) => {
        (element as HTMLFormElement).requestSubmit();
        return document.activeElement === editor;
      }, editorElement),
    ).toBe(true);
    await expect.poll(() => form.count()).toBe(0);
    for (const page of [mexico, honduras])
      await expect
        .poll(() => links(page), { timeout: 10_000 })
        .toContainEqual(["https://example.org/annex", "annex"]);

    // Ctrl+K with the caret in the link opens the form on its address; "Remove link" keeps the text.
    await mexico.keyboard.press("ArrowLeft");
    await mexico.keyboard.press("ArrowRight");
    await mexico.keyboard.press("ArrowRight");
    await expect
      .poll(() =>
        section(mexico).evaluate((element) =>
          (element as unknown as { editor: { isActive: (mark: string) => boolean } }).editor.isActive("link"),
        ),
      )
      .toBe(true);
    await mexico.keyboard.press("Control+k");
    await expect.poll(() => address.inputValue()).toBe("https://example.org/annex");
    await form.getByRole("button", { name: "Remove link" }).click();
    for (const page of [mexico, honduras]) {
      await expect
        .poll(() => links(page), { timeout: 10_000 })
        .not.toContainEqual(["https://example.org/annex", "annex"]);
      expect(await section(page).textContent()).toContain("annex");
    }

    // Nothing selected: the address itself becomes the link's text, and typing goes on outside it.
    await section(mexico).click();
    await mexico.keyboard.press("Control+End");
    await mexico.keyboard.type(" at ");
    await mexico.keyboard.press("Control+k");
    // The address field has the focus (not the header's search, whose shortcut is also Ctrl+K).
    await expect.poll(() => address.evaluate((input) => input === document.activeElement)).toBe(true);
    await mexico.keyboard.type("mailto:secretariat@example.org");
    await mexico.keyboard.press("Enter");
    await expect.poll(() => form.count()).toBe(0);
    await mexico.keyboard.type(" today");
    for (const page of [mexico, honduras])
      await expect
        .poll(() => links(page), { timeout: 10_000 })
        .toContainEqual(["mailto:secretariat@example.org", "mailto:secretariat@example.org"]);
    const text = (page: Page) =>
      section(page).evaluate((root) => {
        const copy = root.cloneNode(true) as Element;
        copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
        return copy.textContent;
      });
    await expect
      .poll(() => text(honduras), { timeout: 10_000 })
      .toContain("at mailto:secretariat@example.org today");

    mexico.assertClean();
    honduras.assertClean();
  }, 120_000);
});
