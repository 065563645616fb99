import { beforeAll, describe, expect, it } from "vitest";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import { loginOf } from "./helpers/logins";
import type { Db } from "@/lib/db/client";
import { BASE, jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

// The dashboard's origin is not the host the requests are sent to, so code that compared
// Origin with the request's own URL instead of APP_ORIGIN would be caught.
const APP = "https://admin.gatehouse.test";
const COOKIE = refreshCookieName({ secure: false });
let db: Db;

beforeAll(async () => {
  expect(new URL(BASE).origin).not.toBe(APP);
  ({ db } = await startTestServer({ APP_ORIGIN: APP }));
});

const hostile: Record<string, string>[] = [
  { origin: "https://evil.example" },
  { origin: new URL(BASE).origin },
  { origin: new URL(BASE).origin, "sec-fetch-site": "same-origin" },
  { origin: "http://admin.gatehouse.test" },
  { origin: "null" },
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site" },
  { "sec-fetch-site": "none" },
  { origin: APP, "sec-fetch-site": "cross-site" },
  { origin: APP, "sec-fetch-site": "none" },
];
const SAME_ORIGIN = { origin: APP, "sec-fetch-site": "same-origin" };

function post(path: string, headers: Record<string, string>, cookie: string) {
  return new Request(BASE + path, { method: "POST", headers: { ...headers, cookie } });
}

async function expectRefused(response: Response, label: string) {
  expect(response.status, label).toBe(403);
  expect(response.headers.get("set-cookie"), label).toBeNull();
  expect((await response.json()).code, label).toBe("CROSS_ORIGIN_REFUSED");
}

describe("CSRF on the cookie endpoints", () => {
  it("refuses cross-site refresh and logout with 403, leaving cookie and family untouched", async () => {
    const user = await createUser(db, { prefix: "csrf" });
    const browser = new Browser();
    await browser.login(user.username, "secret");
    const token = browser.jar.get(COOKIE)!;
    const cookie = `${COOKIE}=${token}`;
    const before = await db.login.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });

    for (const headers of hostile) {
      for (const [route, path] of [[refreshRoute, "/api/auth/refresh-token"], [logoutRoute, "/api/auth/logout"]] as const) {
        await expectRefused(await route.POST(post(path, headers, cookie)), `${path} ${JSON.stringify(headers)}`);
      }
    }
    expect(await db.login.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } })).toEqual(before);

    const sameOrigin = await refreshRoute.POST(post("/api/auth/refresh-token", SAME_ORIGIN, cookie));
    expect(sameOrigin.status).toBe(200);
    expect(await loginOf(db, token)).toMatchObject({ generation: 1, revokedAt: null });
  });

  it("refuses a cross-site login (login CSRF) but serves one from APP_ORIGIN", async () => {
    const user = await createUser(db, { prefix: "csrf-login" });
    const body = { username: user.username, password: "secret" };
    for (const headers of hostile) {
      await expectRefused(await tokenRoute.POST(jsonRequest("/api/auth/token", body, { headers })), `token ${JSON.stringify(headers)}`);
    }
    expect(await db.login.count({ where: { userId: user.id } })).toBe(0);
    const ok = await tokenRoute.POST(jsonRequest("/api/auth/token", body, { headers: SAME_ORIGIN }));
    expect(ok.status).toBe(200);
  });

  it("refuses a cross-site password change, which keeps the old password", async () => {
    const user = await createUser(db, { prefix: "csrf-password" });
    const token = await accessTokenOf(await new Browser().login(user.username, "secret"));
    const change = (headers: Record<string, string>, newPassword: string) =>
      passwordRoute.POST(
        jsonRequest("/api/auth/password", { current_password: "secret", new_password: newPassword }, { headers: { ...headers, authorization: `Bearer ${token}` } }),
      );
    for (const [i, headers] of hostile.entries()) {
      await expectRefused(await change(headers, `hostile passphrase number ${i}`), `password ${JSON.stringify(headers)}`);
    }
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toBe(user.passwordHash);
    expect((await change(SAME_ORIGIN, "a same-origin passphrase")).status).toBe(204);
    expect((await new Browser().login(user.username, "a same-origin passphrase")).status).toBe(200);
  });

  it("lets a non-browser client (no Origin, no Sec-Fetch-Site) through", async () => {
    const user = await createUser(db, { prefix: "csrf-cli" });
    const browser = new Browser();
    expect((await browser.login(user.username, "secret")).status).toBe(200);
    expect((await browser.refresh()).status).toBe(200);
  });
});
