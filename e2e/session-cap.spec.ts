import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Tab, test, users } from "./fixtures";
import { ReauthDialog } from "./pages/ReauthDialog";
import { preparedDatabase, startOn } from "./support/faults";
import { productionEnv, stopServer } from "./support/server";
import { settings } from "./support/settings";

/**
 * The absolute cap (SESSION_MAX_AGE_SECONDS) on a server of its own, set short: the warning
 * comes 5 minutes before it, and a login cannot outlive it.
 */
test.describe.configure({ mode: "serial" });

const port = settings.port + 3;
const base = `http://localhost:${port}`;
const WARNING = "you have been signed in for the longest time allowed";

async function capServer(capSeconds: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-cap-"));
  const file = path.join(dir, "cap.db");
  const env = productionEnv(base, {
    ACCESS_TOKEN_TTL_SECONDS: String(settings.accessTtlSeconds),
    REFRESH_TOKEN_TTL_SECONDS: String(capSeconds),
    SESSION_MAX_AGE_SECONDS: String(capSeconds),
  });
  preparedDatabase(file, env);
  const server = await startOn(file, env, port);
  return async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Signs in on the cap server; the session's cap as the token answer gave it. */
async function signInThere(t: Tab): Promise<number> {
  await t.page.goto(`${base}/admin#/login`);
  const answer = t.page.waitForResponse((r) => r.url().endsWith("/api/auth/token"));
  await t.login.signIn(users.user.username, users.user.password);
  await expect(t.page).toHaveURL(/#\/$/);
  return ((await (await answer).json()) as { session_expires_at: number }).session_expires_at;
}

test.describe("five minutes before the cap", () => {
  const CAP_SECONDS = 300 + 20;
  let stop: () => Promise<void>;
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    stop = await capServer(CAP_SECONDS);
  });
  test.afterAll(async () => stop?.());

  test("the warning comes five minutes before the cap, and Stay signed in starts a new login through sign-in", async ({ first }) => {
    const warning = first.page.getByTestId("session-cap-warning");
    const dialog = new ReauthDialog(first.page);
    const signedInAt = Date.now();
    const firstCap = await signInThere(first);
    expect(firstCap - Math.floor(signedInAt / 1000)).toBeGreaterThanOrEqual(CAP_SECONDS - 2);
    await expect(warning).toHaveCount(0);

    await expect(warning).toBeVisible({ timeout: 40_000 });
    expect(Date.now() - signedInAt).toBeGreaterThanOrEqual((CAP_SECONDS - 300 - 3) * 1000);
    await expect(warning).toContainText(WARNING);

    await warning.getByRole("button", { name: "Stay signed in" }).click();
    await expect(dialog.dialog).toContainText("Stay signed in");
    const answer = first.page.waitForResponse((r) => r.url().endsWith("/api/auth/token"));
    await dialog.signIn(users.user.password);
    const renewed = (await (await answer).json()) as { session_expires_at: number };
    await dialog.expectClosed();
    await expect(warning).toHaveCount(0);
    expect(renewed.session_expires_at).toBeGreaterThan(firstCap);
    await expect(first.page).toHaveURL(/#\/$/);
  });
});

test.describe("at the cap", () => {
  const CAP_SECONDS = 20;
  let stop: () => Promise<void>;
  test.beforeAll(async ({}, testInfo) => {
    testInfo.setTimeout(180_000);
    stop = await capServer(CAP_SECONDS);
  });
  test.afterAll(async () => stop?.());

  test("the session ends with the session-limit message over the page, and signing in again carries on", async ({ first }) => {
    const dialog = new ReauthDialog(first.page);
    await signInThere(first);
    // Less than five minutes are left from the start.
    await expect(first.page.getByTestId("session-cap-warning")).toBeVisible();
    await first.page.getByRole("menuitem", { name: "Your devices", exact: true }).click();
    await expect(first.page).toHaveURL(/#\/devices/);

    await expect(dialog.reason).toHaveText("You have been signed in for the longest time allowed. Sign in again to carry on.", {
      timeout: (CAP_SECONDS + 15) * 1000,
    });
    await expect(dialog.reason).not.toContainText("refresh token");
    await dialog.signIn(users.user.password);
    await dialog.expectClosed();
    await expect(first.page).toHaveURL(/#\/devices/);
  });
});
