import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const NODE = process.execPath;

/**
 * The settings of a production server under test: a fresh signing secret, its origin,
 * failed logins answered at once and a quiet log, plus whatever the spec adds.
 */
export function productionEnv(origin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    JWT_SECRET: randomBytes(48).toString("base64url"),
    APP_ORIGIN: origin,
    LOGIN_FAILURE_DELAY_MS: "1",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/** Runs a Node CLI from node_modules to completion, with its output in `logFile`; throws with the tail on failure. */
export function runNodeTool(args: string[], env: NodeJS.ProcessEnv, logFile: string, label: string): void {
  const result = spawnSync(NODE, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  createWriteStream(logFile, { flags: "a" }).end(`\n=== ${label}\n${output}`);
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${output.split("\n").slice(-40).join("\n")}`);
  }
}

/** `npm start`'s server.mjs (or with `--dev`, `npm run dev`'s) as a direct child, so the PID we hold is the server's own. */
export function startServer(port: number, env: NodeJS.ProcessEnv, logFile: string, args: string[] = []): ChildProcess {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(NODE, ["server.mjs", ...args], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), BIND_HOST: "localhost" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export async function waitUntilServing(url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${tail(logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function tail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "(no log)";
  }
}
