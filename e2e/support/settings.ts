import path from "node:path";
import { chooseFirstPort } from "./free-ports";

/** Every knob of the browser suite, read from the environment in one place. */
export const settings = {
  /** The first of the run's consecutive ports (free ones from 3107 up, or E2E_PORT). */
  port: chooseFirstPort(),
  /** Short on purpose, so several refreshes happen during a test. */
  accessTtlSeconds: Number(process.env.E2E_ACCESS_TTL_SECONDS || 4),
  outputDir: path.resolve(process.env.E2E_OUTPUT_DIR || "test-results"),
  /** Reuse the existing `.next` build instead of running `next build` first. */
  skipBuild: process.env.E2E_SKIP_BUILD === "1",
  /** Keep the scratch database after the run, for a post-mortem. */
  keepDatabase: process.env.E2E_KEEP_DB === "1",
  chromium: process.env.E2E_CHROMIUM || "/usr/bin/chromium",
  /** Where the dashboard screenshot goes; the README's copy is made with E2E_SCREENSHOT_PATH=docs/dashboard.png. */
  get screenshotPath() {
    return path.resolve(process.env.E2E_SCREENSHOT_PATH || path.join(this.outputDir, "dashboard.png"));
  },
  get baseURL() {
    return `http://localhost:${this.port}`;
  },
};

/** Set by the global setup for the test workers. */
export function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the suite through playwright.config.ts");
  return url;
}
