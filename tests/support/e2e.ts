// What every browser test file shares: one server and one Chromium for the file (vitest file-scoped
// fixtures, started by the first hook or test that asks for them and shut down after the file's last
// test), and a signed-in person's page. Disposing the server fails the file when it logged an error line
// the file did not expect (StartOptions.expectErrors).
import { test as base } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage, signIn, useLanguage, type CheckedPage } from "./browser";
import { startServer, type StartOptions, type TestServer } from "./server";

/**
 * A test API whose tests and hooks receive this file's `server` (started with `options`) and `browser`.
 * Bind them once for helpers: `test.beforeAll(({ server, browser }) => { ... })`. Keep the file's
 * `describe.skipIf(!browserAvailable())`: a skipped file starts neither, and REQUIRE_BROWSER=1 fails
 * without Chromium.
 */
export function e2eTest(options: StartOptions = {}) {
  return base
    .extend("server", { scope: "file" }, async ({}, { onCleanup }): Promise<TestServer> => {
      const server = await startServer(options);
      onCleanup(() => server.dispose());
      return server;
    })
    .extend("browser", { scope: "file" }, async ({}, { onCleanup }): Promise<Browser> => {
      const browser = await launchBrowser();
      onCleanup(() => browser.close());
      return browser;
    });
}

/** The server on PostgreSQL when TEST_DATABASE_URL is set (as the integration tests run too), else PGlite. */
export function databaseFromEnv(): StartOptions {
  return process.env.TEST_DATABASE_URL ? { database: "postgres" } : {};
}

export interface PersonOptions {
  /** The interface language the person switches to after signing in (and the browser's locale). */
  language?: "en" | "es";
  /** The viewport; Playwright's default is 1280 × 720. */
  width?: number;
  height?: number;
  acceptDownloads?: boolean;
}

/** A person's page in a browser context of their own: signed in, the interface in `language`. */
export async function personPage(
  browser: Browser,
  server: Pick<TestServer, "url">,
  email: string,
  { language = "en", width = 1280, height = 720, acceptDownloads = false }: PersonOptions = {},
): Promise<CheckedPage> {
  const page = await openPage(
    await browser.newContext({
      locale: language === "en" ? "en-US" : "es-MX",
      viewport: { width, height },
      acceptDownloads,
    }),
  );
  await signIn(page, server.url, email);
  await useLanguage(page, server.url, language);
  return page;
}
