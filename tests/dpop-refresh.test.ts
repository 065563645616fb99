import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import type { ServerContext } from "@/lib/server/context";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { type DeviceKey, deviceKey, dpop } from "./helpers/dpop";
import { sidOf } from "./helpers/logins";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { onInstance, secondInstance } from "./helpers/totp";
import { createUser } from "./helpers/users";

/** Refreshing a device-bound login: every refusal, whether the login survives it, and replays across instances. */
const COOKIE = refreshCookieName({ secure: false });
let db: Db;
let other: ServerContext;
beforeAll(async () => {
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
  other = secondInstance();
});
afterAll(() => other.close());
afterEach(restoreClock);

interface Bound {
  userId: number;
  key: DeviceKey;
  browser: Browser;
  loginId: string;
}

async function boundLogin(userId?: number, password = "secret"): Promise<Bound> {
  const user = userId === undefined ? await createUser(db) : null;
  const key = await deviceKey();
  const browser = new Browser();
  const username = user?.username ?? (await db.user.findUniqueOrThrow({ where: { id: userId! } })).username;
  const response = await browser.login(username, user?.password ?? password, dpop(await key.proof({ htu: "/api/auth/token" })));
  expect(response.status).toBe(200);
  return { userId: user?.id ?? userId!, key, browser, loginId: sidOf(await accessTokenOf(response)) };
}

/** A second browser holding a copy of `from`'s refresh cookie. */
function copyOf(from: Browser): Browser {
  const copy = new Browser();
  copy.jar.set(COOKIE, from.jar.get(COOKIE)!);
  return copy;
}

const rowOf = (login: Bound) => db.login.findUniqueOrThrow({ where: { id: login.loginId } });
const codeOf = async (response: Response) => ((await response.clone().json()) as { code?: string }).code;

/** The refusal that keeps the login: its code, no cookie touched, the login still live and not rotated. */
async function expectKept(login: Bound, response: Response, code: "DPOP_REQUIRED" | "DPOP_INVALID", generation = 0) {
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ detail: expect.any(String), code });
  expect(response.headers.getSetCookie()).toEqual([]);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer, DPoP algs="ES256"/);
  const row = await rowOf(login);
  expect(row.revokedAt).toBeNull();
  expect(row.generation).toBe(generation);
}

describe("refreshing a bound login", () => {
  it("without a proof: 401 DPOP_REQUIRED, the login and its cookie kept; the key then refreshes", async () => {
    const login = await boundLogin();
    const cookie = login.browser.jar.get(COOKIE);
    await expectKept(login, await login.browser.refresh(), "DPOP_REQUIRED");
    expect(login.browser.jar.get(COOKIE)).toBe(cookie);
    const refreshed = await login.browser.refresh(dpop(await login.key.proof()));
    expect(refreshed.status).toBe(200);
    expect((await rowOf(login)).generation).toBe(1);
  });

  it("with a bad proof: 401 DPOP_INVALID each time, the login and its cookie kept", async () => {
    const login = await boundLogin();
    const { key } = login;
    const now = Math.floor(Date.now() / 1000);
    const bad = {
      "a proof for the token endpoint": await key.proof({ htu: "/api/auth/token" }),
      "another origin": await key.proof({ htu: "https://evil.example/api/auth/refresh-token" }),
      "another method": await key.proof({ htm: "GET" }),
      "a bad signature": (await key.proof()).slice(0, -6) + "AAAAAA",
      "typ JWT": await key.proof({}, { typ: "JWT" }),
      "a key with its private part": await key.proof({}, { jwk: { ...key.jwk, d: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } }),
      "another key named in the header": await key.proof({}, { jwk: (await deviceKey()).jwk }),
      "no jti": await key.proof({ jti: "" }),
      "an iat 5 minutes old": await key.proof({ iat: now - 300 }),
      "two proofs": `${await key.proof()}, ${await key.proof()}`,
    };
    for (const [what, proof] of Object.entries(bad)) {
      const response = await login.browser.refresh(dpop(proof));
      expect(await codeOf(response), what).toBe("DPOP_INVALID");
      await expectKept(login, response, "DPOP_INVALID");
    }
    const audited = await db.auditEvent.count({ where: { type: "dpop.refused", familyId: login.loginId } });
    expect(audited).toBe(Object.keys(bad).length);
    expect((await login.browser.refresh(dpop(await key.proof()))).status).toBe(200);
  });

  it("accepts an iat 60 s either side of the clock and refuses 61", async () => {
    const at = Math.floor(Date.now() / 1000) * 1000;
    setClock(at);
    const login = await boundLogin();
    const t = at / 1000;
    await expectKept(login, await login.browser.refresh(dpop(await login.key.proof({ iat: t - 61 }))), "DPOP_INVALID");
    await expectKept(login, await login.browser.refresh(dpop(await login.key.proof({ iat: t + 61 }))), "DPOP_INVALID");
    expect((await login.browser.refresh(dpop(await login.key.proof({ iat: t - 60 })))).status).toBe(200);
    expect((await login.browser.refresh(dpop(await login.key.proof({ iat: t + 60 })))).status).toBe(200);
    expect((await rowOf(login)).generation).toBe(2);
  });

  it("refuses a proof's jti a second time, on the same instance and on another", async () => {
    const login = await boundLogin();
    const proof = await login.key.proof();
    expect((await login.browser.refresh(dpop(proof))).status).toBe(200);
    await expectKept(login, await login.browser.refresh(dpop(proof)), "DPOP_INVALID", 1);
    await expectKept(login, await onInstance(other, () => login.browser.refresh(dpop(proof))), "DPOP_INVALID", 1);
    expect((await onInstance(other, async () => login.browser.refresh(dpop(await login.key.proof())))).status).toBe(200);
  });

  it("lets exactly one of two instances take the same proof at once", async () => {
    const login = await boundLogin();
    const copy = copyOf(login.browser);
    const proof = await login.key.proof();
    const answers = await Promise.all([login.browser.refresh(dpop(proof)), onInstance(other, () => copy.refresh(dpop(proof)))]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(await Promise.all(answers.map(codeOf))).toContain("DPOP_INVALID");
    expect((await rowOf(login)).revokedAt).toBeNull();
  });

  it("ends the login as a theft when a valid proof comes from another key", async () => {
    const login = await boundLogin();
    const owner = copyOf(login.browser);
    const thief = await deviceKey();
    const response = await login.browser.refresh(dpop(await thief.proof()));
    expect(response.status).toBe(401);
    expect(await codeOf(response)).toBe("REFRESH_TOKEN_INVALID");
    expect(response.headers.getSetCookie().join()).toContain("Max-Age=0");
    expect((await rowOf(login)).revokedReason).toBe("wrong_device_key");
    expect(await db.auditEvent.count({ where: { type: "refresh.wrong_key", familyId: login.loginId } })).toBe(1);
    expect(await db.notification.count({ where: { userId: login.userId, type: "reuse_detected", sessionId: login.loginId } })).toBe(1);
    // The device's own next refresh finds the login ended.
    const mine = await owner.refresh(dpop(await login.key.proof()));
    expect(mine.status).toBe(401);
    expect(await codeOf(mine)).toBe("REFRESH_TOKEN_INVALID");
  });

  it("asks the grace and lost-answer replays for the same key", async () => {
    setClock(Date.now());
    const login = await boundLogin();
    const previous = copyOf(login.browser);
    expect((await login.browser.refresh(dpop(await login.key.proof()))).status).toBe(200);
    await expectKept(login, await previous.refresh(), "DPOP_REQUIRED", 1);
    expect((await copyOf(previous).refresh(dpop(await login.key.proof()))).status).toBe(200);
    expect(await db.auditEvent.count({ where: { type: "refresh.grace_replay", familyId: login.loginId } })).toBe(1);
    advanceClock(20);
    await expectKept(login, await copyOf(previous).refresh(), "DPOP_REQUIRED", 1);
    expect((await copyOf(previous).refresh(dpop(await login.key.proof()))).status).toBe(200);
    expect(await db.auditEvent.count({ where: { type: "refresh.lost_answer_replay", familyId: login.loginId } })).toBe(1);
  });

  it("keeps the seen proofs to about one window while bound logins only refresh", async () => {
    // Ten minutes on: past any prune this process ran for earlier tests.
    setClock(Date.now() + 10 * 60_000);
    const login = await boundLogin();
    const expired = () => db.seenDpopProof.count({ where: { expiresAt: { lt: new Date() } } });
    expect((await login.browser.refresh(dpop(await login.key.proof()))).status).toBe(200);
    advanceClock(120);
    expect(await expired()).toBeGreaterThan(0);
    // No sign-in and no replay takes a proof through the store now: the rotation's trigger does.
    expect((await login.browser.refresh(dpop(await login.key.proof()))).status).toBe(200);
    expect(await expired()).toBe(0);
    expect(await db.seenDpopProof.count()).toBeGreaterThan(0);
  });

  it("still ends the login for a token two generations old, proof or none", async () => {
    const login = await boundLogin();
    const oldest = copyOf(login.browser);
    for (let i = 0; i < 2; i++) expect((await login.browser.refresh(dpop(await login.key.proof()))).status).toBe(200);
    expect((await oldest.refresh()).status).toBe(401);
    expect((await rowOf(login)).revokedReason).toBe("reuse_detected");
  });
});
