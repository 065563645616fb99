import { beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Activity } from "@/lib/contracts/audit";
import type { Db } from "@/lib/db/client";
import { api, signIn } from "./helpers/admin-routes";
import { tokenParts } from "./helpers/logins";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const COOKIE = refreshCookieName({ secure: false });
const REFRESHES = 1_000;
let db: Db;

beforeAll(async () => {
  ({ db } = await startTestServer());
});

const refreshedInLastDay = async (admin: string) => {
  const body: Activity = await (await api.activity(admin, { hours: "24" })).json();
  return body.buckets.reduce((sum, bucket) => sum + bucket.refreshed, 0);
};

/** Every row that names the login, in every table that can. */
async function rowsOf(loginId: string, userId: number) {
  const [logins, legacyTokens, auditEvents] = await Promise.all([
    db.login.count({ where: { userId } }),
    db.legacyRefreshToken.count({ where: { loginId } }),
    db.auditEvent.count({ where: { OR: [{ familyId: loginId }, { userId }] } }),
  ]);
  return { logins, legacyTokens, auditEvents };
}

describe("storage per login", () => {
  it(`stays a handful of rows after ${REFRESHES} refreshes, counts every one for the chart, and still ends the login on the first token`, async () => {
    const admin = (await signIn("johndoe")).token;
    const before = await refreshedInLastDay(admin);
    const user = await createUser(db, { prefix: "looper" });
    const browser = new Browser();
    expect((await browser.login(user.username, "secret")).status).toBe(200);
    const first = browser.jar.get(COOKIE)!;
    const { loginId } = tokenParts(first);

    let last: Response | null = null;
    for (let i = 0; i < REFRESHES; i++) {
      last = await browser.refresh();
      if (last.status !== 200) throw new Error(`refresh ${i + 1} answered ${last.status}`);
    }
    expect(tokenParts(browser.jar.get(COOKIE)!)).toEqual({ loginId, generation: REFRESHES });
    expect(await rowsOf(loginId, user.id)).toEqual({ logins: 1, legacyTokens: 0, auditEvents: 1 });
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ generation: REFRESHES, revokedAt: null });
    expect((await refreshedInLastDay(admin)) - before).toBe(REFRESHES);

    // The very first token, a thousand generations old, is reuse: the login ends for every holder.
    const thief = new Browser();
    thief.jar.set(COOKIE, first);
    expect((await thief.refresh()).status).toBe(401);
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ revokedReason: "reuse_detected" });
    expect((await browser.refresh()).status).toBe(401);
    expect((await me(await accessTokenOf(last!))).status).toBe(401);
  });
});
