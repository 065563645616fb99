import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { serverContext } from "@/lib/server/context";
import { api, signIn } from "./helpers/admin-routes";
import { actAsGatehouseServer } from "./helpers/client-ip";
import { advanceClock, restoreClock, setClock } from "./helpers/clock";
import { CHROME_MAC, FIREFOX_WINDOWS, FIREFOX_WINDOWS_NEWER, listed, notifications, noticesOf, SAFARI_IPHONE } from "./helpers/notifications";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/** The owner-only API and the new-device rule over HTTP (real route handlers, both engines). */
let db: Db;
beforeAll(async () => {
  actAsGatehouseServer();
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0" }));
});
afterEach(restoreClock);

const DAY = 86_400;

/** A user who signed in from Firefox on Windows, then from a Mac: one new-device notice. */
async function userWithNotice() {
  const user = await createUser(db, { prefix: "notify" });
  const first = await signIn(user.username, user.password, FIREFOX_WINDOWS);
  const second = await signIn(user.username, user.password, CHROME_MAC);
  const [notice] = await listed(first.token);
  return { user, first, second, notice: notice! };
}

describe("the new-device rule over HTTP", () => {
  it("tells nothing on a first sign-in or the same device again, and tells each new device once", async () => {
    setClock(new Date());
    const user = await createUser(db, { prefix: "device" });
    const types = async () => (await noticesOf(db, user.id)).map((n) => n.type);
    await signIn(user.username, user.password, FIREFOX_WINDOWS);
    await signIn(user.username, user.password, FIREFOX_WINDOWS_NEWER);
    expect(await types()).toEqual([]);
    await signIn(user.username, user.password, CHROME_MAC);
    await signIn(user.username, user.password, CHROME_MAC);
    expect(await types()).toEqual(["new_device_sign_in"]);
    await signIn(user.username, user.password, SAFARI_IPHONE);
    expect(await types()).toEqual(["new_device_sign_in", "new_device_sign_in"]);
    const [newest] = await noticesOf(db, user.id);
    expect(JSON.parse(newest!.detail)).toMatchObject({ device: expect.stringMatching(/Safari.* on iOS/), at: newest!.createdAt.toISOString() });
  });

  it("tells a device again once it has not signed in for 90 days", async () => {
    setClock(new Date());
    const user = await createUser(db, { prefix: "device" });
    await signIn(user.username, user.password, FIREFOX_WINDOWS);
    await signIn(user.username, user.password, CHROME_MAC);
    advanceClock(89 * DAY);
    await signIn(user.username, user.password, FIREFOX_WINDOWS);
    expect(await noticesOf(db, user.id)).toHaveLength(1);
    advanceClock(91 * DAY);
    await signIn(user.username, user.password, CHROME_MAC);
    expect((await noticesOf(db, user.id)).map((n) => n.type)).toEqual(["new_device_sign_in", "new_device_sign_in"]);
  });
});

describe("GET /api/notifications", () => {
  it("lists the caller's notices newest first, filters by read, and says Content-Range", async () => {
    const { user, first } = await userWithNotice();
    await signIn(user.username, user.password, SAFARI_IPHONE);
    const all = await notifications.list(first.token);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-range")).toBe("notifications 0-1/2");
    const rows = (await all.json()) as { id: number; createdAt: string; read: boolean; detail: { device: string } }[];
    expect(rows[0]!.id).toBeGreaterThan(rows[1]!.id);
    expect(rows[0]!.detail.device).toMatch(/on iOS/);
    expect(rows.every((row) => !row.read)).toBe(true);

    expect((await notifications.read(first.token, { ids: [rows[1]!.id] })).status).toBe(204);
    expect((await listed(first.token, { filter: { read: true } })).map((row) => row.id)).toEqual([rows[1]!.id]);
    expect((await listed(first.token, { filter: { read: false } })).map((row) => row.id)).toEqual([rows[0]!.id]);
    const unread = await notifications.list(first.token, { filter: { read: false } });
    expect(unread.headers.get("content-range")).toBe("notifications 0-0/1");
  });

  it("refuses an unknown filter and a body that is neither ids nor all", async () => {
    const { first } = await userWithNotice();
    expect((await notifications.list(first.token, { filter: { userId: 1 } })).status).toBe(422);
    for (const body of [{}, { ids: [] }, { all: false }, { ids: [1], all: true }, { ids: ["1"] }]) {
      expect((await notifications.read(first.token, body)).status, JSON.stringify(body)).toBe(422);
    }
  });

  it("asks for a bearer token", async () => {
    expect((await notifications.list("not-a-token")).status).toBe(401);
  });
});

describe("owner only", () => {
  it("answers 404 for anyone else's notice, administrators included, and their ids change nothing", async () => {
    const { user, notice } = await userWithNotice();
    const other = await signIn((await createUser(db, { prefix: "other" })).username);
    const admin = await signIn("johndoe");
    for (const token of [other.token, admin.token]) {
      expect((await notifications.get(token, notice.id)).status).toBe(404);
      expect((await notifications.notMe(token, notice.id)).status).toBe(404);
      expect((await notifications.read(token, { ids: [notice.id] })).status).toBe(204);
      expect((await listed(token)).map((row) => row.id)).not.toContain(notice.id);
    }
    expect((await notifications.read(admin.token, { all: true })).status).toBe(204);
    const [stored] = await noticesOf(db, user.id);
    expect(stored!.readAt).toBeNull();
    expect((await notifications.get(other.token, 999_999_999)).status).toBe(404);
  });

  it("shows the owner their notice by id", async () => {
    const { first, notice } = await userWithNotice();
    const response = await notifications.get(first.token, notice.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(notice);
    expect((await notifications.get(first.token, "abc")).status).toBe(422);
  });
});

describe("marking read", () => {
  it("marks the caller's notices read, one by one or all at once", async () => {
    const { user, first } = await userWithNotice();
    await signIn(user.username, user.password, SAFARI_IPHONE);
    const [newest, oldest] = await listed(first.token);
    expect((await notifications.read(first.token, { ids: [oldest!.id] })).status).toBe(204);
    expect((await listed(first.token)).map((row) => row.read)).toEqual([false, true]);
    expect((await notifications.read(first.token, { all: true })).status).toBe(204);
    const rows = await listed(first.token);
    expect(rows.map((row) => row.read)).toEqual([true, true]);
    expect(rows.find((row) => row.id === newest!.id)!.readAt).toEqual(expect.any(String));
  });
});

describe('"this wasn\'t me"', () => {
  it("ends exactly the login the notice names, leaves the others live, and is audited", async () => {
    const { user, first, second, notice } = await userWithNotice();
    const third = await signIn(user.username, user.password, FIREFOX_WINDOWS);
    expect(notice.sessionId).toEqual(expect.any(String));
    expect(notice.sessionActive).toBe(true);
    const response = await notifications.notMe(first.token, notice.id);
    expect(response.status).toBe(204);
    expect((await second.browser.refresh()).status).toBe(401);
    expect((await first.browser.refresh()).status).toBe(200);
    expect((await third.browser.refresh()).status).toBe(200);
    const login = await db.login.findUniqueOrThrow({ where: { id: notice.sessionId! } });
    expect(login.revokedAt).not.toBeNull();
    expect(await db.login.count({ where: { userId: user.id, revokedAt: null } })).toBe(2);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "notification.not_me", userId: user.id } });
    expect(event).toMatchObject({ familyId: notice.sessionId, actorId: null });
    expect(JSON.parse(event.detail!)).toMatchObject({ notificationId: notice.id, sessionsRevoked: 1 });
    // Read, and its login shown as ended, in the list and by id: the button has nothing left to end.
    expect(await (await notifications.get(first.token, notice.id)).json()).toMatchObject({ read: true, sessionActive: false });
    expect((await listed(first.token)).find((row) => row.id === notice.id)).toMatchObject({ read: true, sessionActive: false });
  });

  it("needs no fresh proof, and a notice that names no login is a conflict", async () => {
    setClock(new Date());
    const { user, first, notice } = await userWithNotice();
    advanceClock(3600);
    const fresh = await first.browser.refresh();
    const token = ((await fresh.json()) as { access_token: string }).access_token;
    expect((await notifications.notMe(token, notice.id)).status).toBe(204);
    const admin = await signIn("johndoe");
    expect((await api.updateUser(admin.token, user.id, { role: "admin" })).status).toBe(200);
    const [roleNotice] = await listed(token);
    expect(roleNotice).toMatchObject({ type: "role_changed", sessionId: null, sessionActive: false });
    expect((await notifications.notMe(token, roleNotice!.id)).status).toBe(409);
  });
});

describe("retention", () => {
  it("prunes a user's notices older than 180 days when a new one is written", async () => {
    const { user, first } = await userWithNotice();
    const old = (days: number) => ({ userId: user.id, type: "password_changed", detail: "{}", createdAt: new Date(Date.now() - days * DAY * 1000) });
    await db.notification.createMany({ data: [old(181), old(179)] });
    expect(await noticesOf(db, user.id)).toHaveLength(3);
    await signIn(user.username, user.password, SAFARI_IPHONE);
    const ages = (await noticesOf(db, user.id)).map((n) => Math.floor((Date.now() - n.createdAt.getTime()) / (DAY * 1000)));
    expect(ages.sort((a, b) => a - b)).toEqual([0, 0, 179]);
    expect((await listed(first.token)).length).toBe(3);
  });

  it("prunes, in the server's own pass, the old notices of people who get no new one", async () => {
    const [quiet, other] = [await createUser(db, { prefix: "quiet" }), await createUser(db, { prefix: "quiet" })];
    const old = (userId: number, days: number) => ({ userId, type: "password_changed", detail: "{}", createdAt: new Date(Date.now() - days * DAY * 1000) });
    await db.notification.createMany({ data: [old(quiet.id, 181), old(quiet.id, 179), old(other.id, 400)] });
    expect(await serverContext().notificationRetention.sweep()).toBeGreaterThanOrEqual(2);
    const ages = async (userId: number) => (await noticesOf(db, userId)).map((n) => Math.floor((Date.now() - n.createdAt.getTime()) / (DAY * 1000)));
    expect(await ages(quiet.id)).toEqual([179]);
    expect(await ages(other.id)).toEqual([]);
  });
});
