import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ServerContext } from "@/lib/server/context";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { holdWrites, untilWaiting } from "./helpers/locks";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { codeAt, mfaTokenFor, onInstance, otpGrant, randomIp, recoveryGrant, secondInstance, userWithTotp } from "./helpers/totp";
import { createUser } from "./helpers/users";

let db: Db;
let url: string;
let other: ServerContext;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db, url } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
  other = secondInstance();
});
afterAll(() => other.close());
afterEach(restoreClock);

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sid: string; auth_time: number; amr: string[] };
const unix = () => Math.floor(Date.now() / 1000);

const wrongCode = (secret: string) => (codeAt(secret) === "000000" ? "111111" : "000000");

/** A user with TOTP, half a minute after setting it up, so the next code is a new step. */
async function ready() {
  setClock(new Date());
  const setUp = await userWithTotp(db);
  advanceClock(30);
  return setUp;
}

describe("the password step of a user with TOTP", () => {
  it("answers 403 MFA_REQUIRED with an mfa_token and the methods, and no cookie and no login", async () => {
    const { user, ip } = await ready();
    const logins = await db.login.count({ where: { userId: user.id } });
    const browser = new Browser();
    const response = await browser.login(user.username, user.password, fromIp(ip));
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
    const body = await response.json();
    expect(body).toEqual({ detail: expect.any(String), code: "MFA_REQUIRED", mfa_token: expect.stringMatching(/^[\w-]{43}$/), mfa_methods: ["totp", "recovery_code"] });
    expect(await db.login.count({ where: { userId: user.id } })).toBe(logins);
    expect(await db.mfaChallenge.count({ where: { tokenHash: body.mfa_token } })).toBe(0);
  });

  it("answers a wrong password with the very same 401 as for a user without TOTP", async () => {
    const { user } = await ready();
    const plain = await createUser(db, { prefix: "plain" });
    const wrong = async (username: string) => {
      const response = await new Browser().login(username, "not the password", fromIp(randomIp()));
      return { status: response.status, headers: [...response.headers].sort(), body: await response.json() };
    };
    expect(await wrong(user.username)).toEqual(await wrong(plain.username));
    expect((await wrong(user.username)).status).toBe(401);
  });
});

describe("the second step", () => {
  it("by code, as JSON or as a form, answers the token body and cookie with amr pwd otp mfa", async () => {
    const { user, ip, secret } = await ready();
    for (const as of ["json", "form"] as const) {
      const browser = new Browser();
      const signedInAt = unix();
      const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
      const response = await otpGrant(browser, mfaToken, codeAt(secret), ip, as);
      expect(response.status, as).toBe(200);
      expect(response.headers.get("set-cookie")).toContain("HttpOnly");
      const claims = claimsOf(await accessTokenOf(response));
      expect(claims.amr).toEqual(["pwd", "otp", "mfa"]);
      expect(claims.auth_time).toBe(signedInAt);
      expect((await db.login.findUniqueOrThrow({ where: { id: claims.sid } })).amr).toBe("pwd otp mfa");
      expect((await browser.refresh()).status).toBe(200);
      advanceClock(30);
    }
  });

  it("by recovery code, in any case and without the dash, adds recovery_codes_left; the code is spent", async () => {
    const { user, ip, recoveryCodes } = await ready();
    const browser = new Browser();
    const typed = recoveryCodes[0]!.replace("-", "").toUpperCase();
    const response = await recoveryGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), typed, ip);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.recovery_codes_left).toBe(9);
    expect(claimsOf(body.access_token).amr).toEqual(["pwd", "mfa"]);
    const again = await recoveryGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), recoveryCodes[0]!, ip);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: "MFA_CODE_INVALID", attempts_left: 4 });
  });
});

describe("a code is spent once", () => {
  it("is refused on a second sign-in, and so is the step before it", async () => {
    const { user, ip, secret } = await ready();
    const code = codeAt(secret);
    const first = new Browser();
    expect((await otpGrant(first, await mfaTokenFor(first, user.username, user.password, ip), code, ip)).status).toBe(200);
    for (const replay of [code, codeAt(secret, Date.now(), -1)]) {
      const browser = new Browser();
      const response = await otpGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), replay, ip);
      expect(response.status).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect((await response.json()).code).toBe("MFA_CODE_INVALID");
    }
  });

  it("across two instances: a sign-in started on one finishes on the other, and the code is refused back on the first", async () => {
    const { user, ip, secret } = await ready();
    const code = codeAt(secret);
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    expect((await onInstance(other, () => otpGrant(browser, mfaToken, code, ip))).status).toBe(200);
    const second = new Browser();
    const secondToken = await onInstance(other, () => mfaTokenFor(second, user.username, user.password, ip));
    expect((await otpGrant(second, secondToken, code, ip)).status).toBe(401);
  });

  it("under a race: two sign-ins with the same code held at the same write, exactly one gets in", async () => {
    const { user, ip, secret } = await ready();
    const code = codeAt(secret);
    const [a, b] = [new Browser(), new Browser()];
    const tokens = [await mfaTokenFor(a, user.username, user.password, ip), await mfaTokenFor(b, user.username, user.password, ip)];
    const held = await holdWrites(url, "TotpFactor", { column: "userId", value: user.id });
    const racing = [otpGrant(a, tokens[0]!, code, ip), onInstance(other, () => otpGrant(b, tokens[1]!, code, ip))];
    await untilWaiting(url, 2);
    await held.release();
    const statuses = (await Promise.all(racing)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 401]);
  });
});

describe("the mfa_token", () => {
  it("expires after five minutes", async () => {
    const { user, ip, secret } = await ready();
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    advanceClock(301);
    const response = await otpGrant(browser, mfaToken, codeAt(secret), ip);
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe("MFA_TOKEN_INVALID");
  });

  it("is single-use, and only from the address it was given to", async () => {
    const { user, ip, secret } = await ready();
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    expect((await otpGrant(browser, mfaToken, codeAt(secret), randomIp())).status).toBe(401);
    expect((await otpGrant(browser, mfaToken, codeAt(secret), ip)).status).toBe(200);
    advanceClock(30);
    const again = await otpGrant(new Browser(), mfaToken, codeAt(secret), ip);
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe("MFA_TOKEN_INVALID");
  });

  it("ends after five wrong codes, counting down attempts_left", async () => {
    const { user, ip, secret } = await ready();
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    for (const left of [4, 3, 2, 1, 0]) {
      const response = await otpGrant(browser, mfaToken, wrongCode(secret), ip);
      expect(await response.json()).toMatchObject({ code: "MFA_CODE_INVALID", attempts_left: left });
    }
    const right = await otpGrant(browser, mfaToken, codeAt(secret), ip);
    expect((await right.json()).code).toBe("MFA_TOKEN_INVALID");
  });
});

describe("ten second-step failures in a row", () => {
  async function fail(times: number, user: { username: string; password: string }, ip: string, secret: string) {
    const browser = new Browser();
    let mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    const responses: Response[] = [];
    for (let i = 0; i < times; i++) {
      if (i > 0 && i % 5 === 0) mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
      responses.push(await otpGrant(browser, mfaToken, wrongCode(secret), ip));
    }
    return responses;
  }

  it("lock the second step for 15 minutes with 429 and Retry-After, on every instance; then it opens", async () => {
    const { user, ip, secret } = await ready();
    const responses = await fail(10, user, ip, secret);
    const last = responses.at(-1)!;
    expect(last.status).toBe(429);
    expect(last.headers.get("retry-after")).toBe("900");
    expect(await last.json()).toMatchObject({ code: "MFA_LOCKED", retry_after: 900 });
    const locked = await onInstance(other, () => new Browser().login(user.username, user.password, fromIp(ip)));
    expect(locked.status).toBe(429);
    expect((await locked.json()).code).toBe("MFA_LOCKED");
    advanceClock(15 * 60);
    const browser = new Browser();
    expect((await otpGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), codeAt(secret), ip)).status).toBe(200);
  });

  it("start counting again after a success", async () => {
    const { user, ip, secret } = await ready();
    await fail(9, user, ip, secret);
    const browser = new Browser();
    expect((await otpGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), codeAt(secret), ip)).status).toBe(200);
    const after = await fail(9, user, ip, secret);
    expect(after.map((response) => response.status)).toEqual(Array(9).fill(401));
  });
});
