import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { MAX_POSTGRES_CONNECTIONS } from "../lib/db/engine/postgres";
import { accessToken, ApiClient } from "./support/api-client";
import { HOLDER_NAME, holdLoginWrites, untilWritersWait } from "./support/held-writes";
import { decodeClaims } from "./support/jwt";
import { scratchPostgres } from "./support/postgres";
import { productionEnv, runNodeTool, startServer, stopServer, waitUntilServing } from "./support/server";
import { databaseUrl, settings } from "./support/settings";

/**
 * `npm start` as an operator runs it: one process per core with WEB_CONCURRENCY, on SQLite
 * and on PostgreSQL, a process that dies replaced, and bad settings refused before the
 * server says it listens.
 */
const port = settings.port + 4;
const origin = `http://localhost:${port}`;
const logFile = (name: string) => path.join(settings.outputDir, `processes-${name}.log`);
const root = path.resolve(__dirname, "..");

function baseEnv(databaseUrl: string): NodeJS.ProcessEnv {
  // info: the request log names the pid that served each request.
  return productionEnv(origin, { DATABASE_URL: databaseUrl, LOG_LEVEL: "info" });
}

/** The pids that answered requests (of `path`, from line `from` on), from the JSON request log lines. */
function servingPids(name: string, { path: only, from = 0 }: { path?: string; from?: number } = {}): Set<number> {
  const pids = new Set<number>();
  for (const line of logLines(name).slice(from)) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; pid?: number; path?: string };
    if (entry.msg === "request" && entry.pid && (!only || entry.path === only)) pids.add(entry.pid);
  }
  return pids;
}

const logLines = (name: string) => readFileSync(logFile(name), "utf8").split("\n");

/**
 * Both processes rotate one login at the same moment: a third party holds the login's writes
 * while a dozen refreshes with the same cookie reach the two processes and wait, then lets go.
 * Every one answers 200 with the same successor, and the login moved on exactly once.
 */
async function rotateOneLoginFromBoth(name: string, databaseUrl: string) {
  const browser = new ApiClient(origin);
  const loginId = decodeClaims(await accessToken(await browser.login("janedoe", "secret"))).sid;
  const from = logLines(name).length;
  const held = await holdLoginWrites(databaseUrl, loginId);
  const racers = Array.from({ length: 12 }, () => browser.at(origin));
  const answers = Promise.all(racers.map((racer) => racer.refresh()));
  await untilWritersWait(databaseUrl, 2);
  await held.release();
  expect((await answers).map((answer) => answer.status)).toEqual(Array(12).fill(200));
  expect(new Set(racers.map((racer) => racer.cookie)).size).toBe(1);
  const db = createDb(databaseUrl);
  try {
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ generation: 1, revokedAt: null });
  } finally {
    await db.$disconnect();
  }
  // The request log is written once each connection is done: give the lines a moment.
  await expect.poll(() => servingPids(name, { path: "/api/auth/refresh-token", from }).size).toBe(2);
}

/**
 * The two processes share the server's PostgreSQL connections instead of keeping their own
 * cap each: with every connection of both busy (two dozen refreshes of one login wait for a
 * third party's row lock), the database counts the server's cap of them, not twice that.
 */
async function connectionsShared(databaseUrl: string) {
  const browser = new ApiClient(origin);
  const loginId = decodeClaims(await accessToken(await browser.login("janedoe", "secret"))).sid;
  const held = await holdLoginWrites(databaseUrl, loginId);
  const racers = Array.from({ length: 24 }, () => browser.at(origin));
  const answers = Promise.all(racers.map((racer) => racer.refresh()));
  const seen: number[] = [];
  try {
    await untilWritersWait(databaseUrl, MAX_POSTGRES_CONNECTIONS);
    for (let i = 0; i < 15; i++) {
      seen.push(await serverConnections(databaseUrl));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await held.release();
  }
  expect((await answers).map((answer) => answer.status)).toEqual(Array(24).fill(200));
  expect(Math.max(...seen)).toBe(MAX_POSTGRES_CONNECTIONS);
}

/** The server's connections to its database, as PostgreSQL counts them (less the one asking). */
async function serverConnections(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND application_name <> $1", [HOLDER_NAME]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** Runs server.mjs to its exit; its whole output and exit code. */
function runToExit(settings: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(
    Object.entries({ ...settings, PORT: String(port), BIND_HOST: "localhost" }).filter(([, value]) => value !== undefined),
  ) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["server.mjs"], { cwd: root, env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

/**
 * The bound across processes: after a logout, how long until every process refuses the
 * old access token, asking in rounds of `width` parallel requests so each process is asked.
 */
async function msUntilRefusedEverywhere(token: string, width = 6): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 5_000) {
    const statuses = await Promise.all(
      Array.from({ length: width }, () => fetch(`${origin}/api/invoices`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)),
    );
    if (statuses.every((status) => status === 401)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.POSITIVE_INFINITY;
}

/** A GET on a connection of its own: the cluster hands each new connection to one process, in turn. */
function onNewConnection(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

/** Asks until a process outside `known` answers; every answer meanwhile must be a 200. */
async function newServingPid(name: string, known: Set<number>, token: string): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const answers = await Promise.all(Array.from({ length: 4 }, () => onNewConnection(`${origin}/api/invoices`, { authorization: `Bearer ${token}` })));
    expect(answers).toEqual([200, 200, 200, 200]);
    const replacement = [...servingPids(name)].find((pid) => !known.has(pid));
    if (replacement) return replacement;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("no process replaced the one that died");
}

async function exerciseCluster(name: string, env: NodeJS.ProcessEnv) {
  const databaseUrl = env.DATABASE_URL!;
  rmSync(logFile(name), { force: true });
  const server = startServer(port, { ...env, WEB_CONCURRENCY: "2" }, logFile(name));
  try {
    await waitUntilServing(`${origin}/api/ready`, server, logFile(name), 120_000);
    const client = new ApiClient(origin);
    const token = await accessToken(await client.login("johndoe", "secret"));
    // Enough requests that both processes answer some, and remember the login.
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => fetch(`${origin}/api/invoices`, { headers: { authorization: `Bearer ${token}` } })),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    }
    expect((await client.refresh()).status).toBe(200);
    expect(servingPids(name).size).toBe(2);
    await rotateOneLoginFromBoth(name, databaseUrl);
    if (!databaseUrl.startsWith("file:")) await connectionsShared(databaseUrl);

    expect((await client.logout()).status).toBe(204);
    const elapsed = await msUntilRefusedEverywhere(token);
    console.log(`${name}: a logout on one process was refused by both within ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1_000);

    // A process that dies is replaced: the survivor serves meanwhile, then a new one joins it.
    const [victim, survivor] = [...servingPids(name)];
    process.kill(victim!, "SIGKILL");
    // Once the primary has seen it die it hands no connection to it.
    await expect.poll(() => readFileSync(logFile(name), "utf8"), { timeout: 10_000 }).toContain("a server process died; starting another");
    const fresh = await accessToken(await new ApiClient(origin).login("janedoe", "secret"));
    const replacement = await newServingPid(name, new Set([victim!, survivor!]), fresh);
    console.log(`${name}: process ${victim} killed, ${replacement} took its place`);
    expect(readFileSync(logFile(name), "utf8")).toContain("a replacement server process is ready");
  } finally {
    await stopServer(server);
  }
  expect(server.exitCode).toBe(0);
  expect(readFileSync(logFile(name), "utf8")).toContain("with 2 processes");
}

test.describe("npm start with WEB_CONCURRENCY", () => {
  test.describe.configure({ timeout: 240_000 });

  test("runs two processes on one SQLite file: both serve, both rotate one login at once without a fork, and a logout reaches both within a second", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-processes-"));
    try {
      const env = baseEnv(`file:${path.join(dir, "cluster.db")}`);
      runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, logFile("sqlite-setup"), "migrate SQLite");
      runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], env, logFile("sqlite-setup"), "seed SQLite");
      await exerciseCluster("sqlite", env);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("runs two processes on PostgreSQL the same way", async () => {
    const database = await scratchPostgres();
    try {
      const env = baseEnv(database.url);
      runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, logFile("postgres-setup"), "migrate PostgreSQL");
      runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], env, logFile("postgres-setup"), "seed PostgreSQL");
      await exerciseCluster("postgres", env);
    } finally {
      await database.dispose();
    }
  });
});

test.describe("bad settings", () => {
  test.describe.configure({ timeout: 180_000 });

  const cases: Array<{ name: string; env: Record<string, string | undefined>; says: string }> = [
    { name: "a number that is not one", env: { ACCESS_TOKEN_TTL_SECONDS: "soon" }, says: "ACCESS_TOKEN_TTL_SECONDS" },
    { name: "no signing secret in production", env: { JWT_SECRET: undefined }, says: "JWT_SECRET is required in production" },
    { name: "a bad setting under two processes", env: { WEB_CONCURRENCY: "2", BCRYPT_COST: "99" }, says: "BCRYPT_COST" },
    { name: "a process count that is not one", env: { WEB_CONCURRENCY: "many" }, says: "WEB_CONCURRENCY must be" },
  ];
  for (const { name, env, says } of cases) {
    test(`${name}: named, exit code 1, and never "listening"`, async () => {
      const { code, output } = await runToExit({ ...baseEnv(databaseUrl()), ...env });
      expect(code).toBe(1);
      expect(output).toContain(says);
      expect(output).not.toContain("listening");
    });
  }
});
