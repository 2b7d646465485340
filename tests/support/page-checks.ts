// Checks every page of a browser journey must pass: axe-core finds no serious or critical violation,
// and the page fits a phone (390 × 844) and a laptop (1280 × 800) without horizontal scrolling.
// Screenshots of both go to tests/e2e/screenshots/ (git-ignored; CI keeps them as artifacts).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../e2e/screenshots");

export const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (injected through the DevTools protocol, so the page's CSP stays on) and
 * returns the serious and critical violations, each with the selectors of the offending nodes.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== "undefined",
  );
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** How far the page scrolls sideways at the current viewport (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - viewport;
    // Name the elements that stick out, to make a failure easy to act on.
    const widest =
      overflow > 0
        ? Array.from(document.querySelectorAll("body *"))
            .filter((el) => el.getBoundingClientRect().right > viewport + 1)
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`,
            )
        : [];
    return { overflow, widest };
  });
}

export interface PageReport {
  name: string;
  violations: AxeViolation[];
  overflow: Record<string, { overflow: number; widest: string[] }>;
}

/**
 * Checks the page as it is now at both viewports and saves a full-page screenshot of each; restores
 * the page's own viewport afterwards. Returns what it found; `assertPageOk` turns that into a failure.
 */
export async function checkPage(page: Page, name: string): Promise<PageReport> {
  const original = page.viewportSize();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const report: PageReport = { name, violations: [], overflow: {} };
  const seen = new Set<string>();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    // Let the layout settle (media queries, sticky panels) before measuring.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    report.overflow[viewport.name] = await horizontalOverflow(page);
    for (const violation of await seriousAxeViolations(page)) {
      if (seen.has(violation.id)) continue;
      seen.add(violation.id);
      report.violations.push(violation);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.name}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
  return report;
}

export function describeProblems(report: PageReport): string[] {
  const problems: string[] = [];
  for (const v of report.violations)
    problems.push(
      `${report.name}: axe ${v.impact} "${v.id}" (${v.help}) at ${v.nodes.slice(0, 3).join(", ")}`,
    );
  for (const [viewport, { overflow, widest }] of Object.entries(report.overflow)) {
    if (overflow > 0)
      problems.push(`${report.name}: scrolls ${overflow}px sideways at ${viewport} (${widest.join(", ")})`);
  }
  return problems;
}

export async function assertPageOk(page: Page, name: string): Promise<void> {
  const problems = describeProblems(await checkPage(page, name));
  if (problems.length) throw new Error(`Page checks failed:\n${problems.join("\n")}`);
}
