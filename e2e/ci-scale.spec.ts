import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { failuresOf, runChild } from "./support/child-run";
import { auditSince, loginsById } from "./support/login-audit";
import { ownServer } from "./support/own-server";
import { settings } from "./support/settings";

/**
 * CI as it runs Playwright at scale: 4 workers × 15 tests, every one as the same seeded
 * admin, through the Gatehouse fixture. A Playwright run of its own (e2e/child-runs, no
 * retries) against a server of its own whose access tokens live 5 s and whose lost-answer
 * window is as short as the grace window allows, so a replayed token would be caught.
 *
 * Eight tabs, four test processes and the server share two cores, so each tab's renderer gets
 * a sixth of one or less: a fresh dashboard takes 15–22 s to show its rows there (measured as a
 * single tab under CDP CPU throttling ×6), against about 3 s alone. A 3 s token expired at every
 * step of such a load (refresh, who-am-I, list), so the page spent its time refreshing; 5 s
 * still expires within every test, and the child run's expect timeout allows for the load.
 */
const ACCESS_TTL_SECONDS = 5;
const WORKERS = 4;
const TESTS_PER_WORKER = 15;
const files = [1, 2, 3, 4].map((n) => `e2e/child-runs/shared-admin-${n}.run.ts`);

test("4 workers × 15 tests as one shared admin, each past an access-token lifetime: all pass with no retry, and no reuse is detected", async ({}, testInfo) => {
  test.setTimeout(25 * 60_000);
  const { origin, db, logFile, stop } = await ownServer("ci-scale", settings.port + 6, {
    ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS),
    REFRESH_LOST_ANSWER_SECONDS: "10",
    LOG_LEVEL: "info",
  });
  try {
    const run = await runChild("ci-scale", files, {
      baseURL: origin,
      workers: WORKERS,
      outputDir: settings.outputDir,
      env: { SCALE_ACCESS_TTL_SECONDS: String(ACCESS_TTL_SECONDS) },
    });
    const events = await auditSince(db, new Date(0));
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const summary = `${run.tests.length} tests in ${(run.wallMs / 1000).toFixed(1)} s; grace replays ${count("refresh.grace_replay")}, lost-answer replays ${count("refresh.lost_answer_replay")}`;
    testInfo.annotations.push({ type: "ci scale", description: summary });
    console.log(`ci scale: ${summary}`);

    expect(failuresOf(run), run.output.slice(-3000)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report.stats).toMatchObject({ expected: WORKERS * TESTS_PER_WORKER, unexpected: 0, flaky: 0, skipped: 0 });
    const results = run.tests.flatMap((t) => t.results);
    expect(results.map((r) => r.retry)).toEqual(results.map(() => 0));
    // Four workers side by side, fifteen tests each, and none of them had to sign in again.
    const perWorker = new Map<number, number>();
    for (const result of results) perWorker.set(result.parallelIndex, (perWorker.get(result.parallelIndex) ?? 0) + 1);
    expect([...perWorker.values()]).toEqual(Array(WORKERS).fill(TESTS_PER_WORKER));
    expect(new Set(results.map((r) => r.workerIndex)).size).toBe(WORKERS);
    expect(results.flatMap((r) => r.annotations).filter((a) => a.type === "gatehouse")).toEqual([]);

    // One login per worker, all of the one admin, none ended by reuse, each signed out at the end.
    expect(events.filter((e) => e.type === "refresh.reuse_detected")).toEqual([]);
    const signIns = events.filter((e) => e.type === "login.ok");
    expect(signIns.map((e) => e.username)).toEqual(Array(WORKERS).fill("johndoe"));
    const logins = await loginsById(db, signIns.map((e) => e.familyId!));
    expect(logins.map((l) => l.revokedReason)).toEqual(Array(WORKERS).fill("logout"));
    // Each test moved its worker's login on at least three times: the fixture's check, the page's load, a scheduled refresh.
    for (const login of logins) expect(login.generation).toBeGreaterThanOrEqual(3 * TESTS_PER_WORKER);
    expect(readFileSync(logFile, "utf8")).not.toContain("refresh.reuse_detected");
  } finally {
    await stop();
  }
});
