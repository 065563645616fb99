import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as reauthRoute from "@/app/api/auth/reauthenticate/route";
import * as sessionRoute from "@/app/api/sessions/[id]/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as unlockRoute from "@/app/api/users/[id]/unlock/route";
import * as usersRoute from "@/app/api/users/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import { deriveKey } from "@/lib/auth/tokens/derive-key";
import { rotateSigningKey } from "@/lib/auth/tokens/keys/rotate";
import { hashRefreshToken } from "@/lib/auth/sessions/refresh-token";
import { hashMfaToken } from "@/lib/auth/factors/mfa-challenge/token";
import type { AuditEventType } from "@/lib/auth/storage";
import type { Db } from "@/lib/db/client";
import { serverContext } from "@/lib/server/context";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { passkeys, registeredAuthenticator, signInWithPasskey } from "./helpers/passkeys";
import { notifications } from "./helpers/notifications";
import { startTestServer, TEST_SECRET } from "./helpers/test-app";
import { account, codeAt, mfaTokenFor, otpGrant, recoveryGrant, userWithTotp } from "./helpers/totp";
import { createUser } from "./helpers/users";
import { deviceKey, dpop } from "./helpers/dpop";

const COOKIE = refreshCookieName({ secure: false });

// Every type the audit log knows. Adding one to AuditEventType without listing it here
// fails `npm run typecheck`, and listing it without producing it below fails the test.
const ALL_TYPES = [
  "login.ok",
  "login.failed",
  "login.throttled",
  "refresh.grace_replay",
  "refresh.lost_answer_replay",
  "refresh.reuse_detected",
  "refresh.account_error",
  "refresh.wrong_key",
  "dpop.refused",
  "logout",
  "key.rotated",
  "password.changed",
  "reauth.succeeded",
  "reauth.failed",
  "mfa.challenged",
  "mfa.succeeded",
  "mfa.failed",
  "totp.enabled",
  "totp.disabled",
  "totp.reset_by_admin",
  "recovery_code.used",
  "recovery_codes.regenerated",
  "passkey.added",
  "passkey.removed",
  "passkey.signed_in",
  "passkey.failed",
  "passkey.clone_suspected",
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "user.unlocked",
  "user.deleted",
  "session.revoked",
  "session.expired",
  "notification.not_me",
] as const satisfies readonly AuditEventType[];
type Unlisted = Exclude<AuditEventType, (typeof ALL_TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;

let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "1", REFRESH_REUSE_GRACE_SECONDS: "10" }));
});
afterEach(restoreClock);

describe("the audit trail", () => {
  it("holds no password, token or hash in any event type", async () => {
    expect(everyTypeListed).toBe(true);
    setClock(new Date());
    const secrets: string[] = [];
    const keep = (...values: string[]) => void secrets.push(...values);
    const cookieOf = (browser: Browser) => {
      const cookie = browser.jar.get(COOKIE)!;
      keep(cookie, hashRefreshToken(cookie));
      return cookie;
    };
    const user = await createUser(db, { prefix: "audited", password: "first-password-value" });
    keep(user.password, user.passwordHash);
    const login = async (password: string, ip = "10.20.0.1") => {
      const browser = new Browser();
      const response = await browser.login(user.username, password, fromIp(ip));
      if (response.status === 200) keep(await accessTokenOf(response));
      return browser;
    };

    // login.failed and login.throttled
    for (let i = 0; i < 10; i++) await login(`wrong-guess-${i}`, "10.20.0.9");
    keep(...Array.from({ length: 10 }, (_, i) => `wrong-guess-${i}`));
    await login(user.password, "10.20.0.9");
    // login.ok, then refresh.grace_replay
    const tab = await login(user.password);
    const first = cookieOf(tab);
    keep(await accessTokenOf(await tab.refresh()));
    cookieOf(tab);
    const replay = new Browser();
    replay.jar.set(COOKIE, first);
    keep(await accessTokenOf(await replay.refresh()));
    // refresh.reuse_detected: the first token shown again after its successor was used
    keep(await accessTokenOf(await tab.refresh()));
    cookieOf(tab);
    advanceClock(11);
    const thief = new Browser();
    thief.jar.set(COOKIE, first);
    expect((await thief.refresh()).status).toBe(401);
    // refresh.lost_answer_replay: a rotation whose answer never arrived, retried late
    const unlucky = await login(user.password);
    const beforeLoss = cookieOf(unlucky);
    keep(await accessTokenOf(await unlucky.refresh()));
    cookieOf(unlucky);
    advanceClock(11);
    const retry = new Browser();
    retry.jar.set(COOKIE, beforeLoss);
    keep(await accessTokenOf(await retry.refresh()));
    // password.changed
    const changer = await login(user.password);
    cookieOf(changer);
    const token = (await accessTokenOf(await changer.refresh()))!;
    keep(token);
    cookieOf(changer);
    const newPassword = "second-password-value";
    keep(newPassword);
    const changed = await passwordRoute.POST(
      jsonRequest("/api/auth/password", { current_password: user.password, new_password: newPassword }, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(changed.status).toBe(204);
    keep((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash);
    // logout
    expect((await changer.logout()).status).toBe(204);
    // refresh.account_error
    const doomed = await login(newPassword);
    cookieOf(doomed);
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await doomed.refresh()).status).toBe(401);
    // key.rotated
    const rotated = await rotateSigningKey(serverContext().store, { encryptionKey: deriveKey(TEST_SECRET, "signing-key-encryption"), retiredKeyGraceSeconds: 315 }, new Date());
    expect(rotated).not.toBeNull();
    for (const key of await db.signingKey.findMany()) keep(key.privateKeyEnc);

    // The admin's actions: user.created, .updated, .role_changed, .disabled, .enabled,
    // .password_reset, .unlocked, session.revoked and user.deleted
    const admin = await accessTokenOf(await new Browser().login("johndoe", "secret", fromIp("10.20.0.50")));
    keep(admin);
    const asAdmin = { authorization: `Bearer ${admin}` };
    // reauth.failed and reauth.succeeded
    const reauth = (password: string) => reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", { password }, { headers: asAdmin }));
    keep("wrong-step-up-guess");
    expect((await reauth("wrong-step-up-guess")).status).toBe(401);
    keep(await accessTokenOf(await reauth("secret")));
    const byId = (id: number, method: string, body?: unknown) =>
      new Request(`http://localhost:3000/api/users/${id}`, { method, headers: { ...asAdmin, "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
    const managedPassword = "managed-user-password-1";
    const resetPassword = "reset-by-admin-password-2";
    keep(managedPassword, resetPassword);
    const created = await usersRoute.POST(
      jsonRequest("/api/users", { username: "audited-managed", fullName: "Managed", email: "m@example.com", role: "user", password: managedPassword }, { headers: asAdmin }),
    );
    expect(created.status).toBe(201);
    const managed = (await created.json()) as { id: number };
    for (const change of [{ fullName: "Managed Again" }, { role: "admin" }, { role: "user" }, { disabled: true }, { disabled: false }, { password: resetPassword }]) {
      expect((await userRoute.PUT(byId(managed.id, "PUT", change), params(managed.id))).status, JSON.stringify(change)).toBe(200);
    }
    expect((await unlockRoute.POST(new Request(`http://localhost:3000/api/users/${managed.id}/unlock`, { method: "POST", headers: asAdmin }), params(managed.id))).status).toBeLessThan(300);
    const managedLogin = new Browser();
    keep(await accessTokenOf(await managedLogin.login("audited-managed", resetPassword, fromIp("10.20.0.51"))));
    cookieOf(managedLogin);
    const session = await db.login.findFirstOrThrow({ where: { userId: managed.id, revokedAt: null } });
    const revokedSession = await sessionRoute.DELETE(new Request(`http://localhost:3000/api/sessions/${session.id}`, { method: "DELETE", headers: asAdmin }), { params: Promise.resolve({ id: session.id }) });
    expect(revokedSession.status).toBeLessThan(300);
    expect((await userRoute.DELETE(byId(managed.id, "DELETE"), params(managed.id))).status).toBe(200);
    for (const row of await db.user.findMany()) keep(row.passwordHash);

    // The second factor: totp.enabled, mfa.challenged, .failed, .succeeded, recovery_code.used,
    // recovery_codes.regenerated, totp.disabled and totp.reset_by_admin
    const withTotp = await userWithTotp(db);
    keep(withTotp.user.password, withTotp.user.passwordHash, withTotp.secret, withTotp.token, ...withTotp.recoveryCodes, ...withTotp.recoveryCodes.map((c) => c.replace("-", "")));
    advanceClock(30);
    const twoStep = new Browser();
    const mfaToken = await mfaTokenFor(twoStep, withTotp.user.username, withTotp.user.password, withTotp.ip);
    keep(mfaToken, hashMfaToken(mfaToken));
    const code = codeAt(withTotp.secret);
    const wrongCode = code === "000000" ? "111111" : "000000";
    keep(code, wrongCode);
    expect((await otpGrant(twoStep, mfaToken, wrongCode, withTotp.ip)).status).toBe(401);
    keep(await accessTokenOf(await otpGrant(twoStep, mfaToken, code, withTotp.ip)));
    cookieOf(twoStep);
    const byRecovery = new Browser();
    const recoveryToken = await mfaTokenFor(byRecovery, withTotp.user.username, withTotp.user.password, withTotp.ip);
    keep(recoveryToken, hashMfaToken(recoveryToken));
    keep(await accessTokenOf(await recoveryGrant(byRecovery, recoveryToken, withTotp.recoveryCodes[0]!, withTotp.ip)));
    cookieOf(byRecovery);
    const regenerated = (await (await account.regenerate(withTotp.token)).json()) as { recovery_codes: string[] };
    keep(...regenerated.recovery_codes, ...regenerated.recovery_codes.map((c) => c.replace("-", "")));
    advanceClock(30);
    keep(codeAt(withTotp.secret));
    expect((await account.turnOff(withTotp.token, codeAt(withTotp.secret))).status).toBe(204);
    const lostPhone = await userWithTotp(db);
    keep(lostPhone.user.password, lostPhone.user.passwordHash, lostPhone.secret, lostPhone.token, ...lostPhone.recoveryCodes);
    const freshAdmin = await accessTokenOf(await reauth("secret"));
    keep(freshAdmin);
    expect((await account.resetByAdmin(freshAdmin, lostPhone.user.id)).status).toBe(204);
    for (const row of await db.totpFactor.findMany()) keep(...[row.secretEnc, row.pendingSecretEnc].filter((v): v is string => v !== null));
    for (const row of await db.recoveryCode.findMany()) keep(row.codeHash);

    // Passkeys: passkey.added, .signed_in, .failed, .clone_suspected and .removed
    const passkeyUser = await createUser(db, { prefix: "audited-passkey", password: "passkey-user-password" });
    keep(passkeyUser.password, passkeyUser.passwordHash);
    const passkeyToken = await accessTokenOf(await new Browser().login(passkeyUser.username, passkeyUser.password, fromIp("10.20.0.70")));
    keep(passkeyToken);
    const { authenticator, id: passkeyId } = await registeredAuthenticator(passkeyToken);
    keep(authenticator.credentialId);
    const byPasskey = await signInWithPasskey(authenticator, "10.20.0.71", { counter: 3 });
    keep(await accessTokenOf(byPasskey.response), byPasskey.credential.response.signature, byPasskey.credential.response.authenticatorData);
    cookieOf(byPasskey.browser);
    expect((await signInWithPasskey(authenticator, "10.20.0.71", { counter: 2 })).response.status).toBe(401);
    expect((await passkeys.remove(passkeyToken, passkeyId)).status).toBe(200);
    for (const row of await db.webAuthnChallenge.findMany()) keep(row.challenge);
    // notification.not_me: the login that added the passkey was not theirs, they say
    const added = await db.notification.findFirstOrThrow({ where: { userId: passkeyUser.id, type: "passkey_added" } });
    expect((await notifications.notMe(passkeyToken, added.id)).status).toBe(204);

    // dpop.refused and refresh.wrong_key: a device-bound login shown a bad proof, then another key's
    const device = await deviceKey();
    const bound = new Browser();
    const signInProof = await device.proof({ htu: "/api/auth/token" });
    const badProof = await device.proof({ htm: "GET" });
    const thiefProof = await (await deviceKey()).proof();
    keep(signInProof, badProof, thiefProof);
    keep(await accessTokenOf(await bound.login("johndoe", "secret", { ...fromIp("10.20.0.80"), ...dpop(signInProof) })));
    cookieOf(bound);
    expect((await bound.refresh(dpop(badProof))).status).toBe(401);
    expect((await bound.refresh(dpop(thiefProof))).status).toBe(401);

    // session.expired: a login left unused past its sliding lifetime (7 days)
    const idle = new Browser();
    keep(await accessTokenOf(await idle.login("johndoe", "secret", fromIp("10.20.0.60"))));
    cookieOf(idle);
    advanceClock(7 * 24 * 3600 + 1);
    expect((await idle.refresh()).status).toBe(401);
    const events = await db.auditEvent.findMany();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(ALL_TYPES));
    // The notices users read hold none of it either.
    const dump = JSON.stringify([events, await db.notification.findMany()]);
    for (const secret of new Set(secrets)) expect(dump.includes(secret), `the audit trail holds ${secret.slice(0, 12)}…`).toBe(false);
    // Nor anything shaped like a bcrypt hash, a JWT or a refresh token.
    expect(dump).not.toMatch(/\$2[aby]\$\d\d\$/);
    expect(dump).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(dump).not.toMatch(/[A-Za-z0-9_-]{43}/);
  });
});
