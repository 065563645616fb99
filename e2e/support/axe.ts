import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe on what the page shows now and fails on any serious or critical WCAG 2.x A/AA
 * violation, naming the rule and the elements so the failure reads without a trace. Soft, so
 * one run lists every screen that fails.
 */
export async function expectAccessible(page: Page, screen: string) {
  // Animations (menus, notifications sliding in) give axe half-faded colours to measure.
  await page.waitForLoadState("domcontentloaded");
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      if (animation.effect?.getComputedTiming().endTime !== Infinity) animation.finish();
    }
  });
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")} ${node.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join("\n  ")}`);
  expect.soft(blocking, `axe on ${screen}`).toEqual([]);
}
