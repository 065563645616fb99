import { beforeAll, describe, expect, it } from "vitest";
import { holdLoginsLock } from "./helpers/locks";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { testEngine } from "./helpers/provision";
import { startTestServer } from "./helpers/test-app";

let url: string;
let token: string;
const browser = new Browser();

beforeAll(async () => {
  ({ url } = await startTestServer());
  token = await accessTokenOf(await browser.login("johndoe", "secret"));
});

describe("a database locked by someone else", () => {
  it("answers a write 503 with Retry-After after a bounded wait, then serves again once the lock goes", async () => {
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
    expect((await browser.refresh()).status).toBe(200);
    expect((await me(token)).status).toBe(200);
  });
});
