import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as reauthRoute from "@/app/api/auth/reauthenticate/route";
import type { Db } from "@/lib/db/client";
import { api, logoutScope, signIn } from "./helpers/admin-routes";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

// Access tokens outlive the step-up window here, so a test can age a proof without refreshing.
const MAX_AGE = 900;
const CHALLENGE = `Bearer error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=${MAX_AGE}`;

let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0", ACCESS_TOKEN_TTL_SECONDS: "3600" }));
});
afterEach(restoreClock);

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sid: string; auth_time: number; amr: string[]; iat: number };
const unix = () => Math.floor(Date.now() / 1000);

/** An admin of the test's own, signed in now from an address of its own. */
async function freshAdmin(ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  const user = await createUser(db, { prefix: "stepup", role: "admin" });
  const browser = new Browser();
  const response = await browser.login(user.username, user.password, fromIp(ip));
  expect(response.status).toBe(200);
  return { user, browser, ip, token: await accessTokenOf(response) };
}

function reauthenticate(token: string, password: string, ip: string) {
  return reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", { password }, { headers: { authorization: `Bearer ${token}`, ...fromIp(ip) } }));
}

async function expectStepUpRefusal(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe(CHALLENGE);
  expect(await response.json()).toEqual({ detail: expect.any(String), code: "REAUTH_REQUIRED", max_age: MAX_AGE });
}

describe("access tokens carry how and when the person proved who they are", () => {
  it("has auth_time (the sign-in) and amr [\"pwd\"] on a sign-in's token, stored on the login", async () => {
    setClock(new Date());
    const { token } = await freshAdmin();
    const claims = claimsOf(token);
    expect(claims.auth_time).toBe(unix());
    expect(claims.amr).toEqual(["pwd"]);
    const login = await db.login.findUniqueOrThrow({ where: { id: claims.sid } });
    expect(Math.floor(login.authTime!.getTime() / 1000)).toBe(claims.auth_time);
    expect(login.amr).toBe("pwd");
  });

  it("copies them on every refresh and never moves auth_time forward", async () => {
    setClock(new Date());
    const { browser, token } = await freshAdmin();
    const signedInAt = claimsOf(token).auth_time;
    for (let i = 0; i < 3; i++) {
      advanceClock(400);
      const refreshed = claimsOf(await accessTokenOf(await browser.refresh()));
      expect(refreshed.iat).toBe(unix());
      expect(refreshed.auth_time).toBe(signedInAt);
      expect(refreshed.amr).toEqual(["pwd"]);
    }
  });
});

describe("a sensitive action on a stale proof", () => {
  it("answers RFC 9470's 401 with the challenge and max_age, and the token stays good for everything else", async () => {
    setClock(new Date());
    const { token, user } = await freshAdmin();
    advanceClock(MAX_AGE + 1);
    await expectStepUpRefusal(await api.unlockUser(token, user.id));
    expect((await me(token)).status).toBe(200);
    expect((await api.listUsers(token)).status).toBe(200);
  });

  it("is allowed on a proof exactly max_age old", async () => {
    setClock(new Date());
    const { token, user } = await freshAdmin();
    advanceClock(MAX_AGE);
    expect((await api.unlockUser(token, user.id)).status).toBe(200);
  });

  it("is refused for each sensitive action, and nothing is written", async () => {
    setClock(new Date());
    const { token } = await freshAdmin();
    const target = await createUser(db, { prefix: "target" });
    advanceClock(MAX_AGE + 1);
    const before = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    const auditBefore = await db.auditEvent.count();
    const newUser = { username: `never-${target.id}`, fullName: "Never Made", email: "never@example.com", role: "user", password: "correct horse battery" };
    const attempts: [string, () => Promise<Response>][] = [
      ["create", () => api.createUser(token, newUser)],
      ["role", () => api.updateUser(token, target.id, { role: "admin" })],
      ["disable", () => api.updateUser(token, target.id, { disabled: true })],
      ["email", () => api.updateUser(token, target.id, { email: "moved@example.com" })],
      ["password", () => api.updateUser(token, target.id, { password: "another horse battery" })],
      ["a whole form with a new role", () => api.updateUser(token, target.id, { fullName: "Renamed", email: target.email, role: "admin", disabled: false })],
      ["delete", () => api.deleteUser(token, target.id)],
      ["unlock", () => api.unlockUser(token, target.id)],
    ];
    for (const [name, attempt] of attempts) {
      const response = await attempt();
      expect(response.status, name).toBe(401);
      expect((await response.json()).code, name).toBe("REAUTH_REQUIRED");
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(before);
    expect(await db.user.count({ where: { username: newUser.username } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("is not needed for an edit of the name alone, even with the unchanged fields sent along", async () => {
    setClock(new Date());
    const { token } = await freshAdmin();
    const target = await createUser(db, { prefix: "named" });
    advanceClock(MAX_AGE + 1);
    const response = await api.updateUser(token, target.id, { fullName: "Only The Name", email: target.email, role: "user", disabled: false });
    expect(response.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).fullName).toBe("Only The Name");
  });

  it("is checked after the role: a non-admin is told 403, not asked to confirm", async () => {
    setClock(new Date());
    const plain = await createUser(db, { prefix: "plain" });
    const { token } = await signIn(plain.username, plain.password);
    advanceClock(MAX_AGE + 1);
    expect((await api.deleteUser(token, plain.id)).status).toBe(403);
  });
});

describe("protective actions on a stale proof", () => {
  it("end a device, sign a user out everywhere, sign out and change one's own password without a step", async () => {
    setClock(new Date());
    const admin = await freshAdmin();
    const other = await freshAdmin();
    const target = await createUser(db, { prefix: "protected" });
    const targetLogin = await signIn(target.username, target.password);
    const device = claimsOf(targetLogin.token).sid;
    advanceClock(MAX_AGE + 1);

    expect((await api.endSession(admin.token, device)).status).toBe(200);
    expect((await api.signOutUser(admin.token, target.id)).status).toBe(200);
    const ownPassword = await passwordRoute.POST(
      jsonRequest("/api/auth/password", { current_password: other.user.password, new_password: "a brand new passphrase" }, { headers: { authorization: `Bearer ${other.token}` } }),
    );
    expect(ownPassword.status).toBe(204);
    expect((await logoutScope(admin.browser, "others")).status).toBeLessThan(300);
    expect((await admin.browser.logout()).status).toBe(204);
    expect(await db.login.findUniqueOrThrow({ where: { id: claimsOf(admin.token).sid } })).toMatchObject({ revokedReason: "logout" });
  });
});

describe("POST /api/auth/reauthenticate", () => {
  it("answers the normal token body with a fresh auth_time on the same login, leaves the cookie, and the proof holds across later refreshes", async () => {
    setClock(new Date());
    const { token, browser, ip } = await freshAdmin();
    const target = await createUser(db, { prefix: "promoted" });
    advanceClock(MAX_AGE + 1);
    await expectStepUpRefusal(await api.updateUser(token, target.id, { role: "admin" }));

    const response = await reauthenticate(token, "secret", ip);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const body = await response.json();
    expect(body).toMatchObject({ token_type: "bearer", token_expiry: 3600, expires_at: unix() + 3600, session_expires_at: expect.any(Number) });
    const confirmed = claimsOf(body.access_token);
    expect(confirmed).toMatchObject({ sid: claimsOf(token).sid, auth_time: unix(), amr: ["pwd"] });
    const login = await db.login.findUniqueOrThrow({ where: { id: confirmed.sid } });
    expect(Math.floor(login.authTime!.getTime() / 1000)).toBe(unix());
    expect(login.generation).toBe(0);

    expect((await api.updateUser(body.access_token, target.id, { role: "admin" })).status).toBe(200);
    advanceClock(600);
    const refreshed = await browser.refresh();
    expect(refreshed.status).toBe(200);
    const later = await accessTokenOf(refreshed);
    expect(claimsOf(later)).toMatchObject({ sid: confirmed.sid, auth_time: confirmed.auth_time });
    expect((await api.updateUser(later, target.id, { role: "user" })).status).toBe(200);
    advanceClock(MAX_AGE - 600 + 1);
    await expectStepUpRefusal(await api.updateUser(later, target.id, { role: "admin" }));

    const events = await db.auditEvent.findMany({ where: { familyId: confirmed.sid, type: { startsWith: "reauth." } } });
    expect(events.map((e) => e.type)).toEqual(["reauth.succeeded"]);
  });

  it("answers a wrong password with 401 INVALID_CREDENTIALS, ends nothing, and audits it", async () => {
    setClock(new Date());
    const { token, ip, user } = await freshAdmin();
    const response = await reauthenticate(token, "not my password", ip);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect((await me(token)).status).toBe(200);
    expect(await db.login.findUniqueOrThrow({ where: { id: claimsOf(token).sid } })).toMatchObject({ revokedAt: null });
    const failed = await db.auditEvent.findFirstOrThrow({ where: { type: "reauth.failed", userId: user.id } });
    expect(JSON.parse(failed.detail!)).toEqual({ reason: "bad_password" });
  });

  it("counts wrong passwords toward the sign-in throttle of the same username and address", async () => {
    setClock(new Date());
    const { token, ip, user } = await freshAdmin();
    for (let i = 0; i < 10; i++) expect((await reauthenticate(token, `guess-${i}`, ip)).status).toBe(401);
    const locked = await reauthenticate(token, "secret", ip);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await new Browser().login(user.username, user.password, fromIp(ip))).status).toBe(429);
    expect((await me(token)).status).toBe(200);
  });

  it("wants a bearer token, the same origin and a password", async () => {
    setClock(new Date());
    const { token, ip } = await freshAdmin();
    expect((await reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", { password: "secret" }))).status).toBe(401);
    const crossSite = jsonRequest("/api/auth/reauthenticate", { password: "secret" }, { headers: { authorization: `Bearer ${token}`, origin: "https://evil.example" } });
    expect((await reauthRoute.POST(crossSite)).status).toBe(403);
    expect((await reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", {}, { headers: { authorization: `Bearer ${token}`, ...fromIp(ip) } }))).status).toBe(422);
  });
});
