import { randomBytes } from "node:crypto";
import { expect, idle, lifetimeMs, openHome, test, users } from "./fixtures";
import { holdLogin } from "./gatehouse-fixture/handover";
import { SharedLogin } from "./gatehouse-fixture/shared-login";
import { answerHoldingProxy } from "./support/answer-holding-proxy";
import { runChild, failuresOf } from "./support/child-run";
import { createInvoicesFor, db, loginRow } from "./support/db";
import { auditSince, loginsById, signInsSince } from "./support/login-audit";
import { refreshCookieOf } from "./support/refresh-cookie";
import { settings } from "./support/settings";

/**
 * The Gatehouse fixture (e2e/gatehouse-fixture): one login per worker and account, signed in
 * through the API and handed from test to test. These tests run in order and look at the
 * login each one left behind; the last runs a worker of its own to see what it leaves at the end.
 */
test.describe.configure({ mode: "serial" });

const startedAt = new Date();
let adminLogin: { loginId: string; generation: number };
let signedOut: string;

test("a test's page starts signed in on the worker's admin login, and the browser never calls the sign-in endpoint", async ({ admin }) => {
  adminLogin = refreshCookieOf(await admin.page.context().cookies());
  await openHome(admin);
  await admin.shell.expectSignedInAs(users.admin.fullName, users.admin.username);
  await idle(admin.page, lifetimeMs * 1.25);
  await admin.shell.openFromMenu("Invoices");
  await admin.invoices.expectLoaded();

  expect(admin.loginWatch.seenSince(0)).toEqual([]);
  const refreshes = await admin.traffic.refreshes();
  expect(refreshes.length).toBeGreaterThanOrEqual(2);
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  expect((await admin.traffic.calls()).filter((c) => c.path === "/api/auth/token")).toEqual([]);
  await admin.page.evaluate(() => localStorage.setItem("left-by-the-first-test", "1"));
});

test("the next test continues that login from the cookie the last test's browser ended with", async ({ admin }) => {
  const now = refreshCookieOf(await admin.page.context().cookies());
  expect(now.loginId).toBe(adminLogin.loginId);
  // The last browser's refreshes (at least two), then the fixture's one check of the login.
  expect(now.generation).toBeGreaterThanOrEqual(adminLogin.generation + 3);
  const row = await loginRow(now.loginId);
  expect(row.revokedAt).toBeNull();
  expect(row.generation).toBe(now.generation);
  // Only the cookies carry over, never what the last test left in the page's storage.
  expect((await admin.page.context().storageState()).origins).toEqual([]);
  // Nobody presented a token twice: no replay inside a window, and no reuse.
  const events = (await auditSince(db(), startedAt)).filter((e) => e.familyId === now.loginId);
  expect(events.filter((e) => e.type.startsWith("refresh."))).toEqual([]);

  await openHome(admin);
  await admin.shell.expectSignedInAs(users.admin.fullName, users.admin.username);
});

test("asUser is the plain user, on a login of its own", async ({ user }) => {
  expect(refreshCookieOf(await user.page.context().cookies()).loginId).not.toBe(adminLogin.loginId);
  await openHome(user);
  await user.shell.expectSignedInAs(users.user.fullName, users.user.username);
  await expect(user.shell.menuItem("Users")).toHaveCount(0);
});

test("a test may sign out: it ends that login...", async ({ admin }) => {
  signedOut = refreshCookieOf(await admin.page.context().cookies()).loginId;
  await openHome(admin);
  await admin.shell.signOut();
  await expect(admin.login.form).toBeVisible();
});

test("...and the next test is signed in again, on a new login, and says so in its annotations", async ({ admin }) => {
  expect((await loginRow(signedOut)).revokedReason).toBe("logout");
  expect(refreshCookieOf(await admin.page.context().cookies()).loginId).not.toBe(signedOut);
  expect(test.info().annotations).toContainEqual({ type: "gatehouse", description: expect.stringMatching(/had ended.*signed in again/) });
  await openHome(admin);
  await admin.shell.expectSignedInAs(users.admin.fullName, users.admin.username);
});

test.describe("a token call under way as a test ends", () => {
  const proxyPort = settings.port + 8;
  let proxy: Awaited<ReturnType<typeof answerHoldingProxy>>;
  test.beforeAll(async () => {
    proxy = await answerHoldingProxy(proxyPort, "/api/auth/refresh-token");
  });
  test.afterAll(async () => proxy?.close());
  test.use({ proxy: { server: `http://127.0.0.1:${proxyPort}`, bypass: "<-loopback>" } });

  test("is waited for, and the cookie it brings is the one handed on", async ({ browser, playwright }) => {
    const login = new SharedLogin(playwright.request, { baseURL: settings.baseURL, authPath: "/api/auth" }, users.user);
    let loginId = "";
    let ended!: () => void;
    const testEnded = new Promise<void>((resolve) => (ended = resolve));
    const handover = holdLogin(browser, login, test.info(), async (page) => {
      // A page of the app's origin that makes no token calls of its own.
      await page.goto("/api/health");
      const before = refreshCookieOf(await page.context().cookies());
      loginId = before.loginId;
      // The server rotates the login and answers; the answer is held on its way to the browser.
      const serverAnswered = proxy.hold();
      void page.evaluate(() => fetch("/api/auth/refresh-token", { method: "POST" }).catch(() => undefined));
      await serverAnswered;
      expect((await loginRow(loginId)).generation).toBe(before.generation + 1);
      ended();
    });
    await Promise.race([testEnded, handover]);
    setTimeout(() => proxy.release(), 500);
    await handover;
    // Handed the cookie from before that refresh, the next holder would replay a rotated token.
    const next = refreshCookieOf((await login.take()).cookies);
    expect(next.loginId).toBe(loginId);
    expect((await loginRow(loginId)).generation).toBe(next.generation);
    expect((await auditSince(db(), startedAt)).filter((e) => e.familyId === loginId).map((e) => e.type)).toEqual(["login.ok"]);
    expect(test.info().annotations.filter((a) => a.type === "gatehouse")).toEqual([]);
    await login.signOut();
  });
});

test("a per-worker user is created through the admin API, with a page signed in as them", async ({ workerUser, asWorkerUser }) => {
  expect(workerUser.username).toMatch(/^e2e-worker-\d+-[0-9a-f]{8}$/);
  const stored = await db().user.findUniqueOrThrow({ where: { id: workerUser.id }, select: { username: true, role: true, disabled: true } });
  expect(stored).toEqual({ username: workerUser.username, role: "user", disabled: false });
  await asWorkerUser.goto("/admin#/");
  await expect(asWorkerUser.getByRole("button", { name: "Account" })).toHaveAccessibleName(new RegExp(`^${workerUser.fullName}\\b`));
});

test("a user who still owns records is not deleted, and the error a worker's teardown would raise says why", async ({ adminApi }) => {
  const tag = randomBytes(3).toString("hex");
  const owner = await adminApi.createUser({ username: `owner-${tag}`, password: randomBytes(18).toString("base64url"), fullName: "Owner", role: "user" });
  await createInvoicesFor(owner.username, [`OWNED-${tag}`]);
  await expect(adminApi.deleteUser(owner.id)).rejects.toThrow(/DELETE \/api\/users\/\d+ answered 409: .*owns 1 invoice: reassign or delete them first/);
  await db().invoice.deleteMany({ where: { number: `OWNED-${tag}` } });
  await adminApi.deleteUser(owner.id);
  expect(await db().user.count({ where: { id: owner.id } })).toBe(0);
});

test("when its worker ends, the fixture signs its logins out and deletes its user (a run of its own)", async () => {
  test.setTimeout(180_000);
  const prefix = `lifecycle-${randomBytes(3).toString("hex")}`;
  const since = new Date();
  const run = await runChild("fixture-lifecycle", ["e2e/child-runs/fixture-lifecycle.run.ts"], {
    baseURL: settings.baseURL,
    workers: 1,
    outputDir: settings.outputDir,
    env: { LIFECYCLE_PREFIX: prefix },
  });
  expect(failuresOf(run), run.output.slice(-2000)).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.tests.map((t) => t.status)).toEqual(["expected", "expected"]);
  // One worker user for both tests, and no test needed a new sign-in.
  const annotations = run.tests.flatMap((t) => t.results.flatMap((r) => r.annotations));
  const [username, ...others] = new Set(annotations.filter((a) => a.type === "worker-user").map((a) => a.description));
  expect(username).toMatch(new RegExp(`^${prefix}-`));
  expect(others).toEqual([]);
  expect(annotations.filter((a) => a.type === "gatehouse")).toEqual([]);

  expect(await db().user.count({ where: { username: { startsWith: prefix } } })).toBe(0);
  const events = await auditSince(db(), since);
  expect(events.filter((e) => e.username === username).map((e) => e.type)).toEqual(expect.arrayContaining(["user.created", "login.ok", "user.deleted"]));
  // The admin's login for the pages, the admin API's own, the worker user's: each signed in once and out at the end.
  const signIns = await signInsSince(db(), since);
  expect(signIns.map((e) => e.username).sort()).toEqual([users.admin.username, users.admin.username, username].sort());
  const logins = await loginsById(db(), signIns.map((e) => e.familyId!));
  expect(logins.map((l) => l.revokedReason)).toEqual(["logout", "logout", "logout"]);
});
