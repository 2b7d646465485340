import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

// `README_SCREENSHOTS=1` refreshes the README's small pictures (docs/screenshots/) from the browser tests.
const README_SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");

/** A 1200 × 760 picture of the page, from its top or from just above `from` (a CSS selector). */
export async function readmeShot(page: Page, name: string, from?: string): Promise<void> {
  if (process.env.README_SCREENSHOTS !== "1") return;
  mkdirSync(README_SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.evaluate((selector) => {
    const top = selector ? (document.querySelector(selector)?.getBoundingClientRect().top ?? 0) : 0;
    window.scrollTo(0, selector ? window.scrollY + top - 110 : 0);
  }, from ?? null);
  // The margin places its cards after a scroll.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(README_SHOTS, `${name}.png`) });
}
