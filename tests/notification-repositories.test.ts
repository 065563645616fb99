import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notice, noticeIf } from "@/lib/auth/notifications/notice";
import { startRetentionSweep } from "@/lib/auth/notifications/retention";
import type { AuthStorage, NewLogin } from "@/lib/auth/storage";
import { prismaStorage } from "@/lib/db/storage";
import { type Provisioned, provision } from "./helpers/provision";

/** The notices' storage contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let store: AuthStorage;
beforeAll(async () => {
  database = await provision();
  store = prismaStorage(database);
});
afterAll(() => database.dispose());

const now = new Date("2026-11-30T10:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const client = { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", ip: "203.0.113.7" };
const newUser = async () => database.db.user.create({ data: { username: `notice-contract-${randomUUID()}`, email: "n@example.com", fullName: "N", passwordHash: "x" } });
const loginFor = (userId: number, userAgent: string | null = null, at = now): NewLogin => ({
  id: randomUUID(),
  userId,
  tokenHash: randomUUID(),
  expiresAt: new Date(at.getTime() + 3_600_000),
  absoluteExpiresAt: new Date(at.getTime() + 7_200_000),
  userAgent,
  ip: null,
  authTime: at,
  amr: ["pwd"],
});
const query = (filter = {}, sort: { field: string; order: "ASC" | "DESC" } = { field: "createdAt", order: "DESC" }, range = { start: 0, end: 99 }) => ({ filter, sort, range });

describe("writing notices with their event", () => {
  it("commits the notice with the write, and none when the write changed nothing", async () => {
    const user = await newUser();
    const login = loginFor(user.id);
    await store.logins.create(login, now, noticeIf("new_device_sign_in", user.id, client, now, login.id));
    expect(await store.logins.revoke(login.id, "admin", now, noticeIf("signed_out_by_admin", user.id, client, now, login.id))).toBe(true);
    expect(await store.logins.revoke(login.id, "admin", now, noticeIf("signed_out_by_admin", user.id, client, now, login.id))).toBe(false);
    const { rows } = await store.notifications.list(user.id, query());
    expect(rows.map((row) => row.type).sort()).toEqual(["new_device_sign_in", "signed_out_by_admin"]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ device: "Firefox 128 on Linux", ip: "203.0.113.7", at: now.toISOString(), sessionId: login.id });
  });

  it("rolls the write back when the transaction fails after it, leaving no notice", async () => {
    const user = await newUser();
    const login = loginFor(user.id);
    const broken = () => [notice("new_device_sign_in", 2_000_000_000, client, now, login.id)];
    await expect(store.logins.create(login, now, broken)).rejects.toThrow();
    expect(await database.db.login.count({ where: { id: login.id } })).toBe(0);
    const refused = () => {
      throw new Error("forced inside the transaction");
    };
    await store.logins.create(login, now);
    await expect(store.logins.revoke(login.id, "admin", now, refused)).rejects.toThrow("forced");
    expect((await database.db.login.findUniqueOrThrow({ where: { id: login.id } })).revokedAt).toBeNull();
    await expect(store.users.setPasswordHash(user.id, "new-hash", refused)).rejects.toThrow("forced");
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe("x");
    expect(await database.db.notification.count({ where: { userId: user.id } })).toBe(0);
  });

  it("prunes the user's notices past 180 days as a new one is written, and no one else's", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const old = (userId: number, days: number) => ({ userId, type: "password_changed", detail: "{}", createdAt: daysAgo(days) });
    await database.db.notification.createMany({ data: [old(user.id, 181), old(user.id, 179), old(other.id, 181)] });
    await store.logins.create(loginFor(user.id), now, noticeIf("new_device_sign_in", user.id, client, now));
    const kept = await database.db.notification.findMany({ where: { userId: { in: [user.id, other.id] } }, orderBy: { createdAt: "asc" } });
    expect(kept.map((row) => [row.userId, row.createdAt.toISOString()])).toEqual([
      [other.id, daysAgo(181).toISOString()],
      [user.id, daysAgo(179).toISOString()],
      [user.id, now.toISOString()],
    ]);
  });
});

describe("reading a user's notices", () => {
  it("lists newest first, filters by read, pages, and never reaches another user's", async () => {
    const [user, other] = [await newUser(), await newUser()];
    for (let i = 0; i < 3; i++) await store.users.setPasswordHash(user.id, `h${i}`, noticeIf("password_changed", user.id, client, new Date(now.getTime() + i * 1000)));
    await store.users.setPasswordHash(other.id, "h", noticeIf("password_changed", other.id, client, now));
    const { rows, total } = await store.notifications.list(user.id, query());
    expect(total).toBe(3);
    expect(rows.map((row) => row.createdAt.getTime())).toEqual([2000, 1000, 0].map((ms) => now.getTime() + ms));
    const [theirs] = (await store.notifications.list(other.id, query())).rows;
    expect(await store.notifications.get(user.id, theirs!.id)).toBeNull();
    expect(await store.notifications.markRead(user.id, [theirs!.id, rows[2]!.id], now)).toBe(1);
    expect(await store.notifications.unreadCount(user.id)).toBe(2);
    expect(await store.notifications.unreadCount(other.id)).toBe(1);
    expect((await store.notifications.list(user.id, query({ read: true }))).rows.map((row) => row.id)).toEqual([rows[2]!.id]);
    expect((await store.notifications.list(user.id, query({ read: false }, { field: "id", order: "ASC" }))).rows.map((row) => row.id)).toEqual([rows[1]!.id, rows[0]!.id]);
    expect((await store.notifications.list(user.id, query({}, undefined, { start: 1, end: 1 }))).rows.map((row) => row.id)).toEqual([rows[1]!.id]);
    expect(await store.notifications.markRead(user.id, "all", now)).toBe(2);
    expect(await store.notifications.unreadCount(user.id)).toBe(0);
    expect(await store.notifications.unreadCount(other.id)).toBe(1);
  });

  it("tells the new-device rule whether the user signed in before, and from what since a moment", async () => {
    const user = await newUser();
    expect(await store.notifications.signInHistory(user.id, daysAgo(90))).toEqual({ signedInBefore: false, recentUserAgents: [] });
    await store.logins.create(loginFor(user.id, "old-agent", daysAgo(120)), daysAgo(120));
    expect(await store.notifications.signInHistory(user.id, daysAgo(90))).toEqual({ signedInBefore: true, recentUserAgents: [] });
    await store.logins.create(loginFor(user.id, "agent-a", daysAgo(10)), daysAgo(10));
    await store.logins.create(loginFor(user.id, "agent-a", daysAgo(5)), daysAgo(5));
    const history = await store.notifications.signInHistory(user.id, daysAgo(90));
    expect(history).toEqual({ signedInBefore: true, recentUserAgents: ["agent-a"] });
  });

  it("folds many sign-ins from a few devices to those devices, a login without a user agent among them", async () => {
    const user = await newUser();
    for (let i = 0; i < 40; i++) await store.logins.create(loginFor(user.id, i % 2 ? "agent-a" : "agent-b", daysAgo(1 + (i % 30))), daysAgo(1));
    await store.logins.create(loginFor(user.id, null, daysAgo(2)), daysAgo(2));
    const history = await store.notifications.signInHistory(user.id, daysAgo(90));
    expect(history.signedInBefore).toBe(true);
    expect([...history.recentUserAgents].sort()).toEqual(["agent-a", "agent-b", null].sort());
  });
});

describe("retention", () => {
  it("prunes everyone's notices past 180 days in one pass, and keeps the younger ones", async () => {
    const [a, b] = [await newUser(), await newUser()];
    const aged = (userId: number, days: number) => ({ userId, type: "password_changed", detail: "{}", createdAt: daysAgo(days) });
    await database.db.notification.createMany({ data: [aged(a.id, 181), aged(a.id, 179), aged(b.id, 200)] });
    const failures: unknown[] = [];
    const retention = startRetentionSweep(store.notifications, (error) => failures.push(error), 60_000);
    try {
      expect(await retention.sweep(now)).toBeGreaterThanOrEqual(2);
    } finally {
      retention.stop();
    }
    const left = await database.db.notification.findMany({ where: { userId: { in: [a.id, b.id] } } });
    expect(left.map((n) => [n.userId, n.createdAt.toISOString()])).toEqual([[a.id, daysAgo(179).toISOString()]]);
    expect(failures).toEqual([]);
  });
});
