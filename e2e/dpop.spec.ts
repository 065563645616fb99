import type { Page, Response } from "@playwright/test";
import { expect, idle, lifetimeMs, openHome, signInHome, type Tab, tab, test } from "./fixtures";
import type { ApiCall } from "./support/api-traffic";
import { db, loginRow } from "./support/db";
import { indexedDbContents, readProof, storedKey } from "./support/device-key";
import { auditSince } from "./support/login-audit";
import { refreshCookieOf } from "./support/refresh-cookie";
import { settings } from "./support/settings";

/**
 * Device-bound logins (issue 27, docs/dpop.md): a sign-in through the form binds the login to a
 * key the page keeps in IndexedDB, and every refresh proves it. The Gatehouse fixture's logins
 * are signed in through the API, unbound, so each test here signs in through the form as the
 * worker's own user.
 */

const REFRESH_URL = `${settings.baseURL}/api/auth/refresh-token`;
const KEY_LOST = "this browser no longer holds the key";

const isTokenAnswer = (r: Response) => new URL(r.url()).pathname === "/api/auth/token" && r.request().method() === "POST";

/** Signs in through the form and returns the login's `dpop_jkt` with the proof the sign-in carried. */
async function signInBound(t: Tab, user: { username: string; password: string }) {
  const answered = t.page.waitForResponse(isTokenAnswer);
  await signInHome(t, user);
  const answer = await answered;
  expect(answer.status()).toBe(200);
  const { dpop_jkt: jkt } = (await answer.json()) as { dpop_jkt?: string };
  const sent = await answer.request().headerValue("dpop");
  expect(sent, "the sign-in carried a DPoP proof").not.toBeNull();
  return { jkt: jkt!, proof: await readProof(sent!) };
}

/** Every refresh since `since` answered 200 and proved the key `jkt`, each with a jti of its own. */
async function expectProven(refreshes: ApiCall[], jkt: string) {
  expect(refreshes.map((r) => r.status)).toEqual(refreshes.map(() => 200));
  const proofs = await Promise.all(refreshes.map((r) => (r.dpop ? readProof(r.dpop) : null)));
  expect(proofs.filter((p) => p === null), "refreshes without a proof").toEqual([]);
  for (const proof of proofs) {
    expect(proof!.header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(proof!.claims).toMatchObject({ htm: "POST", htu: REFRESH_URL });
    expect(proof!.jkt).toBe(jkt);
  }
  expect(new Set(proofs.map((p) => p!.claims.jti)).size).toBe(proofs.length);
}

/** Holds the page's refreshes at the browser until released, so the cookie it has stays the login's current one. */
async function holdRefreshes(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  await page.context().route("**/api/auth/refresh-token", async (route) => {
    held();
    await released;
    // A request the page gave up on while held has nothing left to continue.
    await route.fallback().catch(() => undefined);
  });
  // The refresh lock lets one refresh out at a time: once one is held, the last one's cookie is set.
  await holding;
  return async () => {
    release();
    await page.context().unroute("**/api/auth/refresh-token");
  };
}

test("a form sign-in binds the login to the page's key, and every refresh proves it across several lifetimes and a reload @phone", async ({ first, workerUser, traffic }) => {
  const { page } = first;
  const { jkt, proof } = await signInBound(first, workerUser);
  expect(proof.header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
  expect(Object.keys(proof.header.jwk!).sort()).toEqual(["crv", "kty", "x", "y"]);
  expect(proof.claims).toMatchObject({ htm: "POST", htu: `${settings.baseURL}/api/auth/token` });
  expect(jkt).toBe(proof.jkt);
  expect((await storedKey(page))?.jkt).toBe(jkt);

  const since = Date.now();
  await idle(page, 3 * lifetimeMs);
  await page.reload();
  await expect(first.shell.accountButton).toBeVisible();
  // The key outlived the reload: the same one signs the refreshes after it.
  expect((await storedKey(page))?.jkt).toBe(jkt);
  await idle(page, 1.5 * lifetimeMs);
  await expect(first.shell.accountButton).toBeVisible();

  const refreshes = await traffic.refreshes(since);
  expect(refreshes.length).toBeGreaterThanOrEqual(4);
  await expectProven(refreshes, jkt);
  expect(first.loginWatch.seenSince(since)).toEqual([]);

  // IndexedDB holds the key pair and nothing else: no access token, whole or in part.
  const stored = await indexedDbContents(page);
  expect(stored).toEqual({ "gatehouse-device-key": { "keys/current": { privateKey: "CryptoKey", publicKey: "CryptoKey" } } });
  const tokens = await traffic.issuedTokens();
  expect(tokens.length).toBeGreaterThanOrEqual(4);
  for (const token of tokens) expect(JSON.stringify(stored)).not.toContain(token.split(".")[2]);
});

test("two tabs share one key and one refresh per lifetime", async ({ first, workerUser, traffic }) => {
  const { page } = first;
  const { jkt } = await signInBound(first, workerUser);
  const second = await tab(await page.context().newPage());
  await openHome(second);
  expect((await storedKey(second.page))?.jkt).toBe(jkt);
  const start = refreshCookieOf(await page.context().cookies());
  const startedAt = new Date();

  const since = Date.now();
  await idle(page, 4 * lifetimeMs);
  const elapsed = Date.now() - since;
  await expect(first.shell.accountButton).toBeVisible();
  await expect(second.shell.accountButton).toBeVisible();

  const refreshes = await traffic.refreshes(since);
  expect(refreshes.length).toBeGreaterThanOrEqual(3);
  // At 80% of a lifetime; two tabs refreshing each on their own would double this.
  expect(refreshes.length).toBeLessThanOrEqual(Math.ceil(elapsed / (0.8 * lifetimeMs)) + 1);
  await expectProven(refreshes, jkt);
  // No tab presented a cookie another had already rotated: no replay, no login ended.
  const login = await loginRow(start.loginId);
  expect(login.revokedAt).toBeNull();
  expect((await auditSince(db(), startedAt)).filter((e) => e.familyId === start.loginId && e.type === "refresh.grace_replay")).toEqual([]);
  expect(second.loginWatch.seenSince(0)).toEqual([]);
  expect(second.errors).toEqual([]);
});

test("the refresh cookie copied out of the browser continues nothing elsewhere, and the login carries on where the key is @phone", async ({ first, workerUser, browser, playwright, traffic }) => {
  const { page } = first;
  await signInBound(first, workerUser);
  const release = await holdRefreshes(page);
  const cookies = (await page.context().cookies()).filter((c) => c.name.endsWith("gatehouse_refresh"));
  const stolen = refreshCookieOf(cookies);

  // A plain HTTP client with the cookie alone.
  const client = await playwright.request.newContext({ baseURL: settings.baseURL });
  const plain = await client.post("/api/auth/refresh-token", { headers: { cookie: `${cookies[0]!.name}=${stolen.value}` } });
  expect(plain.status()).toBe(401);
  expect(await plain.json()).toMatchObject({ code: "DPOP_REQUIRED" });
  // The login is kept, and with it the cookie: nothing tells the holder to drop it.
  expect(plain.headers()["set-cookie"]).toBeUndefined();
  await client.dispose();

  // Another browser given the cookie: the dashboard cannot continue the session.
  const elsewhere = await browser.newContext({ baseURL: settings.baseURL });
  try {
    await elsewhere.addCookies(cookies);
    const thief = await tab(await elsewhere.newPage());
    const refused = thief.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/refresh-token");
    await thief.page.goto("/admin#/");
    expect((await refused).status()).toBe(401);
    await expect(thief.login.form).toBeVisible();
    await expect(thief.login.sessionEnded).toContainText(KEY_LOST);
    expect(thief.errors).toEqual([]);
  } finally {
    await elsewhere.close();
  }
  expect((await loginRow(stolen.loginId)).revokedAt).toBeNull();

  // The page that holds the key carries on with the same login.
  const since = Date.now();
  await release();
  await expect.poll(async () => (await traffic.refreshes(since)).filter((r) => r.status === 200).length, { timeout: 3 * lifetimeMs }).toBeGreaterThanOrEqual(2);
  await expect(first.shell.accountButton).toBeVisible();
  expect(first.loginWatch.seenSince(since)).toEqual([]);
  const now = refreshCookieOf(await page.context().cookies());
  expect(now.loginId).toBe(stolen.loginId);
  expect(now.generation).toBeGreaterThan(stolen.generation);
});

test("the page cannot export the private key it signs with", async ({ first, workerUser }) => {
  const { jkt } = await signInBound(first, workerUser);
  const key = await storedKey(first.page);
  expect(key).toEqual({ jkt, privateExtractable: false, exportRefusals: { jwk: "InvalidAccessError", pkcs8: "InvalidAccessError" } });
});

test("signing out deletes the key, and the next sign-in makes a new one @phone", async ({ first, workerUser, traffic }) => {
  const { page } = first;
  const before = await signInBound(first, workerUser);
  await first.shell.signOut();
  await expect(first.login.form).toBeVisible();
  await expect.poll(() => storedKey(page)).toBeNull();

  const after = await signInBound(first, workerUser);
  expect(after.jkt).not.toBe(before.jkt);
  expect((await storedKey(page))?.jkt).toBe(after.jkt);
  const since = Date.now();
  await expect.poll(async () => (await traffic.refreshes(since)).length, { timeout: 2 * lifetimeMs }).toBeGreaterThanOrEqual(1);
  await expectProven(await traffic.refreshes(since), after.jkt);
});
