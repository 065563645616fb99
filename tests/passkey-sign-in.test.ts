import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ServerContext } from "@/lib/server/context";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { BASE } from "./helpers/http";
import { ceremonyFor, claimsOf, passkeyFixtures, passkeys, refusal, signInWithPasskey } from "./helpers/passkeys";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { onInstance, randomIp, secondInstance } from "./helpers/totp";

/** Signing in with a passkey alone, and every way an assertion is refused. */
let db: Db;
let other: ServerContext;
let fixtures: ReturnType<typeof passkeyFixtures>;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
  fixtures = passkeyFixtures(db);
  other = secondInstance();
});
afterAll(() => other.close());
afterEach(restoreClock);

const withPasskey = () => fixtures.withPasskey();
const failures = (userId: number | null, reason: string) => fixtures.failures(userId, reason);

describe("signing in with a passkey", () => {
  it("gives discoverable options and answers the token body and cookie with amr pop user mfa", async () => {
    const { user, authenticator, id } = await withPasskey();
    const ip = randomIp();
    const ceremony = await ceremonyFor(ip);
    expect(ceremony.options).toMatchObject({ rpId: "localhost", allowCredentials: [], userVerification: "required" });
    const browser = new Browser();
    const response = await passkeys.grant(browser, { grant_type: "passkey", challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) }, ip);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toContain("HttpOnly");
    const claims = claimsOf(await accessTokenOf(response));
    expect(claims.amr).toEqual(["pop", "user", "mfa"]);
    expect((await db.login.findUniqueOrThrow({ where: { id: claims.sid } })).amr).toBe("pop user mfa");
    expect((await browser.refresh()).status).toBe(200);
    const stored = await db.passkey.findUniqueOrThrow({ where: { id } });
    expect(Number(stored.counter)).toBe(1);
    expect(stored.lastUsedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { type: "passkey.signed_in", userId: user.id } })).toBe(1);
  });

  it("refuses the same assertion twice, and a challenge that is spent, unknown or expired", async () => {
    setClock(new Date());
    const { user, authenticator } = await withPasskey();
    const ip = randomIp();
    const first = await signInWithPasskey(authenticator, ip);
    expect(first.response.status).toBe(200);
    const replay = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id: first.challenge_id, credential: first.credential }, ip);
    expect(await refusal(replay)).toEqual({ status: 401, body: { detail: expect.any(String), code: "PASSKEY_INVALID" }, cookie: null });
    expect(replay.status).toBe(401);
    // The same challenge answered afresh (a new signature, counter moved on) is still spent.
    const spent = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id: first.challenge_id, credential: authenticator.assert({ challenge: (await db.webAuthnChallenge.findUniqueOrThrow({ where: { id: first.challenge_id } })).challenge }) }, ip);
    expect(spent.status).toBe(401);
    expect(await failures(null, "spent_challenge")).toBeGreaterThanOrEqual(2);

    const unknown = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id: "00000000-0000-4000-8000-000000000000", credential: authenticator.assert({ challenge: "AAAA" }) }, ip);
    expect(await refusal(unknown)).toMatchObject({ status: 401, body: { code: "PASSKEY_INVALID" } });

    const ceremony = await ceremonyFor(ip);
    advanceClock(301);
    const expired = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) }, ip);
    expect(expired.status).toBe(401);
    expect(await failures(null, "expired_challenge")).toBeGreaterThanOrEqual(1);
    expect(await db.login.count({ where: { userId: user.id, amr: "pop user mfa" } })).toBe(1);
  });

  it("finishes on another instance than the one that gave the options, and takes a racing replay once", async () => {
    const { authenticator } = await withPasskey();
    const ip = randomIp();
    const ceremony = await onInstance(other, () => ceremonyFor(ip));
    const grant = { grant_type: "passkey", challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) };
    const racing = await Promise.all([passkeys.grant(new Browser(), grant, ip), onInstance(other, () => passkeys.grant(new Browser(), grant, ip))]);
    expect(racing.map((response) => response.status).sort()).toEqual([200, 401]);
  });

  it("takes no challenge made for another ceremony: a registration's cannot sign in", async () => {
    const { token, authenticator } = await withPasskey();
    const ip = randomIp();
    const registration = await (await passkeys.registrationOptions(token)).json();
    const stored = await db.webAuthnChallenge.findUniqueOrThrow({ where: { challenge: registration.challenge } });
    const response = await passkeys.grant(new Browser(), { grant_type: "passkey", challenge_id: stored.id, credential: authenticator.assert({ challenge: registration.challenge }) }, ip);
    expect(response.status).toBe(401);
    expect(await db.webAuthnChallenge.count({ where: { id: stored.id, usedAt: null } })).toBe(1);
  });

  it("refuses an assertion made for another origin or another RP ID, and one without user verification", async () => {
    const { user, authenticator } = await withPasskey();
    const ip = randomIp();
    for (const overrides of [{ origin: "https://evil.example" }, { rpId: "evil.example" }, { flags: 0x01 }]) {
      const { response } = await signInWithPasskey(authenticator, ip, overrides);
      expect(await refusal(response)).toMatchObject({ status: 401, body: { code: "PASSKEY_INVALID" }, cookie: null });
    }
    expect(await failures(user.id, "not_verified")).toBe(3);
  });

  it("refuses a counter that goes backwards and records a suspected clone; a passkey that keeps it at 0 is fine", async () => {
    const { user, authenticator, id } = await withPasskey();
    const ip = randomIp();
    expect((await signInWithPasskey(authenticator, ip, { counter: 5 })).response.status).toBe(200);
    for (const counter of [5, 3]) {
      const { response } = await signInWithPasskey(authenticator, ip, { counter });
      expect(response.status).toBe(401);
    }
    expect(await db.auditEvent.count({ where: { type: "passkey.clone_suspected", userId: user.id } })).toBe(2);
    expect(Number((await db.passkey.findUniqueOrThrow({ where: { id } })).counter)).toBe(5);
    expect((await signInWithPasskey(authenticator, ip, { counter: 6 })).response.status).toBe(200);

    const zero = await withPasskey();
    for (let i = 0; i < 2; i++) expect((await signInWithPasskey(zero.authenticator, ip, { counter: 0 })).response.status).toBe(200);
  });

  it("refuses a removed passkey and a disabled user", async () => {
    const { token, authenticator, id } = await withPasskey();
    const ip = randomIp();
    expect((await passkeys.remove(token, id)).status).toBe(200);
    expect(await refusal((await signInWithPasskey(authenticator, ip)).response)).toMatchObject({ status: 401, body: { code: "PASSKEY_INVALID" } });
    expect(await failures(null, "unknown_credential")).toBeGreaterThanOrEqual(1);

    const disabled = await withPasskey();
    await db.user.update({ where: { id: disabled.user.id }, data: { disabled: true } });
    const response = (await signInWithPasskey(disabled.authenticator, ip)).response;
    expect(await refusal(response)).toMatchObject({ status: 401, body: { code: "ACCOUNT_ERROR", detail: "User account error." }, cookie: null });
    expect(await db.login.count({ where: { userId: disabled.user.id, amr: "pop user mfa" } })).toBe(0);
  });

  it("throttles refused assertions by address: the eleventh answers 429 with Retry-After, other addresses go on", async () => {
    const { authenticator } = await withPasskey();
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      const { response } = await signInWithPasskey(authenticator, ip, { origin: "https://evil.example" });
      expect(response.status).toBe(401);
    }
    const { response } = await signInWithPasskey(authenticator, ip);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await response.json()).code).toBe("RATE_LIMITED");
    expect((await signInWithPasskey(authenticator, randomIp())).response.status).toBe(200);
  });

  it("asks the same origin of the options endpoint", async () => {
    const response = await passkeys.ceremony(randomIp(), undefined);
    expect(response.status).toBe(200);
    const { POST } = await import("@/app/api/auth/passkey/options/route");
    const crossSite = await POST(new Request(BASE + "/api/auth/passkey/options", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(crossSite.status).toBe(403);
  });
});

