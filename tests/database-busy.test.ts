import { beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { holdLoginsLock } from "./helpers/locks";
import { loginOf } from "./helpers/logins";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { testEngine } from "./helpers/provision";
import { startTestServer } from "./helpers/test-app";

const COOKIE = refreshCookieName({ secure: false });
let url: string;
let db: Db;
let token: string;
const browser = new Browser();

beforeAll(async () => {
  ({ url, db } = await startTestServer());
  token = await accessTokenOf(await browser.login("johndoe", "secret"));
});

describe("a database locked by someone else", () => {
  it("answers a write 503 with Retry-After after a bounded wait, having written nothing, then serves again once the lock goes", async () => {
    const cookie = browser.jar.get(COOKIE)!;
    const before = await loginOf(db, cookie);
    const { released } = await holdLoginsLock(url, 6_000);
    const started = Date.now();
    const response = await browser.refresh();
    const waited = Date.now() - started;
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
    expect(waited).toBeGreaterThanOrEqual(2_500);
    expect(waited).toBeLessThan(6_000);
    if (testEngine() === "sqlite") {
      // Write-ahead logging: a writer's lock does not stop readers.
      expect((await me(token)).status).toBe(200);
    }
    await released;
    // The refused refresh wrote nothing: the login's row is as it was, not rotated, not ended.
    // (A retry's 200 would not show it: a committed rotation answers the old cookie too.)
    expect(await loginOf(db, cookie)).toEqual(before);
    expect(browser.jar.get(COOKIE)).toBe(cookie);
    expect((await browser.refresh()).status).toBe(200);
    expect(await loginOf(db, cookie)).toMatchObject({ generation: before.generation + 1 });
    expect((await me(token)).status).toBe(200);
  });
});
