import { spawn } from "node:child_process";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/database-url";
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

/** Another process (or connection) holding a lock the request needs, for `ms`. */
async function holdLock(ms: number): Promise<{ released: Promise<void> }> {
  if (testEngine() === "sqlite") {
    const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
    const holder = spawn(process.execPath, ["-e", script, sqliteFilePath(url), String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    return { released: new Promise((resolve) => holder.once("exit", () => resolve())) };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN; LOCK TABLE "Session" IN ACCESS EXCLUSIVE MODE');
  return { released: new Promise((resolve) => setTimeout(() => void client.query("COMMIT").then(() => client.end()).then(resolve), ms)) };
}

describe("a database locked by someone else", () => {
  it("answers a write 503 with Retry-After after a bounded wait, then serves again once the lock goes", async () => {
    const { released } = await holdLock(6_000);
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
