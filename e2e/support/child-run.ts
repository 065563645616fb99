import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { JSONReport, JSONReportSuite, JSONReportTest } from "@playwright/test/reporter";

const ROOT = path.resolve(__dirname, "../..");
const CONFIG = path.join(ROOT, "e2e/child-runs/playwright.config.ts");

export interface ChildRun {
  exitCode: number | null;
  report: JSONReport;
  /** Every test of the run with its spec's title. */
  tests: (JSONReportTest & { title: string })[];
  wallMs: number;
  output: string;
}

/**
 * Runs Playwright on `files` of e2e/child-runs against `baseURL`, with `workers` workers and
 * no retries, and answers its JSON report. Asynchronous, so this worker stays responsive.
 */
export async function runChild(name: string, files: string[], options: { baseURL: string; workers: number; outputDir: string; env?: Record<string, string> }): Promise<ChildRun> {
  const outputDir = path.join(options.outputDir, name);
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const args = [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", "--config", CONFIG, "--workers", String(options.workers), "--retries", "0", ...files];
  const env = { ...process.env, ...options.env, CHILD_BASE_URL: options.baseURL, CHILD_OUTPUT_DIR: outputDir };
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const wallMs = Date.now() - started;
  let report: JSONReport;
  try {
    report = JSON.parse(readFileSync(path.join(outputDir, "report.json"), "utf8")) as JSONReport;
  } catch {
    throw new Error(`the child run left no report (exit ${exitCode}):\n${output.slice(-3000)}`);
  }
  return { exitCode, report, tests: testsOf(report.suites), wallMs, output };
}

function testsOf(suites: JSONReportSuite[]): ChildRun["tests"] {
  return suites.flatMap((suite) => [...suite.specs.flatMap((spec) => spec.tests.map((test) => ({ ...test, title: spec.title }))), ...testsOf(suite.suites ?? [])]);
}

/** The first error of each failed test, for a failure message that reads without the report. */
export const failuresOf = (run: ChildRun) =>
  run.tests.filter((test) => test.status !== "expected").map((test) => `${test.title}: ${test.results.at(-1)?.error?.message?.slice(0, 500) ?? test.status}`);
