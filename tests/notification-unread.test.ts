import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { tokenResponseSchema } from "@/lib/contracts/auth";
import type { Db } from "@/lib/db/client";
import { signIn } from "./helpers/admin-routes";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { CHROME_MAC, FIREFOX_WINDOWS, notifications, SAFARI_IPHONE } from "./helpers/notifications";
import { Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { account, codeAt, mfaTokenFor, otpGrant, userWithTotp } from "./helpers/totp";
import { createUser } from "./helpers/users";

/** The bell's count travels with every token answer: sign-in, second step, refresh, re-authentication. */
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0" }));
});
afterEach(restoreClock);

const unreadIn = async (response: Response) => {
  expect(response.status, await response.clone().text()).toBe(200);
  return tokenResponseSchema.parse(await response.json()).unread_notifications;
};

describe("unread_notifications in token answers", () => {
  it("comes with a sign-in, a refresh and a re-authentication, and drops once read", async () => {
    const user = await createUser(db, { prefix: "unread" });
    const first = new Browser();
    expect(await unreadIn(await first.login(user.username, user.password, { "user-agent": FIREFOX_WINDOWS }))).toBe(0);
    expect(await unreadIn(await new Browser().login(user.username, user.password, { "user-agent": CHROME_MAC }))).toBe(1);
    const refreshed = await first.refresh();
    const token = ((await refreshed.clone().json()) as { access_token: string }).access_token;
    expect(await unreadIn(refreshed)).toBe(1);
    expect(await unreadIn(await new Browser().login(user.username, user.password, { "user-agent": SAFARI_IPHONE }))).toBe(2);
    expect(await unreadIn(await account.reauth(token, { password: user.password }, "10.26.0.1"))).toBe(2);
    expect((await notifications.read(token, { all: true })).status).toBe(204);
    expect(await unreadIn(await first.refresh())).toBe(0);
  });

  it("comes with the second step's answer", async () => {
    setClock(new Date());
    const { user, secret, ip } = await userWithTotp(db);
    advanceClock(30);
    const browser = new Browser();
    const mfaToken = await mfaTokenFor(browser, user.username, user.password, ip);
    // Turning TOTP on told them; nobody has read it.
    expect(await unreadIn(await otpGrant(browser, mfaToken, codeAt(secret), ip))).toBe(1);
  });

  it("counts only the caller's own notices", async () => {
    const admin = await signIn("johndoe", "secret", SAFARI_IPHONE);
    const body = (await admin.browser.refresh()).json();
    const adminUnread = (await body) as { unread_notifications: number };
    const mine = await db.notification.count({ where: { user: { username: "johndoe" }, readAt: null } });
    expect(adminUnread.unread_notifications).toBe(mine);
  });
});
