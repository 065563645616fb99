import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LoginPage } from "./pages/LoginPage";
import { ownServer } from "./support/own-server";
import { refreshCookieOf } from "./support/refresh-cookie";
import { settings } from "./support/settings";

/**
 * What the pattern Playwright's docs recommend does to a Gatehouse login, pinned: a setup
 * project signs in once and saves storageState, and every test loads that file. The first
 * test's page rotates the refresh token; a test that loads the file once the lost-answer
 * window has passed presents a token already moved past, which is reuse. On a server of its
 * own with a 3-second window (and hour-long access tokens, so no test refreshes on its own).
 */
const LOST_ANSWER_SECONDS = 3;
const PLAIN_401 = { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" };
const ENDED = "Your session has ended. Please sign in again.";

test("a saved storageState reused past the lost-answer window ends the login: the plain 401, the login page says the session ended, the log says why", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const { origin, db, logFile, dir, stop } = await ownServer("naive-storage-state", settings.port + 7, {
    ACCESS_TOKEN_TTL_SECONDS: "3600",
    REFRESH_REUSE_GRACE_SECONDS: "1",
    REFRESH_LOST_ANSWER_SECONDS: String(LOST_ANSWER_SECONDS),
    LOG_LEVEL: "info",
  });
  try {
    const stateFile = path.join(dir, "admin.json");

    // The setup project: sign in once, save the state every test will load.
    const setup = await playwright.request.newContext({ baseURL: origin });
    expect((await setup.post("/api/auth/token", { data: { username: "johndoe", password: "secret" } })).status()).toBe(200);
    await setup.storageState({ path: stateFile });
    await setup.dispose();
    const saved = refreshCookieOf((JSON.parse(readFileSync(stateFile, "utf8")) as { cookies: Parameters<typeof refreshCookieOf>[0] }).cookies);

    // The first test: its page's first refresh rotates the login past the saved token.
    const firstTest = await browser.newContext({ storageState: stateFile, baseURL: origin });
    const firstPage = await firstTest.newPage();
    await firstPage.goto("/admin#/");
    await expect(firstPage.getByRole("button", { name: "Account" })).toBeVisible();
    const rotated = await db.login.findUniqueOrThrow({ where: { id: saved.loginId } });
    expect(rotated.generation).toBe(1);
    const current = refreshCookieOf(await firstTest.cookies());

    // A later test starts after the lost-answer window and loads the same file.
    const windowEnds = rotated.rotatedAt!.getTime() + (LOST_ANSWER_SECONDS + 1) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnds - Date.now())));
    const laterTest = await browser.newContext({ storageState: stateFile, baseURL: origin });
    const page = await laterTest.newPage();
    const refused = page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token"));
    await page.goto("/admin#/");
    const answer = await refused;
    expect(answer.status()).toBe(401);
    expect(await answer.json()).toEqual(PLAIN_401);
    const login = new LoginPage(page);
    await expect(login.form).toBeVisible();
    await expect(login.sessionEnded).toContainText(ENDED);
    await expect(login.sessionEnded).not.toContainText(/theft|stolen|reuse|compromis|suspicious/i);

    // The login ended for every holder: the first test's page too, on its next load.
    const firstRefused = firstPage.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token"));
    await firstPage.reload();
    expect((await firstRefused).status()).toBe(401);
    await expect(new LoginPage(firstPage).sessionEnded).toContainText(ENDED);
    await expect(new LoginPage(firstPage).sessionEnded).not.toContainText(/theft|stolen|reuse|compromis|suspicious/i);

    // Why, for whoever maintains the suite: the audit row and one greppable log line, no token in it.
    expect((await db.login.findUniqueOrThrow({ where: { id: saved.loginId } })).revokedReason).toBe("reuse_detected");
    const events = await db.auditEvent.findMany({ where: { familyId: saved.loginId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["login.ok", "refresh.reuse_detected"]);
    expect(JSON.parse(events[1]!.detail!)).toMatchObject({ generationsBehind: 1 });
    const log = readFileSync(logFile, "utf8");
    const lines = log.split("\n").filter((line) => line.includes("refresh.reuse_detected"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, event: "refresh.reuse_detected", familyId: saved.loginId, generationsBehind: 1 });
    for (const token of [saved.value, current.value]) expect(log).not.toContain(token);
    await firstTest.close();
    await laterTest.close();
  } finally {
    await stop();
  }
});
