import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNodeTool, startServer, stopServer, waitUntilServing } from "./server";
import { settings } from "./settings";

/** One fault, as the closing table reports it. */
export interface FaultReport {
  fault: string;
  statuses: string;
  longestWaitMs: number;
  recoveryMs: number | null;
}

export const reports: FaultReport[] = [];

export function printReports(): void {
  if (!reports.length) return;
  const rows = reports.map((r) => [r.fault, r.statuses, `${r.longestWaitMs} ms`, r.recoveryMs === null ? "-" : `${r.recoveryMs} ms`]);
  const header = ["fault", "statuses while faulty", "longest wait", "recovery"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ");
  console.log(["", line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n"));
}

/** Counts statuses like "503×12, 200×3". */
export function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`).join(", ");
}

export interface TimedAnswer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: string;
}

export async function timed(url: string, init: RequestInit = {}): Promise<TimedAnswer> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  return { status: response.status, ms: Math.round(performance.now() - started), retryAfter: response.headers.get("retry-after"), body };
}

/** The contract's answer for a database that cannot serve: 503, Retry-After, a stable code. */
export function isUnavailable(answer: TimedAnswer): boolean {
  if (answer.status !== 503 || !(Number(answer.retryAfter) > 0)) return false;
  try {
    return (JSON.parse(answer.body) as { code?: string }).code === "DATABASE_UNAVAILABLE";
  } catch {
    return false;
  }
}

/** A directory on its own small tmpfs, so it can be made read-only or full. Needs root. */
export function tmpfsDirectory(sizeKb: number): { dir: string; readOnly(on: boolean): void; unmount(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-fault-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir]);
  return {
    dir,
    readOnly: (on) => execFileSync("mount", ["-o", `remount,${on ? "ro" : "rw"}`, dir]),
    unmount: () => execFileSync("umount", ["-l", dir]),
  };
}

/** A migrated, seeded SQLite database at `file`. */
export function preparedDatabase(file: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const log = path.join(settings.outputDir, "faults-setup.log");
  const withDb = { ...env, DATABASE_URL: `file:${file}` };
  runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], withDb, log, "migrate");
  runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], withDb, log, "seed");
}

export async function startOn(file: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const log = path.join(settings.outputDir, "faults-server.log");
  const server = startServer(port, { ...env, DATABASE_URL: `file:${file}` }, log);
  try {
    await waitUntilServing(`http://localhost:${port}/api/health`, server, log);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

/** Another process holding the SQLite file's write lock for `ms`; in WAL mode readers go on. */
export function holdExclusiveLock(file: string, ms: number): Promise<void> {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN EXCLUSIVE"); db.exec("UPDATE RevocationClock SET version = version"); process.stdout.write("locked\\n"); setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const holder = spawn(process.execPath, ["-e", script, file, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    holder.stdout.once("data", () => resolve());
    holder.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`lock holder exited ${code}`))));
  });
}

/** Polls until `check` holds; the time it took, or null after `timeoutMs`. */
export async function timeUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}
