// npm run bench:storm — refresh latency and delivery with and without a concurrent login flood.
// Prints figures; asserts nothing. Builds once if there is no production build.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.BENCH_PORT || 3211);
const ORIGIN = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const REFRESH_CLIENTS = Number(process.env.BENCH_REFRESH_CLIENTS || 4);
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD || 8);
const REFRESH_TIMEOUT_MS = 2000;

const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  JWT_SECRET: randomBytes(48).toString("base64url"),
  APP_ORIGIN: ORIGIN,
  PORT: String(PORT),
};
const run = (args) => execFileSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] });

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build: running next build ...");
  run(["node_modules/next/dist/bin/next", "build"]);
}
run(["node_modules/prisma/build/index.js", "migrate", "deploy"]);
run(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"]);

const server = spawn(process.execPath, ["server.mjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
const stop = () => {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
};
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${ORIGIN}/.well-known/jwks.json`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

const headers = { "content-type": "application/json", origin: ORIGIN };
async function login() {
  const response = await fetch(`${ORIGIN}/api/auth/token`, { method: "POST", headers, body: JSON.stringify({ username: "johndoe", password: "secret" }) });
  if (!response.ok) throw new Error(`login ${response.status}`);
  return response.headers.getSetCookie()[0].split(";")[0];
}

async function refreshLoop(cookie, until, latencies, counts) {
  while (Date.now() < until) {
    const started = performance.now();
    counts.sent++;
    try {
      const response = await fetch(`${ORIGIN}/api/auth/refresh-token`, {
        method: "POST",
        headers: { origin: ORIGIN, cookie },
        signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) {
        cookie = response.headers.getSetCookie()[0].split(";")[0];
        latencies.push(performance.now() - started);
        counts.ok++;
      } else counts.failed++;
    } catch {
      counts.failed++;
    }
  }
}

async function floodLoop(until, counts) {
  while (Date.now() < until) {
    try {
      const response = await fetch(`${ORIGIN}/api/auth/token`, { method: "POST", headers, body: JSON.stringify({ username: "johndoe", password: "secret" }) });
      await response.arrayBuffer();
      counts[response.status] = (counts[response.status] ?? 0) + 1;
    } catch {
      counts.error = (counts.error ?? 0) + 1;
    }
  }
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function phase(name, flood) {
  const cookies = await Promise.all(Array.from({ length: REFRESH_CLIENTS }, login));
  const until = Date.now() + SECONDS * 1000;
  const latencies = [];
  const counts = { sent: 0, ok: 0, failed: 0 };
  const floodCounts = {};
  await Promise.all([
    ...cookies.map((cookie) => refreshLoop(cookie, until, latencies, counts)),
    ...Array.from({ length: flood }, () => floodLoop(until, floodCounts)),
  ]);
  latencies.sort((a, b) => a - b);
  return {
    phase: name,
    "refresh p50 ms": percentile(latencies, 50).toFixed(1),
    "refresh p99 ms": percentile(latencies, 99).toFixed(1),
    "refreshes/s": (counts.ok / SECONDS).toFixed(1),
    delivered: `${((100 * counts.ok) / Math.max(1, counts.sent)).toFixed(1)}%`,
    "logins (status: count)": Object.entries(floodCounts).map(([k, v]) => `${k}: ${v}`).join(", ") || "-",
  };
}

await waitForServer();
console.log(`${os.cpus().length} cores; ${REFRESH_CLIENTS} refresh clients, ${SECONDS} s per phase, refresh timeout ${REFRESH_TIMEOUT_MS} ms`);
const quiet = await phase("refresh only", 0);
const storm = await phase(`+ ${FLOOD_CONNECTIONS} login connections`, FLOOD_CONNECTIONS);
console.table([quiet, storm]);
process.exit(0);
