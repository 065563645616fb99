import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import * as sessionRoute from "@/app/api/sessions/[id]/route";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { jsonRequest } from "./helpers/http";
import { tokenParts } from "./helpers/logins";
import { accessTokenOf, Browser, listInvoices, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const COOKIE = refreshCookieName({ secure: false });
const GRACE_SECONDS = 10;
const CAP_SECONDS = 3600;
let db: Db;

beforeAll(async () => {
  ({ db } = await startTestServer({
    REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS),
    REFRESH_TOKEN_TTL_SECONDS: String(CAP_SECONDS),
    SESSION_MAX_AGE_SECONDS: String(CAP_SECONDS),
  }));
});
afterEach(restoreClock);

interface Login {
  userId: number;
  username: string;
  browser: Browser;
  /** The newest access token and refresh cookie this login was given. */
  token: string;
  cookie: string;
  familyId: string;
}

interface Ending {
  how: string;
  end(login: Login): Promise<void>;
  /** What the login's row says. */
  reason: string;
  /** The audit event that records it, looked up by type and login (or user). */
  event: { type: string; detail?: Record<string, unknown>; byUser?: boolean } | null;
  /**
   * Written by another instance (the test's own database client) rather than through this
   * server: it reaches this server's live-login view through the revocation clock, within
   * its bound, instead of at once.
   */
  elsewhere?: true;
}

const endings: Ending[] = [
  {
    how: "logout",
    end: async ({ browser }) => expect((await browser.logout()).status).toBe(204),
    reason: "logout",
    event: { type: "logout" },
  },
  {
    how: "detected reuse",
    async end(login) {
      const stolen = login.cookie;
      const rotated = await login.browser.refresh();
      expect(rotated.status).toBe(200);
      // The successor is used, so the stolen token cannot pass for a lost answer.
      const used = await login.browser.refresh();
      expect(used.status).toBe(200);
      login.token = await accessTokenOf(used);
      login.cookie = login.browser.jar.get(COOKIE)!;
      advanceClock(GRACE_SECONDS + 1);
      const thief = new Browser();
      thief.jar.set(COOKIE, stolen);
      expect((await thief.refresh()).status).toBe(401);
    },
    reason: "reuse_detected",
    event: { type: "refresh.reuse_detected", detail: { generationsBehind: 2, rotatedSecondsAgo: GRACE_SECONDS + 1 } },
  },
  {
    how: "password change elsewhere",
    async end({ username }) {
      const elsewhere = await accessTokenOf(await new Browser().login(username, "secret"));
      const body = { current_password: "secret", new_password: "a new and better passphrase" };
      const response = await passwordRoute.POST(jsonRequest("/api/auth/password", body, { headers: { authorization: `Bearer ${elsewhere}` } }));
      expect(response.status).toBe(204);
    },
    reason: "password_changed",
    event: { type: "password.changed", detail: { otherSessionsRevoked: 1 }, byUser: true },
  },
  {
    how: "disabled user",
    end: async ({ userId }) => void (await db.user.update({ where: { id: userId }, data: { disabled: true } })),
    elsewhere: true,
    reason: "account_disabled",
    event: { type: "refresh.account_error", detail: { reason: "disabled" } },
  },
  {
    how: "deleted user",
    end: async ({ userId }) => void (await db.user.delete({ where: { id: userId } })),
    elsewhere: true,
    reason: "account_disabled",
    event: { type: "refresh.account_error", detail: { reason: "deleted" } },
  },
  {
    how: "admin revoke",
    async end({ familyId }) {
      const admin = await accessTokenOf(await new Browser().login("johndoe", "secret"));
      const request = new Request(`http://localhost:3000/api/sessions/${familyId}`, { method: "DELETE", headers: { authorization: `Bearer ${admin}` } });
      expect((await sessionRoute.DELETE(request, { params: Promise.resolve({ id: familyId }) })).status).toBe(200);
    },
    reason: "admin",
    event: { type: "session.revoked", detail: { sessionsRevoked: 1 } },
  },
  {
    how: "absolute cap passing",
    async end(login) {
      // Slide the login to just before its cap, with a fresh access token...
      advanceClock(CAP_SECONDS - 60);
      const slid = await login.browser.refresh();
      expect(slid.status).toBe(200);
      login.token = await accessTokenOf(slid);
      login.cookie = login.browser.jar.get(COOKIE)!;
      // ...then let the cap pass while that access token is still unexpired.
      advanceClock(61);
    },
    reason: "expired",
    event: { type: "session.expired", detail: { reason: "absolute_cap" } },
  },
];

/** How long after now `token` is refused by the guard alone, asking every 10 ms for up to 3 s. */
async function msUntilRefused(token: string) {
  const started = performance.now();
  while (performance.now() - started < 3000) {
    if ((await listInvoices(token)).status === 401) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Number.POSITIVE_INFINITY;
}

describe("every way a login ends takes effect at once through this server (within the bound when written elsewhere), through the real routes", () => {
  it.each(endings)("ends by $how", async ({ end, reason, event, elsewhere }) => {
    setClock(new Date());
    const user = await createUser(db, { prefix: "ending" });
    const browser = new Browser();
    const response = await browser.login(user.username, "secret");
    const cookie = browser.jar.get(COOKIE)!;
    const login: Login = {
      userId: user.id,
      username: user.username,
      browser,
      token: await accessTokenOf(response),
      cookie,
      familyId: tokenParts(cookie).loginId,
    };
    expect((await me(login.token)).status).toBe(200);

    await end(login);
    if (elsewhere) expect(await msUntilRefused(login.token)).toBeLessThan(1000);

    // The access token already issued is refused on the very next request...
    const identity = await me(login.token);
    expect(identity.status).toBe(401);
    expect(identity.headers.get("www-authenticate")).toBe("Bearer");
    expect((await listInvoices(login.token)).status).toBe(401);
    // ...and so is the refresh cookie.
    const again = new Browser();
    again.jar.set(COOKIE, login.cookie);
    expect((await again.refresh()).status).toBe(401);

    expect(await db.login.findUniqueOrThrow({ where: { id: login.familyId } })).toMatchObject({ revokedAt: expect.any(Date), revokedReason: reason });
    if (event) {
      const where = event.byUser ? { type: event.type, userId: user.id } : { type: event.type, familyId: login.familyId };
      const recorded = await db.auditEvent.findMany({ where });
      expect(recorded).toHaveLength(1);
      if (event.detail) expect(JSON.parse(recorded[0]!.detail!)).toEqual(event.detail);
    }
  });
});
