import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as readyRoute from "@/app/api/ready/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import { firstRefreshToken } from "@/lib/auth/sessions/refresh-token";
import { BASE } from "./helpers/http";
import { testRefreshKeys } from "./helpers/logins";
import { Browser } from "./helpers/routes";
import { testEngine } from "./helpers/provision";
import { startTestServer } from "./helpers/test-app";

/** The server pointed at a database that is not there: a stopped PostgreSQL, a vanished SQLite folder. */
beforeAll(async () => {
  const unreachable = testEngine() === "postgres" ? "postgresql://postgres@127.0.0.1:9/gatehouse" : "file:/nonexistent-gatehouse-dir/gone.db";
  await startTestServer({ DATABASE_URL: unreachable });
});

describe("a database that cannot be reached", () => {
  it("answers 503 DATABASE_UNAVAILABLE with Retry-After, quickly, instead of a 500 or a hang", async () => {
    const started = Date.now();
    const response = await new Browser().login("johndoe", "secret");
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ detail: expect.any(String), code: "DATABASE_UNAVAILABLE" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("answers a refresh 503 too: its session read goes straight to the driver adapter", async () => {
    const request = new Request(BASE + "/api/auth/refresh-token", { method: "POST", headers: { cookie: `gatehouse_refresh=${firstRefreshToken(randomUUID(), testRefreshKeys)}` } });
    const response = await refreshRoute.POST(request);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
  });

  it("is reported by /api/ready", async () => {
    const response = await readyRoute.GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", reason: expect.stringMatching(/^database_(unreachable|missing)$/) });
  });
});
