import type { Page } from "@playwright/test";

/**
 * Uncaught exceptions and console errors of a page. The browser's own line for every
 * non-2xx response ("Failed to load resource") is left out: refused refreshes are expected.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console: ${message.text()}`);
  });
  return errors;
}
