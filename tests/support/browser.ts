import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

// Debian's Chromium, driven by playwright-core (Playwright's own browser download does not work here).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const requireBrowser = process.env.REQUIRE_BROWSER === "1";

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (requireBrowser)
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A page that records console errors and CSP violations (see openPage). */
export type CheckedPage = Page & { problems: string[]; assertClean: () => void };

/** A page that records console errors and CSP violations; `assertClean` fails the test if there were any. */
export async function openPage(context: BrowserContext): Promise<CheckedPage> {
  const page = (await context.newPage()) as CheckedPage;
  page.problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console.error: ${message.text()}`);
  });
  // The stack and the address say where a minified production error came from.
  page.on("pageerror", (error) =>
    page.problems.push(`page error at ${page.url()}: ${error.message}\n${error.stack ?? ""}`),
  );
  page.assertClean = () => {
    if (page.problems.length) throw new Error(`The page reported problems:\n${page.problems.join("\n")}`);
  };
  return page;
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = "acuerdo-demo",
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Email|Correo/).fill(email);
  await page.getByLabel(/Password|Contraseña/).fill(password);
  await page.getByRole("button", { name: /Sign in|Iniciar sesión/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Switches the interface to `language` from the group page (demo delegates from Latin America use
 * Spanish) and waits until the switch has finished, so the next navigation does not abort it.
 */
export async function useLanguage(
  page: Page,
  baseUrl: string,
  language: "en" | "es",
  slug = "rmsg",
): Promise<void> {
  await page.goto(`${baseUrl}/g/${slug}`);
  await page.getByLabel(/Language|Idioma/).selectOption(language);
  await page.getByRole("button", { name: /Change language|Cambiar idioma/ }).click();
  await page
    .getByRole("heading", { name: language === "en" ? "Delegations" : "Delegaciones", exact: true })
    .waitFor();
}

/** The interface in English (see useLanguage). */
export async function useEnglish(page: Page, baseUrl: string, slug = "rmsg"): Promise<void> {
  await useLanguage(page, baseUrl, "en", slug);
}

/** Selects `words` inside a section's editor the way a mouse drag would (a DOM selection). */
export async function selectWords(page: Page, section: string, words: string) {
  const editor = page.getByRole("textbox", { name: section });
  await editor.click();
  await editor.evaluate((element, target) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(target) ?? -1;
      if (at >= 0) {
        window.getSelection()!.setBaseAndExtent(node, at, node, at + target.length);
        return;
      }
    }
    throw new Error(`no "${target}" in the editor`);
  }, words);
}

/** Whether closing or reloading the tab now would make the browser ask first (a `beforeunload` guard). */
export function unloadWouldAsk(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}
