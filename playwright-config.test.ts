import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Runs Playwright itself, under CI, on a test that fails once and passes on its retry, with
 * this project's retry settings: the run must fail, and the report must call the test flaky.
 * The probe needs no browser, so it runs in seconds.
 */
const root = __dirname;
mkdirSync(path.join(root, "test-results"), { recursive: true });
const dir = mkdtempSync(path.join(root, "test-results", "flaky-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, "flaky.spec.ts"),
  `import { expect, test } from "@playwright/test";
test("fails on its first try only", ({}, testInfo) => expect(testInfo.retry).toBe(1));
`,
);

function runUnderCi(override: string) {
  const config = path.join(dir, `probe-${override ? "overridden" : "project"}.config.ts`);
  writeFileSync(
    config,
    `import project from ${JSON.stringify(path.join(root, "playwright.config"))};
export default { testDir: ${JSON.stringify(dir)}, outputDir: ${JSON.stringify(path.join(dir, "out"))}, reporter: "line",
  retries: project.retries, failOnFlakyTests: project.failOnFlakyTests, forbidOnly: project.forbidOnly${override} };
`,
  );
  const env = { ...process.env, CI: "true" } as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", config], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
}

// Each probe starts Playwright's CLI, which reads the project config (and its port probe): seconds
// alone, past half a minute while the other test files load both cores.
const PROBE_TIMEOUT_MS = 150_000;

describe("the browser suite in CI", { timeout: PROBE_TIMEOUT_MS }, () => {
  it("fails a run whose test passed only on its retry, and reports it as flaky", () => {
    const run = runUnderCi("");
    expect(run.stdout).toMatch(/1 flaky/);
    expect(run.status, run.stdout + run.stderr).toBe(1);
  });

  it("owes that to failOnFlakyTests: without it the same run passes", () => {
    const run = runUnderCi(", failOnFlakyTests: false");
    expect(run.stdout).toMatch(/1 flaky/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
