// The whole story of one paper, played in a real browser with several people at once: the secretariat
// creates it from the Recommendation template, three delegations draft it together (one of them drops
// offline and catches up), they argue in comments with an @mention that lands in an inbox, it goes to
// review, a co-chair opens a consensus vote, all five delegations take a stance (one with reservations,
// one with the keyboard only), the co-chair closes it, the report shows the finding with its adoption
// record and every download opens, and the observer sees everything but can change nothing. Every page on the way is checked with axe-core and at phone and laptop widths.
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, openPage, selectWords } from "../support/browser";
import { assertPageOk } from "../support/page-checks";
import { sectionText, serverDoc } from "../support/collab-client";
import { e2eTest, personPage } from "../support/e2e";

const test = e2eTest();

const TITLE = "Seasonal work visas for the agricultural corridor";
const PHRASE = "seasonal visas fall short of demand";

type Person = Page & { problems: string[]; assertClean: () => void; context(): BrowserContext };

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
async function focusIsVisible(page: Page): Promise<{ visible: boolean; element: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visible: false, element: "body" };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    return {
      visible: outline || shadow,
      element: `${el.tagName.toLowerCase()}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""} ${el.textContent?.trim().slice(0, 30) ?? ""}`,
    };
  });
}

/** Presses Tab until `matches` holds for the focused element, checking the focus is visible at each stop. */
async function tabTo(page: Page, matches: (page: Page) => Promise<boolean>, what: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const focus = await focusIsVisible(page);
    expect(focus.visible, `focus is not visible on ${focus.element}`).toBe(true);
    if (await matches(page)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe.skipIf(!browserAvailable())("the journey of one paper, from template to adopted text", () => {
  let server: TestServer;
  let browser: Browser;
  const people: Person[] = [];
  let paperUrl = "";
  let voteUrl = "";

  test.beforeAll(({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
  });
  afterAll(() => {
    for (const page of people) page.assertClean();
  });

  async function person(email: string, viewport = { width: 1280, height: 800 }): Promise<Person> {
    const page = await personPage(browser, server, email, { ...viewport, acceptDownloads: true });
    people.push(page);
    return page;
  }

  async function openPaper(page: Page) {
    await page.goto(paperUrl);
    await page.getByRole("heading", { name: TITLE }).waitFor();
    await page.getByText("Connected").first().waitFor({ timeout: 15_000 });
  }

  let secretariat: Person;
  let cochair: Person;
  let us: Person;
  let mexico: Person;
  let honduras: Person;

  it("the secretariat creates a paper from the Recommendation template", async () => {
    const login = await openPage(await browser.newContext({ locale: "en-US" }));
    await login.goto(`${server.url}/login`);
    await assertPageOk(login, "01-login");
    await login.context().close();

    secretariat = await person("secretariat@example.org");
    await secretariat.goto(`${server.url}/`);
    await assertPageOk(secretariat, "02-groups");
    await secretariat.goto(`${server.url}/g/rmsg`);
    await assertPageOk(secretariat, "03-group");
    await secretariat.goto(`${server.url}/g/rmsg/members`);
    await assertPageOk(secretariat, "04-members");
    await secretariat.goto(`${server.url}/g/rmsg/templates`);
    await assertPageOk(secretariat, "05-templates");

    await secretariat.goto(`${server.url}/g/rmsg`);
    await secretariat.getByRole("link", { name: "New paper" }).click();
    await secretariat.getByLabel("Title", { exact: true }).waitFor();
    await assertPageOk(secretariat, "06-new-paper");
    await secretariat.getByLabel("Title", { exact: true }).fill(TITLE);
    await secretariat.getByLabel("Template").selectOption({ label: "Recommendation" });
    await secretariat.getByLabel("Lead delegation (penholder)").selectOption({ label: "Mexico" });
    await secretariat.getByRole("button", { name: "Create paper" }).click();
    await secretariat.getByRole("heading", { name: TITLE }).waitFor();
    paperUrl = secretariat.url();
    for (const section of [
      "Finding",
      "Recommendation",
      "Evidence",
      "Actions",
      "Implementation and timeline",
    ]) {
      await secretariat.getByRole("textbox", { name: section }).waitFor();
    }
    await secretariat.getByText("Connected").first().waitFor({ timeout: 15_000 });
    await assertPageOk(secretariat, "07-paper");
    // The new paper is listed on the group page as a draft.
    await secretariat.goto(`${server.url}/g/rmsg`);
    const row = secretariat.locator(".paper-list li", { hasText: TITLE });
    expect(await row.textContent()).toContain("Draft");
  }, 120_000);

  it("three delegations draft the same section at once, and one who drops offline catches up", async () => {
    [us, mexico, honduras] = await Promise.all([
      person("member.us@example.org"),
      person("member.mx@example.org", { width: 390, height: 844 }),
      person("member.hn@example.org"),
    ]);
    await Promise.all([us, mexico, honduras].map(openPaper));
    const finding = (page: Page) => page.getByRole("textbox", { name: "Finding" });
    const lines = new Map<Person, string>([
      [mexico, `In the corridor, ${PHRASE}. `],
      [us, "Employers report unfilled harvest jobs. "],
      [honduras, "Honduran workers wait months for a slot. "],
    ]);
    for (const page of lines.keys()) await finding(page).click();
    // All three type at the same time.
    await Promise.all([...lines].map(([page, line]) => page.keyboard.type(line, { delay: 15 })));
    for (const page of lines.keys()) {
      for (const line of lines.values())
        await expect.poll(() => finding(page).textContent(), { timeout: 15_000 }).toContain(line.trim());
    }

    // Mexico's delegate loses the network, keeps typing, and comes back: the others get the text.
    const recommendation = (page: Page) => page.getByRole("textbox", { name: "Recommendation" });
    await mexico.context().setOffline(true);
    try {
      await mexico
        .getByText(/Offline/)
        .first()
        .waitFor({ timeout: 15_000 });
      await recommendation(mexico).click();
      await mexico.keyboard.type("Open a pilot corridor with portable visas.");
      await mexico
        .getByText(/Offline — \d+ edits waiting/)
        .first()
        .waitFor();
      // The page closed its socket when the browser went offline, before Mexico typed (the edits are
      // counted as waiting). What the server holds now, read with a sync round trip, lacks the text, so
      // Honduras, who gets only what the server holds, cannot have it either.
      const cookies = await honduras.context().cookies(server.url);
      const held = await serverDoc(
        server.url,
        cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
        new URL(paperUrl).pathname.split("/").pop()!,
      );
      expect(sectionText(held, "finding")).toContain(PHRASE);
      expect(sectionText(held, "recommendation")).not.toContain("portable visas");
      held.destroy();
      expect(await recommendation(honduras).textContent()).not.toContain("portable visas");
    } finally {
      await mexico.context().setOffline(false);
    }
    // While offline the page's event stream could not reach the server; that is expected, not a fault.
    mexico.problems = mexico.problems.filter((problem) => !problem.includes("ERR_INTERNET_DISCONNECTED"));
    await mexico.getByText("Connected").first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => recommendation(honduras).textContent(), { timeout: 20_000 })
      .toContain("Open a pilot corridor with portable visas.");
    await expect
      .poll(() => recommendation(us).textContent(), { timeout: 20_000 })
      .toContain("Open a pilot corridor with portable visas.");
  }, 180_000);

  it("one delegate comments on a phrase, another replies with an @mention, the mentioned person finds it in the inbox", async () => {
    const panel = (page: Page) => page.getByRole("complementary", { name: "Comments" });
    await mexico.setViewportSize({ width: 1280, height: 800 });
    await selectWords(mexico, "Finding", PHRASE);
    await mexico.locator("#section-finding").getByRole("button", { name: "Comment on selection" }).click();
    await panel(mexico).getByLabel("Your comment").fill("Can we put a number on the shortfall?");
    await panel(mexico).getByRole("button", { name: "Post comment" }).click();
    await panel(mexico).getByText("Can we put a number on the shortfall?").waitFor();

    await expect
      .poll(() => honduras.locator("#section-finding .comment-highlight").textContent(), { timeout: 10_000 })
      .toBe(PHRASE);
    await honduras.locator("#section-finding .comment-highlight").click();
    await panel(honduras)
      .locator(".thread.is-active", { hasText: "Can we put a number on the shortfall?" })
      .waitFor();
    const thread = panel(honduras).locator(".thread", { hasText: "Can we put a number on the shortfall?" });
    await thread.getByRole("button", { name: "Reply" }).click();
    const reply = thread.getByLabel("Reply to Gabriela Núñez");
    await reply.pressSequentially("@Davi");
    await thread.getByRole("option", { name: "David Okafor" }).waitFor();
    await reply.press("Enter");
    await reply.pressSequentially("do you have the US employer survey?");
    await thread.getByRole("button", { name: "Send reply" }).click();
    await thread.getByText("@David Okafor do you have the US employer survey?").waitFor();
    await assertPageOk(honduras, "08-paper-with-thread");

    // David (US) sees the unread count without reloading and finds the mention in his inbox.
    await us.getByRole("link", { name: /Inbox \(1 unread\)/ }).waitFor({ timeout: 10_000 });
    await us.getByRole("link", { name: /Inbox \(1 unread\)/ }).click();
    await us.getByRole("heading", { name: "Inbox" }).waitFor();
    expect(await us.locator("main").textContent()).toContain("Carlos Mejía mentioned you");
    expect(await us.locator("main").textContent()).toContain("do you have the US employer survey?");
    await assertPageOk(us, "09-inbox");
  }, 120_000);

  it("the paper goes to review and a co-chair opens a consensus vote that freezes the text", async () => {
    await secretariat.goto(paperUrl);
    // Status changes live in the paper's actions menu.
    await secretariat.getByRole("button", { name: "Paper actions" }).click();
    await secretariat.getByRole("menuitem", { name: "Send to review" }).click();
    await secretariat.getByText("Status changed to In review.").waitFor();

    await openPaper(mexico);
    cochair = await person("cochair.us@example.org");
    await openPaper(cochair);
    await cochair.getByRole("button", { name: "Paper actions" }).click();
    await cochair.getByRole("menuitem", { name: "Open a vote" }).click();
    await cochair.getByRole("radio", { name: /Consensus/ }).waitFor();
    await assertPageOk(cochair, "10-open-vote");
    await cochair.getByRole("radio", { name: /Consensus/ }).check();
    await cochair.getByLabel(/Quorum/).fill("30");
    await cochair.getByLabel("Every delegation must take part").check();
    await cochair.getByRole("button", { name: "Freeze the text and open the vote" }).click();
    await cochair.getByRole("heading", { name: /Vote on/ }).waitFor();
    voteUrl = cochair.url();
    expect(
      await cochair
        .getByText(/SHA-256/)
        .first()
        .isVisible(),
    ).toBe(true);
    await assertPageOk(cochair, "11-vote-open");

    // Mexico's open editor becomes read-only without a reload.
    await expect
      .poll(() => mexico.getByRole("textbox", { name: "Finding" }).getAttribute("contenteditable"), {
        timeout: 5_000,
      })
      .toBe("false");
  }, 120_000);

  it("every delegation takes a stance, one with reservations and one with the keyboard only; the co-chair closes the vote", async () => {
    async function takeStance(page: Page, stance: string, statement?: string) {
      await page.goto(voteUrl);
      await page.getByRole("radio", { name: stance, exact: true }).check();
      if (statement) await page.getByLabel("Statement").fill(statement);
      await page.getByRole("button", { name: "Record my stance" }).click();
      await page.getByText("Your stance is recorded.").waitFor();
    }
    const [salvador, guatemala] = await Promise.all([
      person("member.sv@example.org", { width: 390, height: 844 }),
      person("member.gt@example.org"),
    ]);
    await takeStance(mexico, "Support");
    await takeStance(
      honduras,
      "Support with reservations",
      "Honduras asks that the visas cover the coffee harvest.",
    );
    await takeStance(salvador, "Support");
    await takeStance(guatemala, "Abstain");

    // David (US) votes with the keyboard only: Tab to the stances, arrows to choose, Tab to the button, Enter.
    await us.goto(voteUrl);
    await us.getByRole("heading", { name: /Vote on/ }).waitFor();
    await tabTo(
      us,
      (page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === "value"),
      "the stance radios",
    );
    for (let i = 0; i < 6; i++) {
      const checked = await us.evaluate(() => (document.activeElement as HTMLInputElement).value);
      if (checked === "SUPPORT") break;
      await us.keyboard.press("ArrowDown");
    }
    // Arrow keys in a radio group select as they move; Space makes sure the focused one is chosen.
    await us.keyboard.press("Space");
    expect(
      await us.evaluate(() => document.querySelector<HTMLInputElement>("input[name=value]:checked")?.value),
    ).toBe("SUPPORT");
    await tabTo(
      us,
      (page) => page.evaluate(() => document.activeElement?.textContent?.trim() === "Record my stance"),
      "the submit button",
    );
    await us.keyboard.press("Enter");
    await us.getByText("Your stance is recorded.").waitFor();
    await assertPageOk(us, "12-vote-stance-recorded");

    // The co-chair watches the stances arrive by delegation, then closes the vote.
    await cochair.goto(voteUrl);
    for (const [delegation, stance] of [
      ["Mexico", "Support"],
      ["Honduras", "Support with reservations"],
      ["El Salvador", "Support"],
      ["Guatemala", "Abstain"],
      ["United States", "Support"],
    ]) {
      await expect
        .poll(() => cochair.getByRole("region", { name: delegation }).textContent(), { timeout: 10_000 })
        .toContain(stance);
    }
    cochair.once("dialog", (dialog) => void dialog.accept());
    await cochair.getByRole("button", { name: "Close the vote now" }).click();
    for (const page of [cochair, honduras, us]) {
      await expect
        .poll(() => page.getByRole("heading", { name: /Outcome/ }).textContent(), { timeout: 10_000 })
        .toContain("Adopted");
    }
    expect(
      await cochair.getByText("Honduras asks that the visas cover the coffee harvest.").first().isVisible(),
    ).toBe(true);
    await assertPageOk(cochair, "13-vote-closed");
    await cochair.goto(paperUrl);
    await cochair.getByText("Adopted").first().waitFor();
    await cochair.goto(`${server.url}/g/rmsg/audit`);
    await assertPageOk(cochair, "14-audit");
  }, 180_000);

  it("the report shows the finding with its adoption record, and each download opens", async () => {
    const download = async (page: Page, name: RegExp) => {
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name }).click(),
      ]);
      return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
    };
    const record = "Adopted by consensus";
    const counts = "3 in support, 1 with reservations, 1 abstention; all five delegations took part";
    await honduras.goto(`${server.url}/g/rmsg`);
    await honduras.getByRole("navigation", { name: "Group" }).getByRole("link", { name: "Report" }).click();
    const heading = honduras.getByRole("heading", { level: 3, name: new RegExp(`^\\d+\\. ${TITLE}$`) });
    await heading.waitFor();
    const finding = honduras.locator("article.report-finding", { has: heading });
    const text = (await finding.textContent())!.replace(/\s+/g, " ");
    expect(text).toContain(`In the corridor, ${PHRASE}.`);
    expect(text).toContain("Open a pilot corridor with portable visas.");
    expect(text).toContain(record);
    expect(text).toContain(counts);
    expect(text).toContain("Honduras asks that the visas cover the coffee harvest.");
    await assertPageOk(honduras, "15-report-page");

    const date = new Date().toISOString().slice(0, 10);
    const html = await download(honduras, /^HTML for printing, English/);
    expect(html.name).toBe(`rmsg-report-${date}.html`);
    expect(html.body.toString()).toContain(TITLE);
    const md = await download(honduras, /^Markdown, English/);
    expect(md.name).toBe(`rmsg-report-${date}.md`);
    expect(md.body.toString()).toContain(TITLE);
    const docx = await download(honduras, /^Word \(DOCX\), English/);
    expect(docx.name).toBe(`rmsg-report-${date}.docx`);
    const xml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, "")).toContain(TITLE);
    const pdf = await download(honduras, /^PDF, English/);
    expect(pdf.name).toBe(`rmsg-report-${date}.pdf`);
    const { text: pages } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), {
      mergePages: true,
    });
    expect(pages.replace(/\s+/g, " ")).toContain(counts);

    // The secretariat's page for ordering the findings and writing the foreword.
    await secretariat.goto(`${server.url}/g/rmsg/report`);
    await secretariat.getByRole("link", { name: "Arrange the report" }).click();
    await secretariat.getByRole("heading", { name: "Order of the findings" }).waitFor();
    expect(await secretariat.getByRole("button", { name: `Move up: ${TITLE}` }).count()).toBe(1);
    await assertPageOk(secretariat, "15-report-arrange");

    // The standalone HTML opens in the browser on its own.
    const printed = await honduras.context().newPage();
    await printed.setContent(html.body.toString());
    await printed.getByText(TITLE).first().waitFor();
    await printed.close();
  }, 120_000);

  it("the observer sees everything and can change nothing", async () => {
    const observer = await person("observer@example.org");
    await observer.goto(`${server.url}/g/rmsg`);
    expect(await observer.getByRole("link", { name: "New paper" }).count()).toBe(0);
    await observer.goto(paperUrl);
    await observer.getByRole("heading", { name: TITLE }).waitFor();
    // The text and the discussion are there to read.
    await expect
      .poll(() => observer.getByRole("textbox", { name: "Finding" }).textContent(), { timeout: 10_000 })
      .toContain(PHRASE);
    await observer.getByText("Can we put a number on the shortfall?").waitFor();
    expect(await observer.getByRole("textbox", { name: "Finding" }).getAttribute("contenteditable")).toBe(
      "false",
    );
    // No control that would change anything.
    for (const name of [
      "Comment on selection",
      "Comment on section",
      "Reply",
      "Resolve",
      "Send to review",
      "Save a version",
    ]) {
      expect(await observer.getByRole("button", { name, exact: true }).count(), name).toBe(0);
    }
    // Their actions menu only offers what they may do: read the versions and the paper's vote records.
    await observer.getByRole("button", { name: "Paper actions" }).click();
    expect(await observer.getByRole("menuitem").allTextContents()).toEqual([
      "Versions",
      "Consensus · Closed · Adopted",
    ]);
    await observer.keyboard.press("Escape");
    await assertPageOk(observer, "16-paper-observer");
    await observer.goto(voteUrl);
    await observer.getByRole("heading", { name: /Outcome/ }).waitFor();
    expect(await observer.getByRole("button", { name: "Record my stance" }).count()).toBe(0);
    expect(await observer.getByRole("button", { name: "Close the vote now" }).count()).toBe(0);
    expect(
      await observer.getByText("Honduras asks that the visas cover the coffee harvest.").first().isVisible(),
    ).toBe(true);
    // Typing into the text does nothing.
    await observer.goto(paperUrl);
    await observer.getByRole("textbox", { name: "Finding" }).click();
    await observer.keyboard.type("observer was here");
    expect(await observer.getByRole("textbox", { name: "Finding" }).textContent()).not.toContain(
      "observer was here",
    );
  }, 120_000);
});
