import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { api, logoutScope, signIn } from "./helpers/admin-routes";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { BASE, jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const COOKIE = refreshCookieName({ secure: false });
const GRACE_SECONDS = 10;
const SLIDING_SECONDS = 600;
const CAP_SECONDS = 3600;
const INVALID = { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" };
let db: Db;

beforeAll(async () => {
  ({ db } = await startTestServer({
    REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS),
    REFRESH_TOKEN_TTL_SECONDS: String(SLIDING_SECONDS),
    SESSION_MAX_AGE_SECONDS: String(CAP_SECONDS),
  }));
});
afterEach(restoreClock);

/** A refresh with this cookie from a browser of its own, so the caller's jar keeps its copy. */
function refreshWith(cookie: string | null, headers: Record<string, string> = {}) {
  const browser = new Browser();
  if (cookie) browser.jar.set(COOKIE, cookie);
  return browser.send(refreshRoute.POST, new Request(BASE + "/api/auth/refresh-token", { method: "POST", headers }));
}

async function expectRefused(response: Response, reason: string | undefined) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe("Bearer");
  expect(await response.json()).toEqual(reason ? { ...INVALID, reason } : INVALID);
}

async function login(prefix = "ending") {
  const user = await createUser(db, { prefix });
  const { browser, token } = await signIn(user.username);
  return { user, browser, token, cookie: () => browser.jar.get(COOKIE)! };
}

describe("session_expires_at: the login's absolute cap in every token answer", () => {
  it("is the sign-in time plus SESSION_MAX_AGE_SECONDS and does not move with refreshes", async () => {
    const start = new Date("2026-03-01T10:00:00Z");
    setClock(start);
    const user = await createUser(db, { prefix: "cap" });
    const browser = new Browser();
    const signedIn = await (await browser.login(user.username, "secret")).json();
    const cap = start.getTime() / 1000 + CAP_SECONDS;
    expect(signedIn).toEqual({ access_token: expect.any(String), token_type: "bearer", token_expiry: 300, expires_at: start.getTime() / 1000 + 300, session_expires_at: cap, unread_notifications: 0 });

    advanceClock(120);
    const refreshed = await (await browser.refresh()).json();
    expect(refreshed).toEqual({ access_token: expect.any(String), token_type: "bearer", token_expiry: 300, expires_at: start.getTime() / 1000 + 420, session_expires_at: cap, unread_notifications: 0 });
  });
});

describe("reason: why the login behind a refused refresh cookie ended", () => {
  it("says nothing more than the contract for a missing, malformed or unknown cookie", async () => {
    await expectRefused(await refreshWith(null), undefined);
    await expectRefused(await refreshWith("not-a-token"), undefined);
    await expectRefused(await refreshWith("A".repeat(43)), undefined);
  });

  it("says signed_out after a sign-out, to a copy of the cookie", async () => {
    const { browser, cookie } = await login();
    const copy = cookie();
    expect((await browser.logout()).status).toBe(204);
    await expectRefused(await refreshWith(copy), "signed_out");
  });

  it("says signed_out_elsewhere when another device signed this one out", async () => {
    const { user, cookie } = await login();
    const other = await signIn(user.username);
    expect((await logoutScope(other.browser, "others")).status).toBe(204);
    await expectRefused(await refreshWith(cookie()), "signed_out_elsewhere");
  });

  it("says revoked_by_admin when an admin ended the login or signed the user out everywhere", async () => {
    const admin = await signIn("johndoe");
    const one = await login();
    const row = await db.login.findFirstOrThrow({ where: { userId: one.user.id } });
    expect((await api.endSession(admin.token, row.id)).status).toBe(200);
    await expectRefused(await refreshWith(one.cookie()), "revoked_by_admin");

    const two = await login();
    expect((await api.signOutUser(admin.token, two.user.id)).status).toBe(200);
    await expectRefused(await refreshWith(two.cookie()), "revoked_by_admin");
  });

  it("says password_changed after a change on another device, password_reset after an admin's reset", async () => {
    const changed = await login();
    const elsewhere = await signIn(changed.user.username);
    const body = { current_password: "secret", new_password: "a new and better passphrase" };
    const response = await passwordRoute.POST(jsonRequest("/api/auth/password", body, { headers: { authorization: `Bearer ${elsewhere.token}` } }));
    expect(response.status).toBe(204);
    await expectRefused(await refreshWith(changed.cookie()), "password_changed");

    const reset = await login();
    const admin = await signIn("johndoe");
    expect((await api.updateUser(admin.token, reset.user.id, { password: "another fine passphrase" })).status).toBe(200);
    await expectRefused(await refreshWith(reset.cookie()), "password_reset");
  });

  it("keeps User account error. for a disabled user, then says account_disabled to the next copy", async () => {
    const { user, cookie } = await login();
    const copy = cookie();
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    const first = await refreshWith(copy);
    expect(first.status).toBe(401);
    expect(await first.json()).toEqual({ detail: "User account error.", code: "ACCOUNT_ERROR" });
    await expectRefused(await refreshWith(copy), "account_disabled");
  });

  it("says session_limit once the absolute cap has passed, and idle after the sliding lifetime", async () => {
    setClock(new Date());
    const kept = await login();
    // Kept alive by refreshes well inside the sliding lifetime, until the cap passes.
    for (let i = 0; i < 6; i++) {
      advanceClock(SLIDING_SECONDS - 60);
      expect((await kept.browser.refresh()).status).toBe(200);
    }
    advanceClock(400);
    const copy = kept.cookie();
    await expectRefused(await refreshWith(copy), "session_limit");
    // Told again to a second copy: the ending is recorded, not only computed.
    await expectRefused(await refreshWith(copy), "session_limit");

    const idle = await login();
    advanceClock(SLIDING_SECONDS + 1);
    await expectRefused(await refreshWith(idle.cookie()), "idle");
  });

  it("tells a detected reuse only the neutral ended, and an old stolen copy nothing at all", async () => {
    setClock(new Date());
    const victim = await login();
    const stolen = victim.cookie();
    expect((await victim.browser.refresh()).status).toBe(200);
    expect((await victim.browser.refresh()).status).toBe(200);
    advanceClock(GRACE_SECONDS + 1);
    // The thief's replay is the detection: its copy learns nothing.
    await expectRefused(await refreshWith(stolen), undefined);
    await expectRefused(await refreshWith(stolen), undefined);
    await expectRefused(await victim.browser.refresh(), "ended");
  });

  it("tells a tab that lost a rotation race inside the grace window the reason, like its sibling", async () => {
    setClock(new Date());
    const { user, browser, cookie } = await login();
    const before = cookie();
    expect((await browser.refresh()).status).toBe(200);
    const admin = await signIn("johndoe");
    expect((await api.signOutUser(admin.token, user.id)).status).toBe(200);
    await expectRefused(await refreshWith(before), "revoked_by_admin");
    await expectRefused(await refreshWith(cookie()), "revoked_by_admin");
  });
});

describe("the dashboard's session probe", () => {
  it("answers 204 without a cookie only when the caller opts in; plain calls keep the contract 401", async () => {
    await expectRefused(await refreshWith(null), undefined);
    const probed = await refreshWith(null, { "x-session-probe": "1" });
    expect(probed.status).toBe(204);
    expect(await probed.text()).toBe("");
    expect(probed.headers.get("set-cookie")).toBeNull();
    expect(probed.headers.get("cache-control")).toBe("no-store");
    await expectRefused(await refreshWith(null, { "x-session-probe": "yes" }), undefined);
  });

  it("changes nothing for a probe that carries a cookie, and is still refused cross-site", async () => {
    await expectRefused(await refreshWith("A".repeat(43), { "x-session-probe": "1" }), undefined);
    const { browser, cookie } = await login();
    const copy = cookie();
    expect((await browser.logout()).status).toBe(204);
    await expectRefused(await refreshWith(copy, { "x-session-probe": "1" }), "signed_out");
    const live = await login();
    const refreshed = await refreshWith(live.cookie(), { "x-session-probe": "1" });
    expect(refreshed.status).toBe(200);
    expect(await accessTokenOf(refreshed)).toBeTruthy();

    const crossSite = await refreshWith(null, { "x-session-probe": "1", origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).code).toBe("CROSS_ORIGIN_REFUSED");
  });
});
