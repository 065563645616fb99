import { beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/auth/token/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { formRequest, jsonRequest } from "./helpers/http";
import { loginOf, tokenParts } from "./helpers/logins";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

const COOKIE = refreshCookieName({ secure: false });
let db: Db;

beforeAll(async () => {
  ({ db } = await startTestServer({}, { keepSeedHash: true }));
});

describe("the seed post's workflow through the real route handlers", () => {
  it("logs in with the seed's bcrypt hash, refreshes twice, logs out", async () => {
    const browser = new Browser();
    const login = await browser.login("johndoe", "secret");
    expect(login.status).toBe(200);
    const body = await login.json();
    expect(body).toMatchObject({ token_type: "bearer", token_expiry: 300 });
    expect(body.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThan(295);
    const first = browser.jar.get(COOKIE)!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{92}$/);

    const identity = await me(body.access_token);
    expect(await identity.json()).toEqual({ id: expect.any(Number), username: "johndoe", fullName: "John Doe", email: "johndoe@example.com", role: "admin", totpEnabled: false, recoveryCodesLeft: 0, passkeyCount: 0 });

    const r1 = await browser.refresh();
    expect(r1.status).toBe(200);
    const second = browser.jar.get(COOKIE)!;
    expect(second).not.toBe(first);
    const r2 = await browser.refresh();
    expect(r2.status).toBe(200);
    expect(browser.jar.get(COOKIE)).not.toBe(second);
    expect((await me(await accessTokenOf(r2))).status).toBe(200);

    const out = await browser.logout();
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(browser.jar.get(COOKIE)).toBeUndefined();

    browser.jar.set(COOKIE, second);
    expect((await browser.refresh()).status).toBe(401);
    const row = await loginOf(db, first);
    expect(row).toMatchObject({ generation: 2, revokedReason: "logout" });
    expect(await db.login.count({ where: { id: row.id } })).toBe(1);
    const events = await db.auditEvent.findMany({ where: { familyId: row.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["login.ok", "logout"]);
  });

  it("accepts FastAPI's form-encoded password grant", async () => {
    const response = await tokenRoute.POST(
      formRequest("/api/auth/token", { grant_type: "password", username: "janedoe", password: "secret" }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).access_token).toBeTruthy();
  });

  it("compares usernames after NFKC and lower-casing", async () => {
    expect((await new Browser().login("ＪｏｈｎＤｏｅ", "secret")).status).toBe(200);
  });

  it("sets the refresh cookie HttpOnly, SameSite=Strict, Path=/api/auth, Max-Age in seconds", async () => {
    const response = await new Browser().login("johndoe", "secret");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth(;|$)/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${7 * 24 * 3600}(;|$)`));
    expect(cookie).not.toMatch(/Secure/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a wrong password and an unknown user identically", async () => {
    const wrong = await new Browser().login("johndoe", "not-the-password");
    const unknown = await new Browser().login("nobody-here", "secret");
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(await (await new Browser().login("johndoe", "x")).json()).toEqual({
      detail: "Incorrect username or password",
      code: "INVALID_CREDENTIALS",
    });
  });

  it("refuses a disabled user with the right password as an account error", async () => {
    await db.user.update({ where: { username: "janedoe" }, data: { disabled: true } });
    try {
      const response = await new Browser().login("janedoe", "secret");
      expect(response.status).toBe(401);
      expect((await response.json()).detail).toBe("User account error.");
    } finally {
      await db.user.update({ where: { username: "janedoe" }, data: { disabled: false } });
    }
  });

  it("starts a new family on every login and revokes the one whose cookie came along", async () => {
    const browser = new Browser();
    await browser.login("johndoe", "secret");
    const old = browser.jar.get(COOKIE)!;
    await browser.login("johndoe", "secret");
    const fresh = await loginOf(db, browser.jar.get(COOKIE)!);
    expect(fresh.id).not.toBe(tokenParts(old).loginId);
    expect(fresh.revokedAt).toBeNull();
    expect((await loginOf(db, old)).revokedReason).toBe("replaced_by_login");
  });

  it("ends the login's access tokens the moment it is signed out, not when they expire", async () => {
    const browser = new Browser();
    const token = await accessTokenOf(await browser.login("janedoe", "secret"));
    const other = await accessTokenOf(await new Browser().login("janedoe", "secret"));
    expect((await me(token)).status).toBe(200);
    await browser.logout();
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe("Bearer");
    expect((await me(other)).status).toBe(200);
  });

  it("logs out with 204 even without a cookie", async () => {
    const response = await new Browser().logout();
    expect(response.status).toBe(204);
  });

  it("refuses refresh without a cookie, with a garbage cookie, and with an unknown token", async () => {
    const browser = new Browser();
    for (const value of [undefined, "garbage", "A".repeat(43)]) {
      if (value) browser.jar.set(COOKIE, value);
      const response = await browser.refresh();
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" });
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("rejects bad login bodies with 4xx JSON, never 500", async () => {
    const cases: Request[] = [
      jsonRequest("/api/auth/token", { username: "johndoe" }),
      new Request("http://localhost/api/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" }),
      new Request("http://localhost/api/auth/token", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
      jsonRequest("/api/auth/token", ["johndoe", "secret"]),
    ];
    const statuses = [];
    for (const request of cases) {
      const response = await tokenRoute.POST(request);
      statuses.push(response.status);
      expect((await response.json()).detail).toEqual(expect.any(String));
    }
    expect(statuses).toEqual([422, 422, 415, 422]);
  });

  it("refuses /me without a valid bearer token", async () => {
    for (const token of [null, "not.a.jwt", "a.b.c"]) {
      const response = await me(token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });
});
