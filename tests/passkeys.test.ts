import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { api, signIn } from "./helpers/admin-routes";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { BASE } from "./helpers/http";
import { ceremonyFor, claimsOf, passkeyFixtures, passkeys, refusal, registeredAuthenticator, signInWithPasskey } from "./helpers/passkeys";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { SoftwareAuthenticator } from "./helpers/software-authenticator";
import { startTestServer } from "./helpers/test-app";
import { codeAt, mfaTokenFor, otpGrant, randomIp, userWithTotp } from "./helpers/totp";

/** Registering, managing, step-up, the second step and the admin reset (signing in: passkey-sign-in.test.ts). */
let db: Db;
let fixtures: ReturnType<typeof passkeyFixtures>;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
  fixtures = passkeyFixtures(db);
});
afterEach(restoreClock);

const signedIn = (options?: { role?: "admin" | "user" }) => fixtures.signedIn(options);
const withPasskey = () => fixtures.withPasskey();
const failures = (userId: number | null, reason: string) => fixtures.failures(userId, reason);

describe("registering and managing passkeys", () => {
  it("registers a discoverable, verified passkey, lists, renames and removes it, and excludes it next time", async () => {
    const { user, token } = await signedIn();
    const optionsResponse = await passkeys.registrationOptions(token);
    expect(optionsResponse.status).toBe(200);
    const options = await optionsResponse.json();
    expect(options).toMatchObject({ rp: { id: "localhost", name: "Gatehouse" }, user: { name: user.username }, attestation: "none", excludeCredentials: [] });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(await db.webAuthnChallenge.count({ where: { challenge: options.challenge, purpose: "register", userId: user.id } })).toBe(1);

    const authenticator = new SoftwareAuthenticator(BASE);
    const created = await passkeys.register(token, { name: "  Laptop  ", credential: authenticator.register(options) });
    expect(created.status).toBe(201);
    const row = await created.json();
    expect(row).toEqual({ id: expect.any(Number), name: "Laptop", createdAt: expect.any(String), lastUsedAt: null, deviceType: "multiDevice", backedUp: true, transports: ["internal", "hybrid"] });
    const stored = await db.passkey.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ userId: user.id, credentialId: authenticator.credentialId, aaguid: "00000000-0000-0000-0000-000000000000", backedUp: true });
    expect(stored.publicKey.length).toBeGreaterThan(60);
    expect(await db.auditEvent.count({ where: { type: "passkey.added", userId: user.id } })).toBe(1);

    const again = await (await passkeys.registrationOptions(token)).json();
    expect(again.excludeCredentials).toEqual([{ id: authenticator.credentialId, type: "public-key", transports: ["internal", "hybrid"] }]);

    const list = await passkeys.list(token);
    expect(list.headers.get("content-range")).toBe("passkeys 0-0/1");
    expect(await list.json()).toEqual([row]);
    expect(await (await me(token)).json()).toMatchObject({ passkeyCount: 1 });

    const renamed = await passkeys.rename(token, row.id, "Work laptop");
    expect(await renamed.json()).toEqual({ ...row, name: "Work laptop" });

    const removed = await passkeys.remove(token, row.id);
    expect(removed.status).toBe(200);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: "passkey.removed", userId: user.id } })).toBe(1);
    const empty = await passkeys.list(token);
    expect(empty.headers.get("content-range")).toBe("passkeys */0");
  });

  it("spends a registration challenge once, and takes none made for another user", async () => {
    const { token } = await signedIn();
    const other = await signedIn();
    const options = await (await passkeys.registrationOptions(token)).json();
    const theirs = await passkeys.register(other.token, { name: "Stolen", credential: new SoftwareAuthenticator(BASE).register(options) });
    expect(await refusal(theirs)).toMatchObject({ status: 422, body: { code: "VALIDATION_FAILED", errors: { credential: expect.any(String) } } });
    const credential = new SoftwareAuthenticator(BASE).register(options);
    // The other user's attempt did not spend it: the challenge names its user.
    expect((await passkeys.register(token, { name: "Mine", credential })).status).toBe(201);
    expect((await passkeys.register(token, { name: "Twice", credential })).status).toBe(422);
  });

  it("refuses a registration from another origin or for another RP ID", async () => {
    const { token } = await signedIn();
    for (const overrides of [{ origin: "https://evil.example" }, { rpId: "evil.example" }]) {
      const options = await (await passkeys.registrationOptions(token)).json();
      const response = await passkeys.register(token, { name: "Phished", credential: new SoftwareAuthenticator(BASE).register(options, overrides) });
      expect(response.status).toBe(422);
    }
  });

  it("keeps each person's passkeys to themselves: another user's id is 404 for every method", async () => {
    const { token, id } = await withPasskey();
    const other = await signedIn();
    expect((await passkeys.get(other.token, id)).status).toBe(404);
    expect((await passkeys.rename(other.token, id, "Mine now")).status).toBe(404);
    expect((await passkeys.remove(other.token, id)).status).toBe(404);
    expect(await (await passkeys.list(other.token)).json()).toEqual([]);
    expect((await passkeys.get(token, id)).status).toBe(200);
  });

  it("asks for a recent proof to add or remove a passkey, in RFC 9470's form, and not to rename one", async () => {
    setClock(new Date());
    const { token, id } = await withPasskey();
    advanceClock(901);
    for (const response of [await passkeys.registrationOptions(token), await passkeys.remove(token, id)]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain('error="insufficient_user_authentication"');
      expect(await response.json()).toMatchObject({ code: "REAUTH_REQUIRED", max_age: 900 });
    }
    expect((await passkeys.rename(token, id, "Renamed")).status).toBe(200);
    expect(await db.passkey.count({ where: { id } })).toBe(1);
  });
});

describe("step-up with a passkey", () => {
  it("refreshes the current login's proof: same sid and refresh family, no cookie, no new login", async () => {
    setClock(new Date());
    const { user, token, browser, ip, authenticator } = await withPasskey();
    advanceClock(901);
    expect((await passkeys.registrationOptions(token)).status).toBe(401);
    const logins = await db.login.count({ where: { userId: user.id } });
    const ceremony = await ceremonyFor(ip, "reauth");
    const response = await passkeys.reauth(token, { challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) }, ip);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const fresh = await accessTokenOf(response);
    expect(claimsOf(fresh).sid).toBe(claimsOf(token).sid);
    expect(claimsOf(fresh).amr).toEqual(["pop", "user", "mfa"]);
    expect(claimsOf(fresh).auth_time).toBe(Math.floor(Date.now() / 1000));
    expect(await db.login.count({ where: { userId: user.id } })).toBe(logins);
    expect((await passkeys.registrationOptions(fresh)).status).toBe(200);
    // The refresh cookie from the password sign-in still rotates, and carries the new proof.
    const refreshed = await browser.refresh();
    expect(refreshed.status).toBe(200);
    const after = claimsOf(await accessTokenOf(refreshed));
    expect(after).toMatchObject({ sid: claimsOf(token).sid, amr: ["pop", "user", "mfa"] });
    expect(await db.auditEvent.count({ where: { type: "reauth.succeeded", userId: user.id } })).toBe(1);
  });

  it("refuses another user's passkey with 401 PASSKEY_INVALID, and moves nothing", async () => {
    const { user, token, ip } = await signedIn();
    const other = await withPasskey();
    const ceremony = await ceremonyFor(ip);
    const response = await passkeys.reauth(token, { challenge_id: ceremony.challenge_id, credential: other.authenticator.assert(ceremony.options) }, ip);
    expect(await refusal(response)).toMatchObject({ status: 401, body: { code: "PASSKEY_INVALID" } });
    expect(await failures(user.id, "other_user")).toBe(1);
    expect(await db.auditEvent.count({ where: { type: "reauth.failed", userId: user.id } })).toBe(1);
  });
});

describe("a passkey as the second step of a user with TOTP", () => {
  it("is offered in MFA_REQUIRED and finishes it with amr pwd pop user mfa; another user's passkey does not", async () => {
    setClock(new Date());
    const { user, ip, token, secret } = await userWithTotp(db);
    const { authenticator } = await registeredAuthenticator(token);
    const other = await withPasskey();
    advanceClock(30);

    const browser = new Browser();
    const login = await browser.login(user.username, user.password, fromIp(ip));
    expect(login.status).toBe(403);
    const { mfa_token, mfa_methods } = await login.json();
    expect(mfa_methods).toEqual(["totp", "recovery_code", "passkey"]);

    const stranger = await ceremonyFor(ip, "mfa");
    const refused = await passkeys.grant(browser, { grant_type: "mfa_passkey", mfa_token, challenge_id: stranger.challenge_id, credential: other.authenticator.assert(stranger.options) }, ip);
    expect(await refusal(refused)).toMatchObject({ status: 401, body: { code: "PASSKEY_INVALID" }, cookie: null });

    const ceremony = await ceremonyFor(ip, "mfa");
    const signedInAt = Math.floor(Date.now() / 1000);
    const response = await passkeys.grant(browser, { grant_type: "mfa_passkey", mfa_token, challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) }, ip);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toContain("HttpOnly");
    const claims = claimsOf(await accessTokenOf(response));
    expect(claims.amr).toEqual(["pwd", "pop", "user", "mfa"]);
    expect(claims.auth_time).toBe(signedInAt);
    // The mfa_token is spent: a code cannot use it again.
    expect((await otpGrant(new Browser(), mfa_token, codeAt(secret), ip)).status).toBe(401);
  });

  it("asks nothing more of a user with a passkey but no TOTP: the password alone still signs in", async () => {
    const { user } = await withPasskey();
    const response = await new Browser().login(user.username, user.password, fromIp(randomIp()));
    expect(response.status).toBe(200);
    expect(claimsOf(await accessTokenOf(response)).amr).toEqual(["pwd"]);
  });

  it("names the passkey in a re-authentication's MFA_REQUIRED, which the passkey then finishes alone", async () => {
    setClock(new Date());
    const { user, ip, token } = await userWithTotp(db);
    const { authenticator } = await registeredAuthenticator(token);
    const passwordOnly = await passkeys.reauth(token, { password: user.password }, ip);
    expect(passwordOnly.status).toBe(401);
    expect(await passwordOnly.json()).toEqual({ detail: expect.any(String), code: "MFA_REQUIRED", mfa_methods: ["totp", "recovery_code", "passkey"] });
    const ceremony = await ceremonyFor(ip, "reauth");
    const response = await passkeys.reauth(token, { challenge_id: ceremony.challenge_id, credential: authenticator.assert(ceremony.options) }, ip);
    expect(response.status).toBe(200);
  });

  it("leaves the TOTP users without passkeys as they were", async () => {
    setClock(new Date());
    const { user, ip } = await userWithTotp(db);
    advanceClock(30);
    expect(await mfaTokenFor(new Browser(), user.username, user.password, ip)).toEqual(expect.any(String));
    const login = await new Browser().login(user.username, user.password, fromIp(ip));
    expect((await login.json()).mfa_methods).toEqual(["totp", "recovery_code"]);
  });
});

describe("administration", () => {
  it("shows each user's passkey count, and the second-factor reset removes every passkey", async () => {
    const { user, authenticator } = await withPasskey();
    await registeredAuthenticator((await signIn(user.username, user.password)).token, "Phone");
    const { token: admin } = await signIn("johndoe");
    expect(await (await api.getUser(admin, user.id)).json()).toMatchObject({ passkeyCount: 2 });
    const rows = (await (await api.listUsers(admin, { filter: { id: [user.id] } })).json()) as { id: number; passkeyCount: number }[];
    expect(rows).toEqual([expect.objectContaining({ id: user.id, passkeyCount: 2 })]);

    const { POST } = await import("@/app/api/users/[id]/mfa/reset/route");
    const reset = await POST(new Request(`${BASE}/api/users/${user.id}/mfa/reset`, { method: "POST", headers: { authorization: `Bearer ${admin}` } }), { params: Promise.resolve({ id: String(user.id) }) });
    expect(reset.status).toBe(204);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(await (await api.getUser(admin, user.id)).json()).toMatchObject({ passkeyCount: 0 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "totp.reset_by_admin", userId: user.id } });
    expect(JSON.parse(event.detail!)).toMatchObject({ passkeysRemoved: 2 });
    expect((await signInWithPasskey(authenticator, randomIp())).response.status).toBe(401);
  });
});
