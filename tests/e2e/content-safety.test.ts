import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { TestServer } from "../support/server";
import { browserAvailable, openPage, signIn } from "../support/browser";
import { DEMO, HttpClient } from "../support/http-client";
import { collabClient, waitFor } from "../support/collab-client";
import { paperIdByTitle } from "../support/papers";
import { writeStoredContent } from "../support/stored-content";
import { e2eTest } from "../support/e2e";

const test = e2eTest({ env: { VOTE_MIN_LEAD_SECONDS: "2" } });

// Part 9 of the adversarial suite: a client writes raw Yjs content the editor would never produce. Every
// server-side render (saved version, text under vote) shows only the schema's nodes, marks and safe
// attributes, the live editor in the browser runs none of it, and the CSP blocks inline script on every page.

const TITLE = "Cheaper and safer remittances";
/** What must never reach a page as markup. */
const FORBIDDEN = [
  /<script(?![^>]*\bnonce=)/i,
  /<[^>]*\son(click|error|mouseover|focus|load)\s*=/i,
  /javascript:/i,
  /vbscript:/i,
  /data:text\/html/i,
  /<iframe/i,
  /<img/i,
  /<b>not bold/i,
  /class="evil"/i,
  /style="position/i,
];

/** Raw Yjs the editor never writes: a script element, handlers, dangerous links, unknown nodes, markup as text. */
function writeHostileContent(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment("finding");
  const script = new Y.XmlElement("script");
  script.insert(0, [new Y.XmlText("window.__pwned = 'script element'")]);
  const handlers = new Y.XmlElement("paragraph");
  handlers.setAttribute("onclick", "window.__pwned = 'onclick'");
  handlers.setAttribute("style", "position:fixed;inset:0");
  handlers.setAttribute("class", "evil");
  handlers.insert(0, [new Y.XmlText("HOSTILE-PARAGRAPH kept as text.")]);
  const links = new Y.XmlElement("paragraph");
  const linkText = new Y.XmlText();
  linkText.insert(0, "HOSTILE-LINK-1 ", {
    link: { href: "javascript:window.__pwned='link'", onmouseover: "window.__pwned='hover'" },
  });
  linkText.insert(linkText.length, "HOSTILE-LINK-2 ", {
    link: { href: "data:text/html,<script>window.__pwned='data'</script>" },
  });
  linkText.insert(linkText.length, "HOSTILE-LINK-3 ", { link: { href: "vbscript:msgbox" } });
  linkText.insert(linkText.length, "SAFE-LINK", { link: { href: "https://example.org/report" } });
  linkText.insert(linkText.length, " <b>not bold</b> <img src=x onerror=window.__pwned='text'>");
  links.insert(0, [linkText]);
  const iframe = new Y.XmlElement("iframe");
  iframe.setAttribute("src", "javascript:window.__pwned='iframe'");
  iframe.insert(0, [new Y.XmlText("HOSTILE-IFRAME-TEXT")]);
  const image = new Y.XmlElement("img");
  image.setAttribute("src", "x");
  image.setAttribute("onerror", "window.__pwned='img'");
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", "9");
  heading.setAttribute("onfocus", "window.__pwned='heading'");
  heading.insert(0, [new Y.XmlText("HOSTILE-HEADING")]);
  fragment.insert(0, [script, handlers, links, iframe, image, heading]);
}

function expectNothingHostile(html: string, where: string): void {
  for (const pattern of FORBIDDEN) expect(html, `${where}: ${pattern}`).not.toMatch(pattern);
}

describe.skipIf(!browserAvailable())("hostile raw Yjs content", () => {
  let server: TestServer;
  let browser: Browser;
  let cochair: HttpClient;
  let paperId: string;
  let voteUrl: string;

  test.beforeAll(async ({ server: started, browser: launched }) => {
    server = started;
    browser = launched;
    cochair = new HttpClient(server.url);
    await cochair.login(DEMO.cochairMx);
    paperId = await paperIdByTitle(cochair, "rmsg", TITLE);
  });

  it("is rendered as schema content only in a saved version and in the text under vote", async () => {
    // The live socket refuses content outside the schema (close 4400, tests/integration/document-schema);
    // content stored before that check existed, or restored from a backup, still reaches the pages, so it
    // is written into the database directly.
    await writeStoredContent(server, paperId, writeHostileContent);
    const member = new HttpClient(server.url);
    await member.login(DEMO.memberSv);
    const reader = collabClient(server.url, member.cookieString, paperId);
    await reader.synced();
    await waitFor(
      () => reader.doc.getXmlFragment("finding").toJSON().includes("<script>"),
      5000,
      "the raw content on the server",
    );
    reader.destroy();

    expect(
      (await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "version", label: "With hostile content" }))
        .status,
    ).toBe(200);
    const versions = await (await cochair.get(`/g/rmsg/papers/${paperId}/versions`)).text();
    const number = /\/versions\/(\d+)"/.exec(versions)![1];
    const version = await (await cochair.get(`/g/rmsg/papers/${paperId}/versions/${number}`)).text();
    expectNothingHostile(version, "saved version");
    for (const kept of [
      "HOSTILE-PARAGRAPH kept as text.",
      "HOSTILE-LINK-1",
      "HOSTILE-IFRAME-TEXT",
      "HOSTILE-HEADING",
      "&lt;b&gt;not bold&lt;/b&gt;",
    ])
      expect(version).toContain(kept);
    expect(version).toContain('href="https://example.org/report"');

    expect(
      (await cochair.post(`/g/rmsg/papers/${paperId}`, { intent: "status", status: "REVIEW" })).status,
    ).toBe(200);
    const deadline = new Date(Date.now() + 3600_000).toISOString().slice(0, 19);
    const opened = await cochair.post(`/g/rmsg/papers/${paperId}/vote`, {
      tzOffset: "0",
      kind: "CONSENSUS",
      deadline,
      quorumPercent: "10",
    });
    expect(opened.status).toBe(302);
    voteUrl = opened.headers.get("location")!;
    const vote = await (await cochair.get(voteUrl)).text();
    expectNothingHostile(vote, "text under vote");
    expect(vote).toContain("HOSTILE-PARAGRAPH kept as text.");
  });

  it("runs none of it in the browser, in the live editor or the read-only views", async () => {
    const page = await openPage(await browser.newContext({ locale: "en-US" }));
    await signIn(page, server.url, DEMO.cochairUs);
    for (const path of [`/g/rmsg/papers/${paperId}`, `/g/rmsg/papers/${paperId}/versions/1`, voteUrl]) {
      await page.goto(server.url + path);
      // While the vote is open its text is folded under a summary; unfold it.
      const folded = page.locator("details.vote-text-details:not([open]) > summary");
      if (await folded.count()) await folded.click();
      await page.getByText("HOSTILE-PARAGRAPH kept as text.").first().waitFor();
      // Hover and click what could carry a handler.
      await page.getByText("HOSTILE-LINK-1").first().hover();
      await page.getByText("HOSTILE-PARAGRAPH kept as text.").first().click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        handlers: document.querySelectorAll(
          "main [onclick], main [onerror], main [onmouseover], main [onfocus]",
        ).length,
        // The live editor keeps a refused link's text under an empty href (the current page), which is harmless.
        badLinks: [...document.querySelectorAll("main a")]
          .map((a) => a.getAttribute("href") ?? "")
          .filter((href) => !/^(https?:|mailto:|\/|#|$)/.test(href)),
        frames: document.querySelectorAll("main iframe, main img, main script").length,
      }));
      expect(found, path).toEqual({ pwned: null, handlers: 0, badLinks: [], frames: 0 });
    }
    // Anything reported must not be a script that ran; the editor may log nothing either.
    page.assertClean();
  });

  it("has the CSP block an inline script on every page", async () => {
    const page = await openPage(await browser.newContext({ locale: "en-US" }));
    await signIn(page, server.url, DEMO.cochairMx);
    const paths = [
      "/",
      "/g/rmsg",
      "/g/rmsg/members",
      "/g/rmsg/templates",
      "/g/rmsg/papers/new",
      `/g/rmsg/papers/${paperId}`,
      `/g/rmsg/papers/${paperId}/versions`,
      `/g/rmsg/papers/${paperId}/versions/1`,
      voteUrl,
      "/g/rmsg/audit",
      "/g/rmsg/report",
      "/inbox",
      "/settings/password",
      "/g/no-such-group",
    ];
    const checked: string[] = [];
    for (const path of paths) {
      await page.goto(server.url + path);
      expect(await blocksInlineScript(page), path).toEqual({ ran: false, violation: true });
      checked.push(path);
    }
    const anonymous = await openPage(await browser.newContext({ locale: "en-US" }));
    await anonymous.goto(`${server.url}/login`);
    expect(await blocksInlineScript(anonymous), "/login").toEqual({ ran: false, violation: true });
    console.log(`CSP: an inline script was blocked on ${checked.length + 1} pages`);
    // The only console errors are the CSP's own reports of what it blocked.
    for (const problem of [...page.problems, ...anonymous.problems])
      expect(problem).toMatch(/Content Security Policy|status of 404/);
  });
});

/** Adds an inline script the way injected markup would; reports whether it ran and whether the CSP objected. */
async function blocksInlineScript(page: Page): Promise<{ ran: boolean; violation: boolean }> {
  return page.evaluate(async () => {
    let violation = false;
    document.addEventListener("securitypolicyviolation", () => (violation = true));
    const script = document.createElement("script");
    script.textContent = "window.__inlineRan = true";
    document.body.appendChild(script);
    const holder = document.createElement("div");
    holder.innerHTML = '<img src="/favicon-does-not-exist" onerror="window.__inlineRan = true">';
    document.body.appendChild(holder);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violation };
  });
}
