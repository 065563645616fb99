import { beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { login } from "@/lib/auth/login";
import { type Db, openDatabase } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { Browser } from "./helpers/routes";
import { startTestServer, testAuthContext } from "./helpers/test-app";

let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "1" }));
});

const attempt = (username: string, password: string, ip: string) => new Browser().login(username, password, fromIp(ip));

describe("brute-force throttling through the route handlers", () => {
  it("locks a (username, IP) pair after 10 failures with 429 and Retry-After, right password included", async () => {
    for (let i = 1; i <= 10; i++) expect((await attempt("johndoe", `wrong-${i}`, "10.0.0.1")).status).toBe(401);
    const locked = await attempt("johndoe", "secret", "10.0.0.1");
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await locked.json()).toEqual({ detail: expect.stringMatching(/Too many failed sign-in attempts/), code: "RATE_LIMITED" });
    expect(locked.headers.get("set-cookie")).toBeNull();
  });

  it("does not lock the victim out from another address", async () => {
    expect((await attempt("johndoe", "secret", "10.0.0.2")).status).toBe(200);
  });

  it("locks an address that sprays many usernames, for every username", async () => {
    for (let i = 0; i < 100; i++) expect((await attempt(`nobody-${i}`, "guess", "10.0.0.3")).status).toBe(401);
    expect((await attempt("janedoe", "secret", "10.0.0.3")).status).toBe(429);
    expect((await attempt("janedoe", "secret", "10.0.0.4")).status).toBe(200);
  });

  it("records failed, throttled and good logins without passwords or tokens", async () => {
    const events = await db.auditEvent.findMany();
    const types = new Set(events.map((e) => e.type));
    expect(types).toEqual(new Set(["login.failed", "login.throttled", "login.ok"]));
    const throttled = events.find((e) => e.type === "login.throttled")!;
    expect(throttled).toMatchObject({ username: "johndoe", ip: "10.0.0.1" });
    const failed = events.find((e) => e.type === "login.failed" && e.ip === "10.0.0.1")!;
    expect(JSON.parse(failed.detail!)).toEqual({ reason: "bad_password" });
    const dump = JSON.stringify(events);
    expect(dump).not.toMatch(/wrong-\d|"secret"|guess/);
    const tokens = await db.session.findMany({ select: { tokenHash: true } });
    for (const { tokenHash } of tokens) expect(dump).not.toContain(tokenHash);
  });

  it("keeps no usernames in the throttle table", async () => {
    const keys = (await db.loginThrottle.findMany()).map((row) => row.key);
    expect(keys.some((key) => key.includes("johndoe") || key.includes("nobody"))).toBe(false);
    expect(keys).toContain("ip:10.0.0.3");
  });
});

describe("throttling with the clock and the delays in the test's hands", () => {
  let ctx: Awaited<ReturnType<typeof testAuthContext>>;
  const delays: number[] = [];
  const t0 = Date.UTC(2026, 10, 29);
  const at = (s: number) => new Date(t0 + s * 1000);
  beforeAll(async () => {
    ctx = { ...(await testAuthContext()), sleep: async (ms) => void delays.push(ms) };
  });
  const tryLogin = (password: string, s: number, ip = "10.1.0.1", c: AuthContext = ctx) =>
    login(c, { username: "janedoe", password, presentedRefreshToken: null, userAgent: null, ip }, at(s));

  it("delays progressively before the lock, then locks for longer each time", async () => {
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", i)).rejects.toMatchObject({ status: 401 });
    // Two free failures, then doubling from 250 ms to the 4 s ceiling.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    // The tenth failure (t=9 s) locked the pair for 60 s. Within the window no further guess
    // is checked: an attempt after the lock ends is refused and locks it again, for 120 s.
    await expect(tryLogin("secret", 11)).rejects.toMatchObject({ status: 429, headers: { "Retry-After": "58" } });
    await expect(tryLogin("nope", 71)).rejects.toMatchObject({ status: 429, headers: { "Retry-After": "120" } });
    await expect(tryLogin("secret", 72)).rejects.toMatchObject({ status: 429, headers: { "Retry-After": "119" } });
  });

  it("forgets failures after the window, and a good login clears the pair", async () => {
    await expect(tryLogin("secret", 15 * 60 + 200)).resolves.toMatchObject({ refreshToken: expect.any(String) });
    delays.length = 0;
    await expect(tryLogin("nope", 15 * 60 + 201)).rejects.toMatchObject({ status: 401 });
    expect(delays).toEqual([]);
  });

  it("is shared by every instance on the same database", async () => {
    const second = openDatabase(ctx.url);
    const other: AuthContext = { ...ctx, store: prismaStorage(second.db) };
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", 2000 + i, "10.1.0.9", i % 2 ? ctx : other)).rejects.toMatchObject({ status: 401 });
    await expect(tryLogin("secret", 2011, "10.1.0.9", other)).rejects.toMatchObject({ status: 429 });
    await expect(tryLogin("secret", 2011, "10.1.0.9", ctx)).rejects.toMatchObject({ status: 429 });
  });
});
