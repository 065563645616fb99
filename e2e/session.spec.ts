import { browse, expect, idle, lifetimeMs, openInvoices, test } from "./fixtures";
import type { ApiTraffic } from "./support/api-traffic";
import { countInvoices, revokeLogin } from "./support/db";
import { ReauthDialog } from "./pages/ReauthDialog";
import { decodeClaims } from "./support/jwt";

/** Every protected call since `since` carried a token the server issued, within its lifetime, and was accepted. */
async function expectEveryCallAuthorised(traffic: ApiTraffic, since: number) {
  const issued = new Set(await traffic.issuedTokens());
  const calls = await traffic.resourceCalls(since);
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    const token = call.authorization?.replace(/^Bearer /, "") ?? "";
    expect(issued.has(token), `${call.method} ${call.path} at ${call.at} sent a token the server issued`).toBe(true);
    // exp counts whole seconds, so allow one second of rounding.
    expect(decodeClaims(token).exp * 1000 + 1000, `${call.method} ${call.path} sent an unexpired token`).toBeGreaterThan(call.at);
    expect(call.status, `${call.method} ${call.path} was accepted`).toBeGreaterThanOrEqual(200);
    expect(call.status).toBeLessThan(300);
  }
}

test("idle and browse for four token lifetimes: never the login page, silent refreshes, every call authorised", async ({ admin }) => {
  const { traffic } = admin;
  await openInvoices(admin);
  const since = Date.now();
  for (let step = 0; Date.now() - since < 4 * lifetimeMs + 1000; step++) {
    await idle(admin.page, lifetimeMs * 0.7);
    await browse(admin, step);
  }

  expect(admin.loginWatch.seenSince(since)).toEqual([]);
  const refreshes = await traffic.refreshes(since);
  expect(refreshes.length).toBeGreaterThanOrEqual(4);
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  await expectEveryCallAuthorised(traffic, since);
});

test("a reload mid-session keeps the user signed in, without the login page in between", async ({ admin }) => {
  const { traffic } = admin;
  await openInvoices(admin);
  await idle(admin.page, lifetimeMs);
  const since = Date.now();
  await admin.page.reload();
  await admin.invoices.expectLoaded();
  await expect(admin.invoices.pagination).toContainText(`of ${await countInvoices()}`);

  expect(admin.loginWatch.seenSince(since)).toEqual([]);
  const calls = (await traffic.calls()).filter((c) => c.at >= since);
  // The cookie brings the session back first; nothing is asked before that.
  expect(calls[0]).toMatchObject({ path: "/api/auth/refresh-token", status: 200 });
  await expectEveryCallAuthorised(traffic, since);
});

test("a refresh that meets a network error and a 503 is retried, and nobody is signed out", async ({ admin }) => {
  const { traffic } = admin;
  const context = admin.page.context();
  await openInvoices(admin);
  const faults = ["network", "503", "network"];
  await context.route("**/api/auth/refresh-token", async (route) => {
    const fault = faults.shift();
    if (fault === "network") await route.abort("internetdisconnected");
    else if (fault === "503") await route.fulfill({ status: 503, json: { detail: "The server is busy. Try again in a moment.", code: "SERVICE_BUSY" } });
    // fallback, not continue: the Gatehouse fixture sees every token call it hands over.
    else await route.fallback();
  });
  const since = Date.now();
  await expect
    .poll(async () => (await traffic.refreshes(since)).filter((r) => r.status === 200).length, { timeout: 4 * lifetimeMs })
    .toBeGreaterThan(0);
  await browse(admin, 1);

  expect(faults).toEqual([]);
  expect(admin.loginWatch.seenSince(since)).toEqual([]);
  await expectEveryCallAuthorised(traffic, since);
});

test("the access token is in no storage a script can read, and the refresh cookie is HttpOnly", async ({ admin }) => {
  const { traffic } = admin;
  const context = admin.page.context();
  await openInvoices(admin);
  await idle(admin.page, lifetimeMs);
  await browse(admin, 0);
  const tokens = await traffic.issuedTokens();
  expect(tokens.length).toBeGreaterThanOrEqual(2);

  const readable = await admin.page.evaluate(async () => {
    const dump = (storage: Storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`);
    const databases = indexedDB.databases ? await indexedDB.databases() : [];
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      cookie: document.cookie,
      indexedDb: databases.map((d) => d.name ?? ""),
    };
  });
  const everything = [...readable.local, ...readable.session, readable.cookie, ...readable.indexedDb].join("\n");
  for (const token of tokens) {
    expect(everything).not.toContain(token);
    // Not even the signature, in case something stored the token split up or re-encoded.
    expect(everything).not.toContain(token.split(".")[2]);
  }
  expect(readable.indexedDb).toEqual([]);
  expect(readable.cookie).not.toContain("gatehouse_refresh");

  const cookies = await context.cookies();
  const refresh = cookies.find((c) => c.name.endsWith("gatehouse_refresh"));
  expect(refresh).toMatchObject({ name: "__Secure-gatehouse_refresh", httpOnly: true, secure: true, sameSite: "Strict", path: "/api/auth" });
});

test("a session revoked on the server is noticed at the next refresh and said plainly, over the page the user was on", async ({ admin }) => {
  const { traffic } = admin;
  await openInvoices(admin);
  // Revoke just after a refresh, so no rotation is under way while the database changes.
  await admin.page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token") && r.status() === 200);
  const [token] = await traffic.issuedTokens();
  const revokedAt = Date.now();
  expect(await revokeLogin(decodeClaims(token!).sid)).toBe(true);

  const dialog = new ReauthDialog(admin.page);
  await expect(dialog.reason).toHaveText("An administrator signed you out.", { timeout: 2 * lifetimeMs + 5_000 });
  await expect(admin.page).toHaveURL(/#\/invoices/);
  await expect(admin.invoices.rows.first()).toBeVisible();
  const refreshes = await traffic.refreshes(revokedAt);
  expect(refreshes.map((r) => r.status)).toEqual([401]);
});
