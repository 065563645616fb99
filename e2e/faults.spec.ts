import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { createDb } from "../lib/db/client";
import { accessToken, ApiClient } from "./support/api-client";
import { holdExclusiveLock, isUnavailable, preparedDatabase, printReports, reports, startOn, tally, timed, timeUntil, tmpfsDirectory } from "./support/faults";
import { decodeClaims } from "./support/jwt";
import { productionEnv, stopServer } from "./support/server";
import { settings } from "./support/settings";

/**
 * The server against a real SQLite file that another process locks, that turns read-only,
 * disappears or fills its disk, and a server killed in the middle of a refresh burst. Each
 * test adds a row to the table printed at the end (`npm run test:faults` runs only these).
 */
test.describe.configure({ mode: "serial" });

const port = settings.port + 3;
const base = `http://localhost:${port}`;
const env = productionEnv(base);
let server: ChildProcess | null = null;

const scratchFile = (name: string) => path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-faults-")), name);
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const sidOf = (token: string) => decodeClaims(token).sid;

test.beforeEach(({}, testInfo) => testInfo.setTimeout(120_000));
test.afterEach(async () => {
  if (server) await stopServer(server);
  server = null;
});
test.afterAll(() => printReports());

test("a write lock held 10 s by another process: no freeze, reads go on, 503 with Retry-After for writes, recovery on its own", async () => {
  const file = scratchFile("lock.db");
  preparedDatabase(file, env);
  server = await startOn(file, env, port);
  const browser = new ApiClient(base);
  const token = await accessToken(await browser.login("johndoe", "secret"));
  const other = new ApiClient(base);
  const otherToken = await accessToken(await other.login("janedoe", "secret"));
  const db = createDb(`file:${file}`);
  const loginRows = () => db.login.findMany({ where: { id: { in: [sidOf(token), sidOf(otherToken)] } }, orderBy: { id: "asc" } });
  const before = await loginRows();
  expect(before).toHaveLength(2);

  await holdExclusiveLock(file, 10_000);
  const lockEnds = Date.now() + 10_000;
  const writes = [
    timed(`${base}/api/auth/refresh-token`, { method: "POST", headers: { cookie: browser.cookie! } }),
    timed(`${base}/api/auth/logout`, { method: "POST", headers: { cookie: other.cookie! } }),
  ];
  // Readiness tries a write too, so it waits out the same budget and then says why.
  const ready = timed(`${base}/api/ready`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Asked while the writes wait: the event loop must be free, and reads need no write lock.
  const health = await timed(`${base}/api/health`);
  const notAllowed = await timed(`${base}/api/auth/token`, { method: "DELETE" });
  const reads = [await timed(`${base}/api/auth/me`, bearer(token)), await timed(`${base}/api/invoices`, bearer(token))];
  const refused = await Promise.all(writes);
  expect(health.status).toBe(200);
  expect(notAllowed.status).toBe(405);
  expect(Math.max(health.ms, notAllowed.ms)).toBeLessThan(1_000);
  expect(reads.map((read) => read.status)).toEqual([200, 200]);
  expect(Math.max(...reads.map((read) => read.ms))).toBeLessThan(1_000);
  for (const answer of refused) expect(isUnavailable(answer)).toBe(true);
  const notReady = await ready;
  expect(notReady).toMatchObject({ status: 503, retryAfter: "2" });
  expect(JSON.parse(notReady.body)).toMatchObject({ reason: "database_busy" });

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lockEnds - Date.now())));
  // The refused refresh and logout wrote nothing: neither login rotated or ended. (A retry's
  // 200 would not show it: a committed rotation answers the old cookie too.)
  try {
    expect(await loginRows()).toEqual(before);
  } finally {
    await db.$disconnect();
  }
  const recoveryMs = await timeUntil(async () => (await other.refresh()).status === 200, 10_000);
  expect(recoveryMs).not.toBeNull();
  expect((await browser.refresh()).status).toBe(200);
  reports.push({
    fault: "write lock held 10 s",
    statuses: `health ${health.status} in ${health.ms} ms, 405 in ${notAllowed.ms} ms; reads ${tally(reads.map((r) => r.status))}; writes ${tally(refused.map((r) => r.status))}; ready ${notReady.status}`,
    longestWaitMs: Math.max(...refused.map((r) => r.ms)),
    recoveryMs,
  });
});

test("a read-only database: writes answer 503, reads and health go on, ready says why; writable again recovers", async () => {
  const disk = tmpfsDirectory(4096);
  try {
    const file = path.join(disk.dir, "ro.db");
    preparedDatabase(file, env);
    server = await startOn(file, env, port);
    const browser = new ApiClient(base);
    const token = await accessToken(await browser.login("johndoe", "secret"));
    await stopServer(server);
    disk.readOnly(true);
    server = await startOn(file, env, port);

    const login = await timed(`${base}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "johndoe", password: "secret" }) });
    const refreshed = await timed(`${base}/api/auth/refresh-token`, { method: "POST", headers: { cookie: browser.cookie! } });
    const me = await timed(`${base}/api/auth/me`, bearer(token));
    const ready = await fetch(`${base}/api/ready`);
    expect(isUnavailable(login)).toBe(true);
    expect(isUnavailable(refreshed)).toBe(true);
    expect(me.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).toBe("30");
    expect(await ready.json()).toMatchObject({ reason: "database_read_only" });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    disk.readOnly(false);
    const recoveryMs = await timeUntil(async () => (await new ApiClient(base).login("johndoe", "secret")).status === 200, 10_000);
    expect(recoveryMs).not.toBeNull();
    reports.push({ fault: "read-only file", statuses: `writes ${tally([login.status, refreshed.status])}, reads ${me.status}, ready ${ready.status}`, longestWaitMs: Math.max(login.ms, refreshed.ms, me.ms), recoveryMs });
  } finally {
    if (server) await stopServer(server);
    server = null;
    disk.unmount();
  }
});

test("a database file removed while running: 503 instead of writes into a deleted file; restoring it recovers", async () => {
  const file = scratchFile("gone.db");
  preparedDatabase(file, env);
  server = await startOn(file, env, port);
  const token = await accessToken(await new ApiClient(base).login("johndoe", "secret"));
  const backup = `${file}.backup`;
  // A backup of a WAL database is the file after a checkpoint, as `sqlite3 .backup` makes it.
  const checkpoint = new Sqlite(file, { timeout: 5_000 });
  checkpoint.pragma("wal_checkpoint(TRUNCATE)");
  checkpoint.close();
  copyFileSync(file, backup);
  rmSync(file);
  await new Promise((resolve) => setTimeout(resolve, 1_100));

  const me = await timed(`${base}/api/auth/me`, bearer(token));
  const login = await timed(`${base}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "johndoe", password: "secret" }) });
  const ready = await fetch(`${base}/api/ready`);
  expect(isUnavailable(me)).toBe(true);
  expect(isUnavailable(login)).toBe(true);
  expect(await ready.json()).toMatchObject({ reason: "database_missing" });

  copyFileSync(backup, file);
  const recoveryMs = await timeUntil(async () => (await fetch(`${base}/api/auth/me`, bearer(token))).status === 200, 10_000);
  expect(recoveryMs).not.toBeNull();
  reports.push({ fault: "file removed", statuses: tally([me.status, login.status, ready.status]), longestWaitMs: Math.max(me.ms, login.ms), recoveryMs });
});

test("a full disk: writes answer 503, reads go on; space again recovers", async () => {
  // Room for the seed's write-ahead log; the filler then takes whatever is left.
  const disk = tmpfsDirectory(8192);
  try {
    const file = path.join(disk.dir, "full.db");
    preparedDatabase(file, env);
    server = await startOn(file, env, port);
    const token = await accessToken(await new ApiClient(base).login("johndoe", "secret"));
    const filler = path.join(disk.dir, "filler");
    try {
      writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is now full, which is the point.
    }
    const statuses: number[] = [];
    let longest = 0;
    for (let i = 0; i < 3; i++) {
      const login = await timed(`${base}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "johndoe", password: "secret" }) });
      statuses.push(login.status);
      longest = Math.max(longest, login.ms);
      expect(isUnavailable(login)).toBe(true);
    }
    const me = await timed(`${base}/api/auth/me`, bearer(token));
    expect(me.status).toBe(200);
    const ready = await timed(`${base}/api/ready`);
    expect(ready).toMatchObject({ status: 503, retryAfter: "30" });
    expect(JSON.parse(ready.body)).toMatchObject({ reason: "database_full" });

    rmSync(filler);
    const recoveryMs = await timeUntil(async () => (await new ApiClient(base).login("johndoe", "secret")).status === 200, 10_000);
    expect(recoveryMs).not.toBeNull();
    reports.push({ fault: "disk full", statuses: `writes ${tally(statuses)}, reads ${me.status}, ready ${ready.status}`, longestWaitMs: Math.max(longest, me.ms), recoveryMs });
  } finally {
    if (server) await stopServer(server);
    server = null;
    disk.unmount();
  }
});

test("kill -9 during a refresh burst: no forked family, no half-written row, the last cookie still works", async () => {
  const file = scratchFile("kill.db");
  preparedDatabase(file, env);
  server = await startOn(file, env, port);
  const browser = new ApiClient(base);
  const first = await accessToken(await browser.login("johndoe", "secret"));
  const familyId = sidOf(first);

  const statuses: number[] = [];
  let killed = false;
  const burst = (async () => {
    while (!killed) {
      const racers = Array.from({ length: 4 }, () => browser.at(base));
      const answers = await Promise.allSettled(racers.map((racer) => racer.refresh()));
      for (const [i, answer] of answers.entries()) {
        if (answer.status === "fulfilled") {
          statuses.push(answer.value.status);
          if (answer.value.status === 200) browser.cookie = racers[i]!.cookie;
        } else statuses.push(0);
      }
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  server.kill("SIGKILL");
  killed = true;
  await burst;
  server = null;

  const restartedAt = Date.now();
  server = await startOn(file, env, port);
  const last = await browser.refresh();
  const recoveryMs = Date.now() - restartedAt;
  expect(last.status).toBe(200);

  const db = createDb(`file:${file}`);
  try {
    // One row, one current generation: nothing half-written, nothing forked, nothing ended.
    const login = await db.login.findUniqueOrThrow({ where: { id: familyId } });
    expect(login).toMatchObject({ revokedAt: null, revokedReason: null });
    reports.push({ fault: "kill -9 mid-burst", statuses: `${tally(statuses)} (0 = connection cut); ${login.generation} rotations, 1 live token`, longestWaitMs: 0, recoveryMs });
  } finally {
    await db.$disconnect();
  }
});
