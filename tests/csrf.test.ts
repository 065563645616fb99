import { beforeAll, describe, expect, it } from "vitest";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import { refreshCookieName } from "@/lib/auth/cookie";
import { hashRefreshToken } from "@/lib/auth/refresh-token";
import type { Db } from "@/lib/db/client";
import { jsonRequest } from "./helpers/http";
import { Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

const APP = "http://localhost:3000";
const COOKIE = refreshCookieName({ secure: false });
let db: Db;

beforeAll(async () => {
  ({ db } = await startTestServer({ APP_ORIGIN: APP }));
});

const hostile: Record<string, string>[] = [
  { origin: "https://evil.example" },
  { origin: "http://localhost:3001" },
  { origin: "null" },
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "same-site" },
  { origin: APP, "sec-fetch-site": "cross-site" },
];

function post(path: string, headers: Record<string, string>, cookie: string) {
  return new Request(APP + path, { method: "POST", headers: { ...headers, cookie } });
}

describe("CSRF on the cookie endpoints", () => {
  it("refuses cross-site refresh and logout with 403, leaving cookie and family untouched", async () => {
    const browser = new Browser();
    await browser.login("johndoe", "secret");
    const token = browser.jar.get(COOKIE)!;
    const cookie = `${COOKIE}=${token}`;
    const before = await db.session.findMany({ orderBy: { id: "asc" } });

    for (const headers of hostile) {
      for (const [route, path] of [[refreshRoute, "/api/auth/refresh-token"], [logoutRoute, "/api/auth/logout"]] as const) {
        const response = await route.POST(post(path, headers, cookie));
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.headers.get("set-cookie")).toBeNull();
        expect((await response.json()).code).toBe("CROSS_ORIGIN_REFUSED");
      }
    }
    expect(await db.session.findMany({ orderBy: { id: "asc" } })).toEqual(before);

    const sameOrigin = await refreshRoute.POST(post("/api/auth/refresh-token", { origin: APP, "sec-fetch-site": "same-origin" }, cookie));
    expect(sameOrigin.status).toBe(200);
    const row = await db.session.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
    expect(row!.rotatedAt).not.toBeNull();
  });

  it("refuses a cross-site login (login CSRF) but serves a same-origin one", async () => {
    const body = { username: "johndoe", password: "secret" };
    const evil = await tokenRoute.POST(jsonRequest("/api/auth/token", body, { headers: { origin: "https://evil.example" } }));
    expect(evil.status).toBe(403);
    expect(evil.headers.get("set-cookie")).toBeNull();
    const ok = await tokenRoute.POST(jsonRequest("/api/auth/token", body, { headers: { origin: APP } }));
    expect(ok.status).toBe(200);
  });

  it("lets a non-browser client (no Origin, no Sec-Fetch-Site) through", async () => {
    const browser = new Browser();
    await browser.login("janedoe", "secret");
    expect((await browser.refresh()).status).toBe(200);
  });
});
