import { defineConfig } from "@playwright/test";
import path from "node:path";
import project from "../../playwright.config";

/**
 * The config of a Playwright run that a spec of the main suite starts and judges
 * (e2e/support/child-run.ts): its own server, its own workers, no retries, a JSON report.
 * Only `*.run.ts` files, which the main suite's own test match never picks up.
 */
const outputDir = process.env.CHILD_OUTPUT_DIR || path.resolve("test-results/child-run");

export default defineConfig({
  testDir: __dirname,
  testMatch: /\.run\.ts$/,
  outputDir: path.join(outputDir, "artifacts"),
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  // A child run may load two cores far past what one test alone would (ci-scale: eight tabs),
  // so a page is given the time a starved renderer needs; a hung one still fails.
  timeout: 180_000,
  expect: { timeout: 45_000 },
  reporter: [["json", { outputFile: path.join(outputDir, "report.json") }]],
  use: { ...project.use, baseURL: process.env.CHILD_BASE_URL },
});
