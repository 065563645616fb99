import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import type { AuthContext } from "@/lib/auth/context";
import { login } from "@/lib/auth/login";
import { type Db, openDatabase } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { parseEnv } from "@/lib/env";
import { buildServerContext, type ServerContext } from "@/lib/server/context";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer, TEST_SECRET, testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "1" }));
});

const attempt = (username: string, password: string, ip: string) => new Browser().login(username, password, fromIp(ip));
// Every test throttles its own addresses, so none depends on what another left behind.
let subnet = 0;
const addresses = () => {
  const net = ++subnet;
  return (host: number) => `10.${net}.0.${host}`;
};

describe("brute-force throttling through the route handlers", () => {
  it("locks a (username, IP) pair after 10 failures with 429 and Retry-After, right password included", async () => {
    const { username } = await createUser(db, { prefix: "pair" });
    const ip = addresses();
    for (let i = 1; i <= 10; i++) expect((await attempt(username, `wrong-${i}`, ip(1))).status).toBe(401);
    const locked = await attempt(username, "secret", ip(1));
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await locked.json()).toEqual({ detail: expect.stringMatching(/Too many failed sign-in attempts/), code: "RATE_LIMITED" });
    expect(locked.headers.get("set-cookie")).toBeNull();

    // The victim, elsewhere, is not locked out.
    expect((await attempt(username, "secret", ip(2))).status).toBe(200);
  });

  it("locks an address that sprays many usernames, for every username, with Retry-After", async () => {
    const { username } = await createUser(db, { prefix: "spray" });
    const ip = addresses();
    for (let i = 0; i < 100; i++) expect((await attempt(`nobody-${i}`, "guess", ip(3))).status).toBe(401);
    const locked = await attempt(username, "secret", ip(3));
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await attempt(username, "secret", ip(4))).status).toBe(200);
  });

  it("resets the pair on a good login: nine more failures after it do not lock", async () => {
    const { username } = await createUser(db, { prefix: "reset" });
    const ip = addresses();
    for (let i = 0; i < 9; i++) expect((await attempt(username, `wrong-${i}`, ip(1))).status).toBe(401);
    expect((await attempt(username, "secret", ip(1))).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await attempt(username, `again-${i}`, ip(1))).status).toBe(401);
    expect((await attempt(username, "secret", ip(1))).status).toBe(200);
  });

  it("throttles wrong current passwords on the change-password endpoint like logins", async () => {
    const user = await createUser(db, { prefix: "change" });
    const ip = addresses();
    const token = await accessTokenOf(await attempt(user.username, "secret", ip(1)));
    const change = (current: string) =>
      passwordRoute.POST(
        jsonRequest("/api/auth/password", { current_password: current, new_password: "a brand new passphrase" }, {
          headers: { authorization: `Bearer ${token}`, ...fromIp(ip(1)) },
        }),
      );
    for (let i = 0; i < 10; i++) expect((await change(`wrong-${i}`)).status).toBe(422);
    const locked = await change("secret");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(50);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    // The same counter guards the sign-in form from that address.
    expect((await attempt(user.username, "secret", ip(1))).status).toBe(429);
  });

  it("records failed, throttled and good logins without passwords or tokens", async () => {
    const { username } = await createUser(db, { prefix: "audit" });
    const ip = addresses();
    for (let i = 1; i <= 10; i++) await attempt(username, `wrong-${i}`, ip(1));
    expect((await attempt(username, "secret", ip(1))).status).toBe(429);
    expect((await attempt(username, "secret", ip(2))).status).toBe(200);
    const events = await db.auditEvent.findMany({ where: { username } });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["login.failed", "login.throttled", "login.ok"]));
    expect(events.find((e) => e.type === "login.throttled")).toMatchObject({ username, ip: ip(1) });
    const failed = events.find((e) => e.type === "login.failed")!;
    expect(JSON.parse(failed.detail!)).toEqual({ reason: "bad_password" });
    const dump = JSON.stringify(events);
    expect(dump).not.toMatch(/wrong-\d|"secret"/);
  });

  it("keeps no usernames in the throttle table", async () => {
    const { username } = await createUser(db, { prefix: "hidden" });
    const ip = addresses();
    await attempt(username, "wrong", ip(1));
    await attempt("nobody-hidden", "wrong", ip(1));
    const keys = (await db.loginThrottle.findMany()).map((row) => row.key);
    expect(keys).toContain(`ip:${ip(1)}`);
    expect(keys.some((key) => key.includes(username) || key.includes("nobody"))).toBe(false);
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
  const tryLogin = (password: string, s: number, ip: string, c: AuthContext = ctx) =>
    login(c, { username: "janedoe", password, presentedRefreshToken: null, userAgent: null, ip }, at(s));

  it("delays progressively before the lock, then locks for longer each time", async () => {
    const ip = addresses()(1);
    delays.length = 0;
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", i, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    // Two free failures, then doubling from 250 ms to the 4 s ceiling.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    // The tenth failure (t=9 s) locked the pair for 60 s. Within the window no further guess
    // is checked: an attempt after the lock ends is refused and locks it again, for 120 s.
    await expect(tryLogin("secret", 11, ip)).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 58 });
    await expect(tryLogin("nope", 71, ip)).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 120 });
    await expect(tryLogin("secret", 72, ip)).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 119 });
  });

  it("judges an attempt admitted at once at the caller's clock, however the real one ticks meanwhile", async () => {
    const ip = addresses()(1);
    // The real clock moves on between any two readings (a millisecond boundary, a busy machine).
    let realNow = Date.now();
    const ticking = vi.spyOn(Date, "now").mockImplementation(() => (realNow += 1));
    try {
      for (let i = 0; i < 10; i++) await expect(tryLogin("nope", 20_000 + i, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    } finally {
      ticking.mockRestore();
    }
    // Locked at t=20,009 for 60 s, to the second: not a millisecond later because the clock ticked.
    await expect(tryLogin("secret", 20_011, ip)).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 58 });
  });

  it("counts a refusal's Retry-After down from when it is answered, however long its look waited on the database", async () => {
    const ip = addresses()(1);
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", 30_000 + i, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    // Locked at t=30,009 for 60 s. The next look is held 1.5 s, as a row lock another attempt holds would.
    const real = ctx.store.throttles;
    const held: typeof real = Object.assign(Object.create(real) as typeof real, {
      hold: async (...args: Parameters<typeof real.hold>) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return real.hold(...args);
      },
    });
    const refusal = tryLogin("secret", 30_011, ip, { ...ctx, store: { ...ctx.store, throttles: held } });
    await expect(refusal).rejects.toMatchObject({ kind: "rate_limited" });
    const { retryAfterSeconds } = (await refusal.catch((error: unknown) => error)) as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeLessThanOrEqual(57);
    expect(retryAfterSeconds).toBeGreaterThan(50);
  });

  it("doubles the lock for each attempt refused after one ended, never past 15 minutes", async () => {
    const ip = addresses()(1);
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", 5000, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    // Each attempt at the moment the last lock ends is refused, counted, and locks for twice as long.
    const refusedAt = (s: number, retryAfter: number) =>
      expect(tryLogin("secret", s, ip)).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: retryAfter });
    await refusedAt(5001, 59);
    await refusedAt(5060, 120);
    await refusedAt(5180, 240);
    await refusedAt(5420, 480);
    await refusedAt(5900, 900); // 960 but for the cap
    // The lock has ended and so has the window that counted those attempts.
    await expect(tryLogin("secret", 6800, ip)).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });

  it("forgets failures once the window has passed", async () => {
    const ip = addresses()(1);
    for (let i = 0; i < 5; i++) await expect(tryLogin("nope", 8000 + i, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    delays.length = 0;
    await expect(tryLogin("nope", 8000 + 15 * 60 + 10, ip)).rejects.toMatchObject({ kind: "invalid_credentials" });
    expect(delays).toEqual([]);
  });

  it("is shared by every instance on the same database", async () => {
    const ip = addresses()(9);
    const second = openDatabase(ctx.url);
    const other: AuthContext = { ...ctx, store: prismaStorage(second) };
    for (let i = 0; i < 10; i++) await expect(tryLogin("nope", 2000 + i, ip, i % 2 ? ctx : other)).rejects.toMatchObject({ kind: "invalid_credentials" });
    await expect(tryLogin("secret", 2011, ip, other)).rejects.toMatchObject({ kind: "rate_limited" });
    await expect(tryLogin("secret", 2011, ip, ctx)).rejects.toMatchObject({ kind: "rate_limited" });
    await second.db.$disconnect();
  });
});

describe("the server's own throttling delay", () => {
  let server: ServerContext;
  beforeAll(async () => {
    const settings = parseEnv({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4", DATABASE_URL: process.env.DATABASE_URL, LOGIN_FAILURE_DELAY_MS: "200" });
    server = buildServerContext(openDatabase(settings.DATABASE_URL), settings);
  });
  afterAll(() => server.close());

  it("really waits: the fifth failure of a pair takes at least the 400 ms it is owed", async () => {
    const ip = addresses()(1);
    const fail = async () => {
      const start = performance.now();
      await expect(login(server, { username: "janedoe", password: "nope", presentedRefreshToken: null, userAgent: null, ip }, new Date())).rejects.toMatchObject({ kind: "invalid_credentials" });
      return performance.now() - start;
    };
    for (let i = 0; i < 4; i++) await fail();
    // Failures 3 and 4 are past the two free ones: 200 ms, then 400 ms.
    expect(await fail()).toBeGreaterThanOrEqual(400);
  });
});
