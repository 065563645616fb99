import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { createDb, type Db } from "../lib/db/client";
import { accessToken, ApiClient, kidOf } from "./support/api-client";
import { scratchPostgres } from "./support/postgres";
import { productionEnv, runNodeTool, startServer, stopServer, waitUntilServing } from "./support/server";
import { settings } from "./support/settings";

/**
 * Two production servers (the suite's build, server.mjs) on one PostgreSQL database, as a
 * team runs Gatehouse behind one origin. Everything shared lives in the database.
 */
test.describe.configure({ mode: "serial" });

const ports = { a: settings.port + 1, b: settings.port + 2 };
const base = (port: number) => `http://localhost:${port}`;
const A = base(ports.a);
const B = base(ports.b);

let database: Awaited<ReturnType<typeof scratchPostgres>>;
let db: Db;
let env: NodeJS.ProcessEnv;
const servers: Record<"a" | "b", ChildProcess | null> = { a: null, b: null };
const logFile = (name: string) => path.join(settings.outputDir, `instance-${name}.log`);

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  database = await scratchPostgres();
  env = productionEnv(A, { DATABASE_URL: database.url });
  runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, logFile("setup"), "migrate PostgreSQL");
  runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], env, logFile("setup"), "seed PostgreSQL");
  db = createDb(database.url);
  // Both start at once on a database with no signing key yet.
  servers.a = startServer(ports.a, env, logFile("a"));
  servers.b = startServer(ports.b, env, logFile("b"));
  await Promise.all([
    waitUntilServing(`${A}/api/health`, servers.a, logFile("a")),
    waitUntilServing(`${B}/api/health`, servers.b, logFile("b")),
  ]);
});

test.afterAll(async () => {
  await Promise.all([servers.a, servers.b].map((server) => (server ? stopServer(server) : undefined)));
  await db?.$disconnect();
  await database?.dispose();
});

test("both instances are ready and, started together on an empty database, share one current signing key", async () => {
  for (const url of [A, B]) {
    const ready = await fetch(`${url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  }
  const [fromA, fromB] = await Promise.all([
    accessToken(await new ApiClient(A).login("johndoe", "secret")),
    accessToken(await new ApiClient(B).login("johndoe", "secret")),
  ]);
  expect(kidOf(fromA)).toBe(kidOf(fromB));
  expect(await db.signingKey.count({ where: { retiredAt: null } })).toBe(1);
});

test("a login on A is refreshed on B, and B's token is accepted by A", async () => {
  const onA = new ApiClient(A);
  await accessToken(await onA.login("johndoe", "secret"));
  const onB = onA.at(B);
  const token = await accessToken(await onB.refresh());
  expect((await onA.me(token)).status).toBe(200);
});

test("a 20-way refresh race split over A and B answers 200 everywhere with one successor", async () => {
  const browser = new ApiClient(A);
  const first = await accessToken(await browser.login("johndoe", "secret"));
  const family = JSON.parse(Buffer.from(first.split(".")[1]!, "base64url").toString()).sid as string;
  const racers = Array.from({ length: 20 }, (_, i) => browser.at(i % 2 ? B : A));
  const responses = await Promise.all(racers.map((racer) => racer.refresh()));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  expect(new Set(racers.map((racer) => racer.cookie)).size).toBe(1);
  // One rotation, whichever instance won it; the others were handed its successor.
  expect(await db.login.findUniqueOrThrow({ where: { id: family } })).toMatchObject({ generation: 1, revokedAt: null });
});

test("a logout on B makes A refuse the access token within 1 s", async () => {
  const onA = new ApiClient(A);
  const token = await accessToken(await onA.login("johndoe", "secret"));
  expect((await onA.me(token)).status).toBe(200);
  expect((await onA.at(B).logout()).status).toBe(204);
  const loggedOutAt = Date.now();
  let status = 200;
  while (status === 200 && Date.now() - loggedOutAt < 5_000) status = (await onA.me(token)).status;
  const staleness = Date.now() - loggedOutAt;
  test.info().annotations.push({ type: "revocation staleness", description: `${staleness} ms` });
  expect(status).toBe(401);
  expect(staleness).toBeLessThan(1_000);
});

test("failed logins on A and B add up to one lock", async () => {
  const attempt = (url: string, password: string) => new ApiClient(url).login("janedoe", password);
  for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? B : A, `wrong-${i}`)).status).toBe(401);
  for (const url of [A, B]) {
    const locked = await attempt(url, "secret");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  }
});

test("a key added by keys:rotate signs on both instances within 15 s and both publish it", async () => {
  const output = path.join(settings.outputDir, "instance-rotate.log");
  const rotatedAt = Date.now();
  runNodeTool(["node_modules/tsx/dist/cli.mjs", "scripts/rotate-keys.ts"], env, output, "keys:rotate");
  const current = await db.signingKey.findFirstOrThrow({ where: { retiredAt: null } });
  for (const url of [A, B]) {
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(current.kid);
  }
  const browsers = { a: new ApiClient(A), b: new ApiClient(B) };
  await accessToken(await browsers.a.login("johndoe", "secret"));
  await accessToken(await browsers.b.login("johndoe", "secret"));
  const signsWithNewKey = async (client: ApiClient) => kidOf(await accessToken(await client.refresh())) === current.kid;
  await expect.poll(() => signsWithNewKey(browsers.a), { timeout: 15_000, intervals: [500] }).toBe(true);
  await expect.poll(() => signsWithNewKey(browsers.b), { timeout: 15_000, intervals: [500] }).toBe(true);
  expect(Date.now() - rotatedAt).toBeLessThan(15_000 + 2_000);
});

test("SIGTERM on A finishes A's in-flight requests and exits 0 while B keeps serving", async () => {
  const a = servers.a!;
  // Several logins queue behind the password workers, so some are surely in flight.
  const inFlight = Array.from({ length: 4 }, () => new ApiClient(A).login("johndoe", "secret"));
  await new Promise((resolve) => setTimeout(resolve, 150));
  const exited = new Promise<number | null>((resolve) => a.once("exit", (code) => resolve(code)));
  a.kill("SIGTERM");
  const statuses = (await Promise.all(inFlight)).map((r) => r.status);
  expect(statuses).toEqual([200, 200, 200, 200]);
  expect(await exited).toBe(0);
  servers.a = null;
  await expect(fetch(`${A}/api/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  const onB = new ApiClient(B);
  const token = await accessToken(await onB.login("johndoe", "secret"));
  expect((await onB.me(token)).status).toBe(200);
});
