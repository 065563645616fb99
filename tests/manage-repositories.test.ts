import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManageStorage } from "@/lib/auth/manage/storage";
import type { AuthStorage } from "@/lib/auth/storage";
import { prismaManageStorage } from "@/lib/db/manage-storage";
import { prismaStorage } from "@/lib/db/storage";
import { seedDemoData } from "@/prisma/seed-data";
import { type Provisioned, provision } from "./helpers/provision";

/** The admin operations' storage contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let manage: ManageStorage;
let store: AuthStorage;
let john: { id: number };
let jane: { id: number };

beforeAll(async () => {
  database = await provision();
  ({ john, jane } = await seedDemoData(database.db, 4));
  manage = prismaManageStorage(database);
  store = prismaStorage(database);
});
afterAll(() => database.dispose());

const now = new Date("2026-11-30T10:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);
const page = <F>(filter: F, sort = { field: "id", order: "ASC" as "ASC" | "DESC" }) => ({ filter, sort, range: { start: 0, end: 49 } });
const newUser = (username: string) => ({ username, fullName: `Full ${username}`, email: `${username}@example.com`, role: "user" as const, passwordHash: "x" });
const signIn = async (userId: number) => {
  const id = randomUUID();
  await store.logins.create({ id, userId, tokenHash: randomUUID(), expiresAt: later(3600), absoluteExpiresAt: later(7200), userAgent: "ua", ip: "10.0.0.9", authTime: now, amr: ["pwd"] }, now);
  return id;
};

describe("user directory", () => {
  it("creates users, refusing a taken username", async () => {
    const created = await manage.users.create(newUser("Contract_Ada"), now);
    expect(created).toMatchObject({ username: "Contract_Ada", role: "user", disabled: false, credentialVersion: 0 });
    expect(await manage.users.create(newUser("Contract_Ada"), now)).toBeNull();
  });

  it("lists by text ignoring case, with % and _ literal, and counts each user's live logins", async () => {
    const user = (await manage.users.create(newUser("contract_bea"), now))!;
    await signIn(user.id);
    const found = await manage.users.list(page({ q: "CONTRACT_B" }), now);
    expect(found.rows.map((row) => row.username)).toEqual(["contract_bea"]);
    expect(found).toMatchObject({ total: 1, rows: [{ activeSessions: 1, lastLoginAt: null }] });
    expect((await manage.users.list(page({ q: "%" }), now)).total).toBe(0);
    expect(await manage.users.get(user.id, now)).toEqual(found.rows[0]);
    expect(await manage.users.get(2_000_000_000, now)).toBeNull();
  });

  it("keeps the last enabled admin, and ends a user's logins with a new password", async () => {
    expect(await manage.users.update(john.id, { role: "user" }, now)).toEqual({ refused: "last_admin" });
    const user = (await manage.users.create(newUser("contract_cy"), now))!;
    const login = await signIn(user.id);
    const changed = await manage.users.update(user.id, { passwordHash: "y" }, now);
    expect(changed).toMatchObject({ sessionsRevoked: 1, after: { passwordHash: "y", credentialVersion: 1 } });
    expect(await store.logins.loginState(login)).toBeNull();
    expect(await manage.users.update(2_000_000_000, { fullName: "Nobody" }, now)).toEqual({ refused: "not_found" });
  });

  it("refuses to delete a user who owns invoices, and deletes one who does not", async () => {
    const invoices = await database.db.invoice.count({ where: { ownerId: jane.id } });
    expect(await manage.users.delete(jane.id, now)).toEqual({ refused: "owns_invoices", invoices });
    const user = (await manage.users.create(newUser("contract_dot"), now))!;
    expect(await manage.users.delete(user.id, now)).toMatchObject({ deleted: { username: "contract_dot" } });
    expect(await manage.users.delete(user.id, now)).toEqual({ refused: "not_found" });
  });
});

describe("login directory", () => {
  it("lists and reads live logins only", async () => {
    const user = (await manage.users.create(newUser("contract_eve"), now))!;
    const live = await signIn(user.id);
    const ended = await signIn(user.id);
    await store.logins.revoke(ended, "admin", now);
    const listed = await manage.logins.list(page({ userId: user.id }, { field: "lastUsedAt", order: "DESC" }), now);
    expect(listed).toMatchObject({ total: 1, rows: [{ id: live, userId: user.id, username: "contract_eve", ip: "10.0.0.9" }] });
    expect(await manage.logins.get(live, now)).toEqual(listed.rows[0]);
    expect(await manage.logins.get(ended, now)).toBeNull();
    expect((await manage.logins.list(page({ userId: user.id }), later(7201))).total).toBe(0);
  });
});

describe("audit trail and activity", () => {
  it("lists events by type, user and text, newest first, and counts them per bucket", async () => {
    const at = new Date("2026-11-29T10:15:00Z");
    await store.audit.record({ type: "login.ok", userId: jane.id, username: "janedoe", ip: "10.9.9.9" }, at);
    await store.audit.record({ type: "login.failed", username: "janedoe", ip: "10.9.9.9" }, new Date(at.getTime() + 1000));
    const listed = await manage.auditTrail.list(page({ q: "10.9.9", userId: jane.id }, { field: "at", order: "DESC" }));
    expect(listed).toMatchObject({ total: 1, rows: [{ type: "login.ok", username: "janedoe" }] });
    const both = await manage.auditTrail.list(page({ q: "10.9.9", from: "2026-11-29", to: "2026-11-29" }, { field: "at", order: "DESC" }));
    expect(both.rows.map((row) => row.type)).toEqual(["login.failed", "login.ok"]);
    const buckets = await manage.activity.buckets(new Date("2026-11-29T10:00:00Z"), new Date("2026-11-29T12:00:00Z"), "hour");
    expect(buckets.map((bucket) => bucket.start.toISOString())).toEqual(["2026-11-29T10:00:00.000Z", "2026-11-29T11:00:00.000Z"]);
    expect(buckets[0]).toMatchObject({ loginSucceeded: 1, loginFailed: 1 });
    const [day] = await manage.activity.buckets(new Date("2026-11-29T00:00:00Z"), new Date("2026-11-30T00:00:00Z"), "day");
    expect(day).toMatchObject({ start: new Date("2026-11-29T00:00:00Z"), loginSucceeded: 1, loginFailed: 1 });
    const summary = await manage.activity.summary(now, new Date("2026-11-29T00:00:00Z"));
    expect(summary).toMatchObject({ users: await database.db.user.count(), signInsToday: 1, failedSignInsToday: 1 });
  });
});
