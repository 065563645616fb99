import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { login } from "@/lib/auth/login";
import { createPasswordPool, type PasswordPool } from "@/lib/auth/passwords/pool";
import { pooledHasher } from "@/lib/auth/passwords/hasher";
import { loginThrottle } from "@/lib/auth/throttle/login-throttle";
import { openDatabase } from "@/lib/db/client";
import { errors } from "@/lib/errors/catalog";
import { prismaStorage } from "@/lib/db/storage";
import { testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/**
 * Sign-ins arriving at once for one (username, address) pair, on two instances sharing one
 * database: attempts beyond the places left wait for the earlier ones instead of being
 * refused, and however they arrive no more than 10 wrong passwords are ever checked. Each
 * instance has its own password pool, whose completed jobs count the bcrypt checks.
 */
let base: Awaited<ReturnType<typeof testAuthContext>>;
let ctx: AuthContext & { url: string };
let other: AuthContext;
let pools: PasswordPool[];
let closeOther: () => Promise<void>;
const t0 = Date.UTC(2026, 11, 10);
const at = (s: number) => new Date(t0 + s * 1000);

beforeAll(async () => {
  base = await testAuthContext();
  pools = [createPasswordPool({ size: 1, maxQueue: 64 }), createPasswordPool({ size: 1, maxQueue: 64 })];
  const second = openDatabase(base.url);
  closeOther = () => second.db.$disconnect();
  // Failures are answered without their delays, so nothing here waits on the clock.
  ctx = { ...base, passwords: pooledHasher(pools[0]!), sleep: async () => {} };
  other = { ...ctx, store: prismaStorage(second), passwords: pooledHasher(pools[1]!) };
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await closeOther();
});

let subnet = 0;
const freshAddress = () => `10.${++subnet}.7.1`;
const checks = () => pools.reduce((sum, pool) => sum + pool.stats().completed, 0);
const signIn = (password: string, ip: string, i: number, s = 0) =>
  login(i % 2 ? other : ctx, { username: "janedoe", password, presentedRefreshToken: null, userAgent: null, ip }, at(s));
/** "signed_in", or the kind of refusal. */
const outcomesOf = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.map((outcome) => (outcome.status === "fulfilled" ? "signed_in" : (outcome.reason as { kind: string }).kind));

describe("parallel sign-ins of one pair", () => {
  it("lets 20 at once with the right password all in, on two instances", async () => {
    const ip = freshAddress();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => signIn("secret", ip, i)));
    expect(outcomesOf(outcomes)).toEqual(Array(20).fill("signed_in"));
  });

  it("checks at most 10 of 30 wrong passwords sent at once, and refuses the rest with a true Retry-After", async () => {
    const ip = freshAddress();
    const before = checks();
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => signIn(`wrong-${i}`, ip, i)));
    expect(checks() - before).toBe(10);
    expect(outcomesOf(outcomes).filter((kind) => kind === "invalid_credentials")).toHaveLength(10);
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" && outcome.reason.kind === "rate_limited" ? [outcome.reason] : []));
    expect(refused).toHaveLength(20);
    // The tenth failure locked the pair for 60 s; the refusals came within moments of it.
    for (const error of refused) expect(error.retryAfterSeconds).toBeGreaterThan(50);
    for (const error of refused) expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(signIn("secret", ip, 0, 1)).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("lets the right password in when one place is left, one attempt after another, without a 429", async () => {
    const ip = freshAddress();
    for (let i = 0; i < 9; i++) await expect(signIn("nope", ip, i)).rejects.toMatchObject({ kind: "invalid_credentials" });
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => signIn("secret", ip, i, 1)));
    expect(outcomesOf(outcomes)).toEqual(Array(12).fill("signed_in"));
  });

  it("waits a bounded time for places an instance took and never gave back, then answers busy", async () => {
    const ip = freshAddress();
    const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
    // An instance that died while it checked 10 passwords: their places stay held.
    for (let i = 0; i < 10; i++) expect(await throttle.reserve("janedoe", ip, at(0))).toMatchObject({ locked: false });
    const patient: AuthContext = { ...ctx, config: { ...ctx.config, throttle: { ...ctx.config.throttle, maxWaitMs: 300 } } };
    const started = Date.now();
    await expect(login(patient, { username: "janedoe", password: "secret", presentedRefreshToken: null, userAgent: null, ip }, at(1))).rejects.toMatchObject({
      kind: "busy",
      retryAfterSeconds: expect.any(Number),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The window that held them ends, and with it the places they held.
    await expect(signIn("secret", ip, 0, 15 * 60 + 1)).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });

  it("gives back the place of an attempt that neither failed nor succeeded: a disabled account, a check that threw", async () => {
    const quick: AuthContext = { ...ctx, config: { ...ctx.config, throttle: { ...ctx.config.throttle, maxWaitMs: 300 } } };
    const disabled = await createUser(base.db, { prefix: "off" });
    await base.db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const ip = freshAddress();
    const as = (c: AuthContext, username: string) => login(c, { username, password: "secret", presentedRefreshToken: null, userAgent: null, ip }, at(0));
    for (let i = 0; i < 12; i++) await expect(as(quick, disabled.username)).rejects.toMatchObject({ kind: "account_error" });
    // A password pool too busy to check answers 503, and the attempt holds nothing after it.
    const swamped: AuthContext = { ...quick, passwords: { ...quick.passwords, verify: async () => Promise.reject(errors.busy()) } };
    for (let i = 0; i < 12; i++) await expect(as(swamped, "janedoe")).rejects.toMatchObject({ kind: "busy" });
    await expect(as(quick, "janedoe")).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });
});
