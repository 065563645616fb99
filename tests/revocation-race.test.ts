import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { api, logoutScope, signIn } from "./helpers/admin-routes";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { jsonRequest } from "./helpers/http";
import { holdWrites, untilWaiting } from "./helpers/locks";
import { tokenParts } from "./helpers/logins";
import { testEngine } from "./helpers/provision";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/**
 * A revocation racing a thief who refreshes the same login, forced rather than hoped for:
 * a third party holds the login's row (PostgreSQL) or the file's write lock (SQLite) while
 * the thief's rotation and the revocation each reach their write and wait; then it lets go.
 * On PostgreSQL the lock's queue decides the order, so both orders are forced; on SQLite the
 * two race for the file. Whatever the order, a revocation that returned leaves no live token.
 */
const COOKIE = refreshCookieName({ secure: false });
const GRACE_SECONDS = 10;
let db: Db;
let url: string;

beforeAll(async () => {
  ({ db, url } = await startTestServer({ REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) }));
});
afterEach(restoreClock);

interface Race {
  userId: number;
  loginId: string;
  /** The victim's browser: it still holds the login's first token. */
  victim: Browser;
  /** Another login of the same user, signed in elsewhere. */
  elsewhere: { browser: Browser; token: string };
  admin: string;
}

interface Revocation {
  how: string;
  revoke(race: Race): Promise<Response>;
  status: number;
  reason: string;
}

const passwordChange = (token: string) =>
  passwordRoute.POST(jsonRequest("/api/auth/password", { current_password: "secret", new_password: "a new and better passphrase" }, { headers: { authorization: `Bearer ${token}` } }));

const revocations: Revocation[] = [
  { how: "reuse detection (the victim presents the old cookie)", revoke: ({ victim }) => victim.refresh(), status: 401, reason: "reuse_detected" },
  { how: "an admin ending the session", revoke: ({ admin, loginId }) => api.endSession(admin, loginId), status: 200, reason: "admin" },
  { how: "an admin signing the user out everywhere", revoke: ({ admin, userId }) => api.signOutUser(admin, userId), status: 200, reason: "admin" },
  { how: "a password change on another device", revoke: ({ elsewhere }) => passwordChange(elsewhere.token), status: 204, reason: "password_changed" },
  { how: "an admin resetting the password", revoke: ({ admin, userId }) => api.updateUser(admin, userId, { password: "an admin's new passphrase" }), status: 200, reason: "password_reset" },
  { how: "signing out the other devices", revoke: ({ elsewhere }) => logoutScope(elsewhere.browser, "others"), status: 204, reason: "signed_out_elsewhere" },
  { how: "the victim signing out", revoke: ({ victim }) => victim.logout(), status: 204, reason: "logout" },
];

/** A login whose token a thief has already rotated twice: the victim's copy is two generations old. */
async function stolenLogin(): Promise<Race & { thief: Browser; thiefToken: string }> {
  const user = await createUser(db, { prefix: "race" });
  const victim = new Browser();
  expect((await victim.login(user.username, "secret")).status).toBe(200);
  const thief = new Browser();
  thief.jar.set(COOKIE, victim.jar.get(COOKIE)!);
  expect((await thief.refresh()).status).toBe(200);
  const rotated = await thief.refresh();
  expect(rotated.status).toBe(200);
  const elsewhere = await signIn(user.username);
  const admin = (await signIn("johndoe")).token;
  return { userId: user.id, loginId: tokenParts(victim.jar.get(COOKIE)!).loginId, victim, elsewhere, admin, thief, thiefToken: await accessTokenOf(rotated) };
}

describe("a revocation racing a rotation of the same login", () => {
  const orders = testEngine() === "postgres" ? (["rotation first", "revocation first"] as const) : (["as the file lock lets them"] as const);

  for (const order of orders) {
    it.each(revocations)(`$how leaves no live token (${order})`, async ({ revoke, status, reason }) => {
      setClock(new Date());
      const race = await stolenLogin();
      // Past the grace window: the victim's copy is plain reuse, not a tab that lost a race.
      advanceClock(GRACE_SECONDS + 1);
      const held = await holdWrites(url, "Login", { column: "id", value: race.loginId });
      let released = Number.POSITIVE_INFINITY;
      const finishedAt = (response: Promise<Response>) => response.then((answer) => ({ answer, at: performance.now() }));
      const [first, second] = order === "revocation first" ? [() => revoke(race), () => race.thief.refresh()] : [() => race.thief.refresh(), () => revoke(race)];
      const firstDone = finishedAt(first());
      await untilWaiting(url, 1);
      const secondDone = finishedAt(second());
      await untilWaiting(url, 2);
      released = performance.now();
      await held.release();
      const [a, b] = await Promise.all([firstDone, secondDone]);
      // Both waited for the lock: neither could finish before the other had begun.
      expect(Math.min(a.at, b.at)).toBeGreaterThanOrEqual(released);
      const [rotation, revocation] = order === "revocation first" ? [b.answer, a.answer] : [a.answer, b.answer];

      expect(revocation.status).toBe(status);
      if (order === "revocation first") expect(rotation.status).toBe(401);
      const rotatedToken = rotation.status === 200 ? await accessTokenOf(rotation) : null;
      expect([200, 401]).toContain(rotation.status);

      expect(await db.login.findUniqueOrThrow({ where: { id: race.loginId } })).toMatchObject({ revokedAt: expect.any(Date), revokedReason: reason });
      // Nothing the thief holds still works: the cookie it rotated to, the access tokens it got.
      expect((await race.thief.refresh()).status).toBe(401);
      expect((await me(race.thiefToken)).status).toBe(401);
      if (rotatedToken) expect((await me(rotatedToken)).status).toBe(401);
    });
  }
});
