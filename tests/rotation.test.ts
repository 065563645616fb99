import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import { firstRefreshToken, hashRefreshToken, successorRefreshToken } from "@/lib/auth/sessions/refresh-token";
import type { AuthContext } from "@/lib/auth/context";
import { login } from "@/lib/auth/login";
import { refresh } from "@/lib/auth/sessions/refresh";
import type { Db } from "@/lib/db/client";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { loginOf, testRefreshKeys, tokenParts } from "./helpers/logins";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer, testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const COOKIE = refreshCookieName({ secure: false });
const GRACE_SECONDS = 10;
const LOST_ANSWER_SECONDS = 60;
const INVALID = { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" };
const client = { userAgent: "vitest", ip: "127.0.0.1" };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29) + seconds * 1000);

/** A refresh with this cookie from a browser of its own, so the caller's copy stays as it was. */
async function refreshWith(cookie: string) {
  const browser = new Browser();
  browser.jar.set(COOKIE, cookie);
  const response = await browser.refresh();
  return { response, cookie: browser.jar.get(COOKIE) };
}

describe("rotation through the route handlers", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await startTestServer({ REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS), REFRESH_LOST_ANSWER_SECONDS: String(LOST_ANSWER_SECONDS) }));
  });
  afterEach(restoreClock);

  async function signedIn() {
    const user = await createUser(db, { prefix: "rotate" });
    const browser = new Browser();
    expect((await browser.login(user.username, "secret")).status).toBe(200);
    return { user, browser, cookie: () => browser.jar.get(COOKIE)! };
  }

  it("moves the login on one generation, keeping only the new token's hash in its one row", async () => {
    const { user, browser, cookie } = await signedIn();
    const first = cookie();
    expect(tokenParts(first).generation).toBe(0);
    expect((await browser.refresh()).status).toBe(200);
    const second = cookie();
    expect(tokenParts(second)).toEqual({ loginId: tokenParts(first).loginId, generation: 1 });
    const row = await loginOf(db, second);
    expect(row).toMatchObject({ generation: 1, tokenHash: hashRefreshToken(second), revokedAt: null, userId: user.id });
    expect(row.rotatedAt).not.toBeNull();
    expect(await db.login.count({ where: { userId: user.id } })).toBe(1);
    expect(JSON.stringify(row)).not.toContain(first);
    expect(JSON.stringify(row)).not.toContain(second);
  });

  it("serves 20 concurrent refreshes with one cookie: nobody logged out, one successor, one rotation", async () => {
    const { cookie } = await signedIn();
    const shared = cookie();
    const answers = await Promise.all(Array.from({ length: 20 }, () => refreshWith(shared)));
    expect(answers.map((a) => a.response.status)).toEqual(Array(20).fill(200));
    const successors = new Set(answers.map((a) => a.cookie));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(await loginOf(db, shared)).toMatchObject({ generation: 1, tokenHash: hashRefreshToken(successor!), revokedAt: null });
    expect((await refreshWith(successor!)).response.status).toBe(200);
  });

  it("ends the login when the user is disabled or deleted, and records why", async () => {
    for (const how of ["disabled", "deleted"] as const) {
      const { user, browser, cookie } = await signedIn();
      const token = cookie();
      if (how === "disabled") await db.user.update({ where: { id: user.id }, data: { disabled: true } });
      else await db.user.delete({ where: { id: user.id } });

      const response = await browser.refresh();
      expect(response.status, how).toBe(401);
      expect((await response.json()).detail).toBe("User account error.");
      const row = await loginOf(db, token);
      expect(row.revokedReason, how).toBe("account_disabled");
      const events = await db.auditEvent.findMany({ where: { type: "refresh.account_error", familyId: row.id } });
      expect(events.map((e) => JSON.parse(e.detail!)), how).toEqual([{ reason: how }]);
    }
  });

  it("gives a replay of the previous token inside the grace window the same successor, without a second rotation", async () => {
    setClock(at(0));
    const { cookie } = await signedIn();
    const first = cookie();
    advanceClock(1);
    const next = await refreshWith(first);
    advanceClock(GRACE_SECONDS - 1);
    const replay = await refreshWith(first);
    expect(replay.response.status).toBe(200);
    expect(replay.cookie).toBe(next.cookie);
    const row = await loginOf(db, first);
    expect(row).toMatchObject({ generation: 1, revokedAt: null });
    expect(await db.auditEvent.count({ where: { type: "refresh.grace_replay", familyId: row.id } })).toBe(1);
  });

  it("gives a replay of the previous token inside the lost-answer window the same successor while that successor was never used", async () => {
    setClock(at(0));
    const { cookie } = await signedIn();
    const first = cookie();
    // The server committed this rotation, then died before the answer reached the browser.
    advanceClock(1);
    const lost = await refreshWith(first);
    advanceClock(LOST_ANSWER_SECONDS - 1);
    const retried = await refreshWith(first);
    expect(retried.response.status).toBe(200);
    expect(retried.cookie).toBe(lost.cookie);
    const row = await loginOf(db, first);
    expect(row).toMatchObject({ generation: 1, revokedAt: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "refresh.lost_answer_replay", familyId: row.id } });
    expect(JSON.parse(event.detail!)).toEqual({ rotatedSecondsAgo: LOST_ANSWER_SECONDS - 1 });
    // Once the successor has been used, the old token is theft again, even at once.
    const used = await refreshWith(retried.cookie!);
    expect(used.response.status).toBe(200);
    expect((await refreshWith(first)).response.status).toBe(401);
    expect((await refreshWith(used.cookie!)).response.status).toBe(401);
    expect(await loginOf(db, first)).toMatchObject({ revokedReason: "reuse_detected" });
  });

  it("treats the previous token after the lost-answer window as reuse: refused, and the login ends", async () => {
    setClock(at(0));
    const { cookie } = await signedIn();
    const first = cookie();
    advanceClock(1);
    const lost = await refreshWith(first);
    advanceClock(LOST_ANSWER_SECONDS + 1);
    const late = await refreshWith(first);
    expect(late.response.status).toBe(401);
    expect(await late.response.json()).toEqual(INVALID);
    const row = await loginOf(db, first);
    expect(row).toMatchObject({ revokedReason: "reuse_detected", generation: 1 });
    // The successor nobody had used dies with the login.
    const successor = await refreshWith(lost.cookie!);
    expect(successor.response.status).toBe(401);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "refresh.reuse_detected", familyId: row.id } });
    expect(JSON.parse(event.detail!)).toEqual({ generationsBehind: 1, rotatedSecondsAgo: LOST_ANSWER_SECONDS + 1 });
  });

  it("treats any older token, even inside the grace window, as reuse, and ends the login's access tokens too", async () => {
    setClock(at(0));
    const { browser, cookie } = await signedIn();
    const first = cookie();
    const refreshed = await browser.refresh();
    const access = await accessTokenOf(refreshed);
    expect((await browser.refresh()).status).toBe(200);
    advanceClock(1);
    const replay = await refreshWith(first);
    expect(replay.response.status).toBe(401);
    expect(await replay.response.json()).toEqual(INVALID);
    expect(await loginOf(db, first)).toMatchObject({ revokedReason: "reuse_detected", generation: 2 });
    expect((await browser.refresh()).status).toBe(401);
    expect((await me(access)).status).toBe(401);
  });

  it("refuses a token its seal does not vouch for, and one naming a generation never issued or a wrong secret, ending nothing", async () => {
    const { browser, cookie } = await signedIn();
    const genuine = cookie();
    const { loginId } = tokenParts(genuine);
    const altered = Buffer.from(genuine, "base64url");
    altered[20] = altered[20]! ^ 1; // generation 1, under generation 0's seal
    // Made with the server's own key, as only someone holding it could: a generation ahead, or generation 0 with another secret.
    const ahead = successorRefreshToken(genuine, loginId, 5, testRefreshKeys);
    const otherSecret = firstRefreshToken(loginId, testRefreshKeys);
    for (const token of [altered.toString("base64url"), ahead, otherSecret]) {
      const answer = await refreshWith(token);
      expect(answer.response.status).toBe(401);
      expect(await answer.response.json()).toEqual(INVALID);
    }
    expect(await loginOf(db, genuine)).toMatchObject({ revokedAt: null, generation: 0 });
    expect((await browser.refresh()).status).toBe(200);
  });
});

describe("expiry, with the clock in the test's hands", () => {
  let ctx: AuthContext & { db: Db };
  beforeAll(async () => {
    ctx = await testAuthContext({ reuseGraceSeconds: 10, lostAnswerSeconds: 60, refreshTtlSeconds: 100, sessionMaxAgeSeconds: 250 });
  });
  const start = (now: Date) => login(ctx, { username: "johndoe", password: "secret", presentedRefreshToken: null, ...client }, now);

  it("slides the expiry on use but never past the absolute cap", async () => {
    let token = (await start(at(0))).refreshToken;
    const maxAges: number[] = [];
    for (const t of [90, 180, 240]) {
      const issued = await refresh(ctx, token, client, at(t));
      token = issued.refreshToken;
      maxAges.push(issued.refreshMaxAgeSeconds);
    }
    expect(maxAges).toEqual([100, 70, 10]);
    await expect(refresh(ctx, token, client, at(250))).rejects.toMatchObject({ kind: "refresh_token_invalid" });
  });

  it("expires a token left unused past its sliding lifetime", async () => {
    const issued = await start(at(0));
    await expect(refresh(ctx, issued.refreshToken, client, at(100))).rejects.toMatchObject({ kind: "refresh_token_invalid" });
    const fresh = await start(at(0));
    await expect(refresh(ctx, fresh.refreshToken, client, at(99))).resolves.toMatchObject({ refreshMaxAgeSeconds: 100 });
  });

  it("refuses a revoked token", async () => {
    const issued = await start(at(0));
    await ctx.store.logins.revoke(tokenParts(issued.refreshToken).loginId, "admin", at(1));
    await expect(refresh(ctx, issued.refreshToken, client, at(2))).rejects.toMatchObject({ kind: "refresh_token_invalid" });
  });
});
