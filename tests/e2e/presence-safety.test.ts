import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable } from "../support/browser";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, sectionText, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

// Issue 16, point 2: one client's presence can never blank another's editor. A member's stock Yjs client
// sends every kind of cursor a hostile script could (wrong shapes, positions into sections that do not
// exist, into another paper's ids, into deleted text, well-formed but stale); the server drops what it
// cannot check, and the browser's caret plugin (behind our guard) draws what is left without failing.
// The delegate's editor keeps its text, stays editable, and logs nothing.

const PAPER = "Cheaper and safer remittances";

describe.skipIf(!browserAvailable())("a hostile presence state next to a delegate's editor", () => {
  let server: TestServer;
  let browser: Browser;
  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });

  it("leaves the editor's text in place and editable, with no error on the page", async () => {
    const page = await personPage(browser, server, "member.hn@example.org");
    await page.locator("a.paper-title", { hasText: PAPER }).click();
    await page.getByText("Connected", { exact: false }).first().waitFor();
    const finding = page.getByRole("textbox", { name: "Finding" });
    // The text without other people's carets (their name labels sit inside the editable element).
    const textOf = () =>
      finding.evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
        return copy.textContent ?? "";
      });
    const before = await textOf();
    expect(before.length).toBeGreaterThan(20);

    const member = new HttpClient(server.url);
    await member.login(DEMO.memberSv);
    const paperId = await paperIdByTitle(member, "rmsg", PAPER);
    const hostile = collabClient(server.url, member.cookieString, paperId);
    await hostile.synced();
    // A real position into the finding's first text, then the same text deleted by this client later.
    const findingFragment = hostile.doc.getXmlFragment("finding");
    const firstText = (findingFragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const real = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(firstText, 3)) as Record<
      string,
      unknown
    >;
    const cursors: unknown[] = [
      "not a cursor",
      42,
      [],
      { anchor: null, head: null },
      { anchor: { tname: "no-such-section" }, head: { tname: "no-such-section" } },
      { anchor: { item: { client: 123456789, clock: 999999 } }, head: { item: { client: 1, clock: 1 } } },
      { anchor: { type: { client: -1, clock: "x" } }, head: real },
      { anchor: real, head: { item: { client: 2 ** 53, clock: 2 ** 53 } } },
      { anchor: real, head: real, extra: "<img src=x onerror=alert(1)>" },
      { anchor: { ...real, assoc: 99 }, head: real },
      { anchor: real, head: real },
    ];
    for (const cursor of cursors) {
      hostile.provider.awareness.setLocalStateField("cursor", cursor);
      hostile.provider.awareness.setLocalStateField("user", { name: "<b>Spoofed</b>", colour: "red;x" });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The last, valid cursor reaches the page as a caret named from the session, not from the client.
    await expect
      .poll(() => page.locator(".collaboration-carets__label").allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining("Roberto Alvarado"));
    expect(await page.locator(".collaboration-carets__label").allTextContents()).not.toContainEqual(
      expect.stringContaining("Spoofed"),
    );
    expect(await textOf()).toBe(before);

    // The delegate types; the text reaches the server, and the hostile client's own copy.
    await finding.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Honduras agrees.");
    await waitFor(
      () => sectionText(hostile.doc, "finding").includes("Honduras agrees."),
      10_000,
      "the delegate's typing on the server",
    );
    expect(sectionText(hostile.doc, "finding").startsWith(before.slice(0, 20))).toBe(true);
    hostile.destroy();
    page.assertClean();
  });
});
