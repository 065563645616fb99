import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/auth/token/route";
import type { Db } from "@/lib/db/client";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { restoreClock } from "./helpers/clock";
import { type DeviceKey, deviceKey, dpop } from "./helpers/dpop";
import { jsonRequest } from "./helpers/http";
import { sidOf } from "./helpers/logins";
import { ceremonyFor, passkeyFixtures, passkeys } from "./helpers/passkeys";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { codeAt, mfaTokenFor, randomIp, userWithTotp } from "./helpers/totp";
import { createUser } from "./helpers/users";

/** Binding a new login to a device key at each kind of sign-in (docs/dpop.md). */
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
});
afterEach(restoreClock);

const TOKEN = "/api/auth/token";
const tokenProof = (key: DeviceKey) => key.proof({ htu: TOKEN });

async function bodyOf(response: Response) {
  return (await response.clone().json()) as Record<string, unknown>;
}

/** The login a token answer started, read from the database. */
async function loginBehind(response: Response) {
  return db.login.findUniqueOrThrow({ where: { id: sidOf(await accessTokenOf(response)) } });
}

/** A bound login refreshes with a proof from its key, and the answer names the key again. */
async function expectBound(browser: Browser, response: Response, key: DeviceKey) {
  expect(response.status).toBe(200);
  expect((await bodyOf(response)).dpop_jkt).toBe(key.jkt);
  expect((await loginBehind(response)).dpopJkt).toBe(key.jkt);
  const refreshed = await browser.refresh(dpop(await key.proof()));
  expect(refreshed.status).toBe(200);
  expect((await bodyOf(refreshed)).dpop_jkt).toBe(key.jkt);
}

describe("a sign-in with a DPoP proof", () => {
  it("binds a password sign-in to the key's RFC 7638 thumbprint", async () => {
    const user = await createUser(db);
    const key = await deviceKey();
    const browser = new Browser();
    await expectBound(browser, await browser.login(user.username, user.password, dpop(await tokenProof(key))), key);
  });

  it("binds at the TOTP second step and at the recovery-code step", async () => {
    const { user, secret, recoveryCodes, ip } = await userWithTotp(db);
    const viaCode = await deviceKey();
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    const grant = jsonRequest(TOKEN, { grant_type: "mfa_otp", mfa_token: mfaToken, otp: codeAt(secret, Date.now() + 30_000) }, { headers: { ...fromIp(ip), ...dpop(await tokenProof(viaCode)) } });
    await expectBound(browser, await browser.send(tokenRoute.POST, grant), viaCode);

    const viaRecovery = await deviceKey();
    const other = new Browser();
    const recoveryToken = await mfaTokenFor(other, user.username, user.password, ip);
    const recovery = jsonRequest(TOKEN, { grant_type: "mfa_recovery_code", mfa_token: recoveryToken, recovery_code: recoveryCodes[0] }, { headers: { ...fromIp(ip), ...dpop(await tokenProof(viaRecovery)) } });
    await expectBound(other, await other.send(tokenRoute.POST, recovery), viaRecovery);
  });

  it("binds a passkey sign-in", async () => {
    const { authenticator } = await passkeyFixtures(db).withPasskey();
    const ip = randomIp();
    const { challenge_id, options } = await ceremonyFor(ip);
    const key = await deviceKey();
    const browser = new Browser();
    const response = await passkeys.grant(browser, { grant_type: "passkey", challenge_id, credential: authenticator.assert(options) }, ip, dpop(await tokenProof(key)));
    await expectBound(browser, response, key);
  });

  it("refuses a bad proof with 401 DPOP_INVALID before any login is made", async () => {
    const user = await createUser(db);
    const key = await deviceKey();
    const bad = [
      await key.proof({ htu: "/api/auth/refresh-token" }),
      await key.proof({ htu: TOKEN, htm: "GET" }),
      await key.proof({ htu: TOKEN, iat: Math.floor(Date.now() / 1000) - 120 }),
      (await tokenProof(key)).slice(0, -4) + "AAAA",
      "not-a-proof",
    ];
    for (const proof of bad) {
      const response = await new Browser().login(user.username, user.password, dpop(proof));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: expect.any(String), code: "DPOP_INVALID" });
      expect(response.headers.get("www-authenticate")).toContain('DPoP algs="ES256", error="invalid_dpop_proof"');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await db.login.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: "dpop.refused", detail: { contains: "sign_in" } } })).toBeGreaterThanOrEqual(bad.length);
  });

  it("refuses a proof used for a sign-in a second time", async () => {
    const user = await createUser(db);
    const proof = await tokenProof(await deviceKey());
    expect((await new Browser().login(user.username, user.password, dpop(proof))).status).toBe(200);
    const replay = await new Browser().login(user.username, user.password, dpop(proof));
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe("DPOP_INVALID");
    expect(await db.login.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("a sign-in without a proof", () => {
  it("stays unbound: the same body as before, and refreshes with or without a proof", async () => {
    const user = await createUser(db);
    const browser = new Browser();
    const response = await browser.login(user.username, user.password);
    expect(response.status).toBe(200);
    expect(Object.keys(await bodyOf(response)).sort()).toEqual(["access_token", "expires_at", "session_expires_at", "token_expiry", "token_type", "unread_notifications"]);
    expect((await loginBehind(response)).dpopJkt).toBeNull();
    expect((await browser.refresh()).status).toBe(200);
    // A proof on an unbound login's refresh does not bind it mid-login.
    const withProof = await browser.refresh(dpop(await (await deviceKey()).proof()));
    expect(withProof.status).toBe(200);
    expect((await bodyOf(withProof)).dpop_jkt).toBeUndefined();
    expect((await loginBehind(withProof)).dpopJkt).toBeNull();
    expect((await browser.refresh()).status).toBe(200);
  });
});
