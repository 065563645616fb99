import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { settings } from "./e2e/support/settings";

export default defineConfig({
  testDir: "e2e",
  outputDir: path.join(settings.outputDir, "artifacts"),
  globalSetup: "./e2e/global-setup.ts",
  forbidOnly: !!process.env.CI,
  // In CI a test that needed its retry fails the run; the retry stays so the report names it
  // as flaky (with the trace of its failure) rather than as simply failed.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: !!process.env.CI,
  // Two cores and one shared server: tests run one after another.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: path.join(settings.outputDir, "report"), open: "never" }]],
  use: {
    baseURL: settings.baseURL,
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: settings.chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /phone\.spec\.ts$/ },
    {
      // The main flows on a phone (Pixel 7, at the 390 × 844 people were watched on): the
      // specs and tests tagged @phone; the heavy instance and fault specs stay desktop-only.
      name: "phone",
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 } },
      grep: /@phone/,
    },
  ],
});
