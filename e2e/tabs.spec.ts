import { browse, expect, idle, lifetimeMs, openInvoices, tab, test } from "./fixtures";
import { db, loginRow } from "./support/db";
import { decodeClaims } from "./support/jwt";
import { auditSince } from "./support/login-audit";
import { refreshCookieOf } from "./support/refresh-cookie";

test("two tabs stay signed in through several lifetimes, sharing one refresh per lifetime", async ({ admin }) => {
  const { traffic } = admin;
  const context = admin.page.context();
  // Where the worker's login stands as the fixture hands it to this test.
  const start = refreshCookieOf(await context.cookies());
  const startedAt = new Date();
  await openInvoices(admin);
  const second = await tab(await context.newPage());
  await second.invoices.goto();
  const since = Date.now();
  const steps = [0, 0];
  for (let turn = 0; Date.now() - since < 5 * lifetimeMs; turn++) {
    await idle(admin.page, lifetimeMs * 0.6);
    const which = turn % 2;
    await browse(which ? second : admin, steps[which]!++);
  }
  const elapsed = Date.now() - since;

  expect(admin.loginWatch.seenSince(0).filter((s) => s.at >= since)).toEqual([]);
  expect(second.loginWatch.seenSince(0)).toEqual([]);
  await expect(admin.invoices.rows.first()).toBeVisible();
  await expect(second.invoices.rows.first()).toBeVisible();

  const refreshes = await traffic.refreshes(since);
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  expect(refreshes.length).toBeGreaterThanOrEqual(4);
  // The schedule refreshes at 80% of a lifetime; tabs refreshing on their own would double
  // this. A ratio of the time that passed, so a slow machine cannot break it.
  expect(refreshes.length).toBeLessThanOrEqual(Math.ceil(elapsed / (0.8 * lifetimeMs)) + 1);
  const resourceCalls = await traffic.resourceCalls(since);
  expect(new Set(resourceCalls.map((c) => c.tab))).toEqual(new Set([0, 1]));
  expect(resourceCalls.filter((c) => c.status !== 200)).toEqual([]);

  const families = new Set((await traffic.issuedTokens()).map((t) => decodeClaims(t).sid));
  expect(families).toEqual(new Set([start.loginId]));
  const login = await loginRow(start.loginId);
  expect(login.revokedAt).toBeNull();
  // No two tabs ever presented the same cookie: the server saw no replay, and each refresh
  // rotated the login once (one generation per refresh since the test began).
  expect((await auditSince(db(), startedAt)).filter((e) => e.familyId === start.loginId && e.type === "refresh.grace_replay")).toEqual([]);
  expect(login.generation - start.generation).toBe((await traffic.refreshes()).filter((r) => r.status === 200).length);
  expect(second.errors).toEqual([]);
});

test("signing out in one tab puts the other on the login page, and its old access token is refused", async ({ admin, request }) => {
  const { traffic } = admin;
  const context = admin.page.context();
  await openInvoices(admin);
  const second = await tab(await context.newPage());
  await second.invoices.goto();
  const [token] = await traffic.issuedTokens();
  const familyId = decodeClaims(token!).sid;

  const lastToken = (await traffic.issuedTokens()).at(-1)!;
  expect((await request.get("/api/invoices", { headers: { authorization: `Bearer ${lastToken}` } })).status()).toBe(200);

  await admin.shell.signOut();
  // The other tab's message (not a failed refresh's) shows it learnt from the sign-out itself.
  await expect(second.login.form).toBeVisible({ timeout: 15_000 });
  const landedAt = Date.now();
  await expect(second.login.sessionEnded).toContainText("You signed out in another tab.");
  await expect(admin.login.form).toBeVisible();
  await expect(admin.login.sessionEnded).toHaveCount(0);
  expect((await loginRow(familyId)).revokedReason).toBe("logout");

  // Within the app the tab has no token left to send...
  await second.page.goto("/admin#/invoices");
  await expect(second.login.form).toBeVisible();
  // ...and after a reload nothing brings the session back: the sign-out cleared the cookie,
  // so the dashboard's probe is told "no session" (204) rather than refused with a 401.
  const refusal = second.page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token"));
  await second.page.reload();
  expect((await refusal).status()).toBe(204);
  await expect(second.login.form).toBeVisible();

  // The access token the tabs held is dead on the server, not merely forgotten.
  const refused = await request.get("/api/invoices", { headers: { authorization: `Bearer ${lastToken}` } });
  expect(refused.status()).toBe(401);
  expect((await request.get("/api/auth/me", { headers: { authorization: `Bearer ${lastToken}` } })).status()).toBe(401);

  const afterwards = (await traffic.calls()).filter((c) => c.tab === 1 && c.at >= landedAt);
  expect(afterwards.length).toBeGreaterThan(0);
  // Nothing the tab asked afterwards was answered with a session or data, only with "no session"
  // or the anonymous challenge the login page's passkey autofill asks for.
  const noSession = (c: (typeof afterwards)[number]) =>
    (c.path === "/api/auth/refresh-token" && c.status === 204) || c.path === "/api/auth/passkey/options";
  expect(afterwards.filter((c) => c.status !== null && c.status < 400 && !noSession(c))).toEqual([]);
  expect(second.errors).toEqual([]);
});
