import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { api } from "./helpers/admin-routes";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { account, codeAt, mfaTokenFor, otpGrant, randomIp, recoveryGrant, userWithTotp } from "./helpers/totp";
import { createUser } from "./helpers/users";

const MAX_AGE = 900;
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
});
afterEach(restoreClock);

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { amr: string[] };

async function signedIn(role: "admin" | "user" = "user") {
  const user = await createUser(db, { prefix: "manage", role });
  const ip = randomIp();
  const token = await accessTokenOf(await new Browser().login(user.username, user.password, fromIp(ip)));
  return { user, ip, token };
}

const meOf = async (token: string) => (await me(token)).json();

describe("enrolment", () => {
  it("hands out a pending secret and its URI, enables nothing until a code confirms it, then shows ten recovery codes once", async () => {
    setClock(new Date());
    const { user, token } = await signedIn();
    const first = await account.enrol(token);
    expect(first.status).toBe(200);
    const { secret: oldSecret } = await first.json();
    const second = await (await account.enrol(token)).json();
    expect(second.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(second.otpauth_uri).toBe(`otpauth://totp/Gatehouse:${encodeURIComponent(user.username)}?secret=${second.secret}&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30`);
    expect(await meOf(token)).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0 });
    expect((await new Browser().login(user.username, user.password, fromIp(randomIp()))).status).toBe(200);

    const stale = await account.confirm(token, codeAt(oldSecret));
    expect(stale.status).toBe(422);
    expect((await stale.json()).errors).toHaveProperty("code");
    expect(await meOf(token)).toMatchObject({ totpEnabled: false });

    const confirmed = await account.confirm(token, codeAt(second.secret));
    expect(confirmed.status).toBe(200);
    const { recovery_codes } = await confirmed.json();
    expect(recovery_codes).toHaveLength(10);
    for (const code of recovery_codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(await meOf(token)).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10 });

    const row = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretEnc).not.toContain(second.secret);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const { codeHash } of stored) for (const code of recovery_codes) expect(codeHash).not.toContain(code.replace("-", ""));
  });

  it("shows on the users list as totpEnabled, which the list filters on", async () => {
    setClock(new Date());
    const { token } = await signedIn("admin");
    const { user } = await userWithTotp(db);
    const plain = await createUser(db, { prefix: "nototp" });
    const ids = (rows: { id: number; totpEnabled: boolean }[]) => rows.map((row) => row.id);
    const withTotp = await (await api.listUsers(token, { filter: { totpEnabled: true }, range: [0, 999] })).json();
    const without = await (await api.listUsers(token, { filter: { totpEnabled: false }, range: [0, 999] })).json();
    expect(ids(withTotp)).toContain(user.id);
    expect(ids(withTotp)).not.toContain(plain.id);
    expect(ids(without)).toContain(plain.id);
    expect(ids(without)).not.toContain(user.id);
    expect(withTotp.every((row: { totpEnabled: boolean }) => row.totpEnabled)).toBe(true);
  });
});

describe("the step-up rule", () => {
  it("refuses to start enrolment, turn it off or replace recovery codes on a stale proof, writing nothing", async () => {
    setClock(new Date());
    const { token, user } = await signedIn();
    advanceClock(MAX_AGE + 1);
    for (const attempt of [() => account.enrol(token), () => account.turnOff(token, "123456"), () => account.regenerate(token)]) {
      const response = await attempt();
      expect(response.status).toBe(401);
      expect((await response.json()).code).toBe("REAUTH_REQUIRED");
    }
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
  });

  it("asks a user with TOTP for a code when confirming who they are, and records otp in the proof", async () => {
    setClock(new Date());
    const { user, token, ip, secret } = await userWithTotp(db);
    advanceClock(MAX_AGE + 1);
    const stale = await account.turnOff(token, codeAt(secret));
    expect((await stale.json()).code).toBe("REAUTH_REQUIRED");

    const passwordOnly = await account.reauth(token, { password: user.password }, ip);
    expect(passwordOnly.status).toBe(401);
    expect(await passwordOnly.json()).toEqual({ detail: expect.any(String), code: "MFA_REQUIRED", mfa_methods: ["totp", "recovery_code"] });
    const wrong = await account.reauth(token, { password: user.password, otp: codeAt(secret) === "000000" ? "111111" : "000000" }, ip);
    expect((await wrong.json()).code).toBe("MFA_CODE_INVALID");

    const confirmed = await account.reauth(token, { password: user.password, otp: codeAt(secret) }, ip);
    expect(confirmed.status).toBe(200);
    const fresh = await accessTokenOf(confirmed);
    expect(claimsOf(fresh).amr).toEqual(["pwd", "otp", "mfa"]);

    advanceClock(30);
    const wrongCode = await account.turnOff(fresh, codeAt(secret) === "000000" ? "111111" : "000000");
    expect(wrongCode.status).toBe(422);
    expect(await account.turnOff(fresh, codeAt(secret))).toHaveProperty("status", 204);
    expect(await meOf(fresh)).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0 });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await new Browser().login(user.username, user.password, fromIp(ip))).status).toBe(200);
  });
});

describe("re-authentication by recovery code", () => {
  it("renews the proof with amr pwd mfa, spends the code and records its use", async () => {
    setClock(new Date());
    const { user, token, ip, recoveryCodes } = await userWithTotp(db);
    // A proof moves the login's on only when it is later than the last one.
    advanceClock(1);
    const confirmed = await account.reauth(token, { password: user.password, recovery_code: recoveryCodes[3]! }, ip);
    expect(confirmed.status).toBe(200);
    expect(claimsOf(await accessTokenOf(confirmed)).amr).toEqual(["pwd", "mfa"]);
    expect(await meOf(token)).toMatchObject({ recoveryCodesLeft: 9 });
    expect(await db.auditEvent.count({ where: { type: "recovery_code.used", userId: user.id } })).toBe(1);
    const again = await account.reauth(token, { password: user.password, recovery_code: recoveryCodes[3]! }, ip);
    expect((await again.json()).code).toBe("MFA_CODE_INVALID");
  });
});

describe("recovery codes", () => {
  it("are replaced all at once: the old ones stop working, the new ones work", async () => {
    setClock(new Date());
    const { user, token, ip, recoveryCodes } = await userWithTotp(db);
    const replaced = await account.regenerate(token);
    expect(replaced.status).toBe(200);
    const { recovery_codes } = await replaced.json();
    expect(recovery_codes).toHaveLength(10);
    const browser = new Browser();
    expect((await recoveryGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), recoveryCodes[1]!, ip)).status).toBe(401);
    const ok = await recoveryGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), recovery_codes[1], ip);
    expect(ok.status).toBe(200);
    expect((await ok.json()).recovery_codes_left).toBe(9);
  });
});

describe("the admin reset", () => {
  it("is for admins on a fresh proof; it removes TOTP and recovery codes, ends the user's logins and is audited", async () => {
    setClock(new Date());
    const admin = await signedIn("admin");
    const { user, browser, ip } = await userWithTotp(db);
    const plain = await signedIn("user");
    expect((await account.resetByAdmin(plain.token, user.id)).status).toBe(403);
    advanceClock(MAX_AGE + 1);
    expect((await (await account.resetByAdmin(admin.token, user.id)).json()).code).toBe("REAUTH_REQUIRED");
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(1);

    const fresh = await accessTokenOf(await account.reauth(admin.token, { password: admin.user.password }, admin.ip));
    expect((await account.resetByAdmin(fresh, 999_999)).status).toBe(404);
    const reset = await account.resetByAdmin(fresh, user.id);
    expect(reset.status).toBe(204);
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await browser.refresh()).status).toBe(401);
    expect((await new Browser().login(user.username, user.password, fromIp(ip))).status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "totp.reset_by_admin", userId: user.id } });
    expect(event).toMatchObject({ actorId: admin.user.id, username: user.username });
  });
});

describe("the audit trail of the second factor", () => {
  it("records each event and never a secret, a code or an mfa_token", async () => {
    setClock(new Date());
    const { user, ip, secret, recoveryCodes, token } = await userWithTotp(db);
    advanceClock(30);
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    const code = codeAt(secret);
    await otpGrant(browser, mfaToken, code === "000000" ? "111111" : "000000", ip);
    await otpGrant(browser, mfaToken, code, ip);
    await recoveryGrant(browser, await mfaTokenFor(browser, user.username, user.password, ip), recoveryCodes[0]!, ip);
    await account.regenerate(token);
    const events = await db.auditEvent.findMany({ where: { userId: user.id } });
    const types = new Set(events.map((event) => event.type));
    for (const type of ["mfa.challenged", "mfa.failed", "mfa.succeeded", "totp.enabled", "recovery_code.used", "recovery_codes.regenerated"]) expect(types).toContain(type);
    const text = JSON.stringify(events);
    for (const secretThing of [secret, code, mfaToken, ...recoveryCodes, ...recoveryCodes.map((c) => c.replace("-", ""))]) expect(text).not.toContain(secretThing);
  });
});
