import { beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { api, logoutScope } from "./helpers/admin-routes";
import { type DeviceKey, deviceKey, dpop } from "./helpers/dpop";
import { sidOf } from "./helpers/logins";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/** Every way a device-bound login ends works without a proof, as it does for any login (docs/dpop.md). */
const COOKIE = refreshCookieName({ secure: false });
let db: Db;
let admin: string;
beforeAll(async () => {
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0" }));
  admin = await accessTokenOf(await new Browser().login("johndoe", "secret"));
});

interface Bound {
  key: DeviceKey;
  browser: Browser;
  token: string;
  loginId: string;
}

async function bound(user: { username: string; password: string }): Promise<Bound> {
  const key = await deviceKey();
  const browser = new Browser();
  const response = await browser.login(user.username, user.password, dpop(await key.proof({ htu: "/api/auth/token" })));
  expect((await response.clone().json()).dpop_jkt).toBe(key.jkt);
  const token = await accessTokenOf(response);
  return { key, browser, token, loginId: sidOf(token) };
}

const reasonOf = async (login: Bound) => (await db.login.findUniqueOrThrow({ where: { id: login.loginId } })).revokedReason;

describe("ending a bound login", () => {
  it("signs out without a proof, and the cookie's next refresh with the key is refused", async () => {
    const login = await bound(await createUser(db));
    const cookieHolder = new Browser();
    cookieHolder.jar.set(COOKIE, login.browser.jar.get(COOKIE)!);
    const response = await login.browser.logout();
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toContain("Max-Age=0");
    expect(await reasonOf(login)).toBe("logout");
    expect((await cookieHolder.refresh(dpop(await login.key.proof()))).status).toBe(401);
  });

  it("signs out the other devices, and everywhere, from a bound login without a proof", async () => {
    const user = await createUser(db);
    const here = await bound(user);
    const there = await bound(user);
    expect((await logoutScope(here.browser, "others")).status).toBe(204);
    expect(await reasonOf(there)).toBe("signed_out_elsewhere");
    expect(await reasonOf(here)).toBeNull();
    expect((await here.browser.refresh(dpop(await here.key.proof()))).status).toBe(200);
    expect((await logoutScope(here.browser, "all")).status).toBe(204);
    expect(await reasonOf(here)).toBe("signed_out_everywhere");
  });

  it("lets an admin end one bound login, or sign its user out everywhere", async () => {
    const user = await createUser(db);
    const one = await bound(user);
    const two = await bound(user);
    expect((await api.endSession(admin, one.loginId)).status).toBe(200);
    expect(await reasonOf(one)).toBe("admin");
    expect((await me(one.token)).status).toBe(401);
    expect((await one.browser.refresh(dpop(await one.key.proof()))).status).toBe(401);
    expect((await api.signOutUser(admin, user.id)).status).toBeLessThan(300);
    expect(await reasonOf(two)).not.toBeNull();
    expect((await two.browser.refresh(dpop(await two.key.proof()))).status).toBe(401);
  });
});
