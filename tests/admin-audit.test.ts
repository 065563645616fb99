import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Activity, AuditRow, Summary } from "@/lib/contracts/audit";
import type { LoginStore } from "@/lib/auth/storage";
import type { Db } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { api, signIn } from "./helpers/admin-routes";
import { Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: Db;
let logins: LoginStore;
let admin: string;
let jane: string;
let johnId: number;
let janeId: number;

beforeAll(async () => {
  const server = await startTestServer();
  db = server.db;
  logins = prismaStorage(server).logins;
  johnId = server.john.id;
  janeId = server.jane.id;
  admin = (await signIn("johndoe")).token;
  jane = (await signIn("janedoe")).token;
});

const rowsOf = async (response: Response) => {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as AuditRow[];
};

const event = (type: string, at: Date, extra: { userId?: number; username?: string } = {}) => db.auditEvent.create({ data: { type, at, ...extra } });

// The stories below build on each other's records: they run in the written order.
describe("admin-audit stories", { shuffle: false }, () => {
describe("who may read the trail and the statistics", () => {
  it("answers 403 to a plain user, 401 without a token", async () => {
    for (const response of [await api.listAudit(jane), await api.activity(jane), await api.activity(jane, { days: "30" }), await api.summary(jane)]) {
      expect(response.status).toBe(403);
    }
    expect((await api.listAudit(null)).status).toBe(401);
    expect((await api.activity(null)).status).toBe(401);
  });
});

describe("GET /api/audit-events", () => {
  it("lists newest first, naming who acted and whom it concerns", async () => {
    const created = await api.createUser(admin, { username: "audited", fullName: "Audited One", email: "a@example.com", role: "user", password: "correct horse battery" });
    const userId = ((await created.json()) as { id: number }).id;
    await api.updateUser(admin, userId, { role: "admin" });
    const response = await api.listAudit(admin);
    const rows = await rowsOf(response);
    expect(response.headers.get("content-range")).toMatch(/^audit-events 0-\d+\/\d+$/);
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => b - a));
    expect(rows[0]).toMatchObject({ type: "user.role_changed", actorId: johnId, actorUsername: "johndoe", userId, username: "audited", detail: { from: "user", to: "admin" } });
    expect(rows[1]).toMatchObject({ type: "user.created", actorId: johnId, userId, username: "audited" });
    const login = rows.find((row) => row.type === "login.ok" && row.userId === janeId)!;
    expect(login).toMatchObject({ actorId: janeId, actorUsername: "janedoe", username: "janedoe" });
  });

  it("names nobody as the actor of a failed sign-in: the username was only claimed", async () => {
    expect((await new Browser().login("janedoe", "not her password")).status).toBe(401);
    const failed = (await rowsOf(await api.listAudit(admin, { type: "login.failed" })))[0]!;
    expect(failed).toMatchObject({ type: "login.failed", actorId: null, actorUsername: null, userId: janeId, username: "janedoe" });
  });

  it("names the user of events that recorded only an id", async () => {
    const session = await signIn("janedoe");
    await session.browser.logout();
    const [logout] = await rowsOf(await api.listAudit(admin, { filter: { type: "logout" } }));
    expect(logout).toMatchObject({ type: "logout", userId: janeId, username: "janedoe" });
  });

  it("filters by type, user, text and date range", async () => {
    await new Browser().login("janedoe", "wrong password");
    const failed = await rowsOf(await api.listAudit(admin, { filter: { type: "login.failed" } }));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((row) => row.type === "login.failed")).toBe(true);
    const either = await rowsOf(await api.listAudit(admin, { filter: { type: ["login.failed", "login.ok"] }, range: [0, 99] }));
    expect(new Set(either.map((row) => row.type))).toEqual(new Set(["login.failed", "login.ok"]));

    const johns = await rowsOf(await api.listAudit(admin, { filter: { userId: johnId }, range: [0, 99] }));
    expect(johns.length).toBeGreaterThan(0);
    expect(johns.every((row) => row.userId === johnId || row.actorId === johnId)).toBe(true);
    expect(johns.some((row) => row.userId !== johnId)).toBe(true);

    await event("login.failed", new Date("2025-03-01T10:00:00Z"), { username: "Mixed_Case%Name" });
    await event("login.failed", new Date("2025-03-02T23:59:59.999Z"), { username: "mixedxcasexname" });
    await event("login.failed", new Date("2025-03-03T00:00:00Z"), { username: "later" });
    const names = async (filter: object) => (await rowsOf(await api.listAudit(admin, { filter }))).map((row) => row.username);
    expect(await names({ q: "mixed_case%" })).toEqual(["Mixed_Case%Name"]);
    expect(await names({ q: "MIXED" })).toEqual(["mixedxcasexname", "Mixed_Case%Name"]);
    expect(await names({ from: "2025-03-01", to: "2025-03-02" })).toEqual(["mixedxcasexname", "Mixed_Case%Name"]);
    expect(await names({ from: "2025-03-02T00:00:00Z", to: "2025-03-03T00:00:00Z" })).toEqual(["later", "mixedxcasexname"]);
    expect(await names({ to: "2025-03-01T09:59:59.999Z" })).toEqual([]);
  });

  it("answers 422 for unknown types, filters and sort fields", async () => {
    expect((await api.listAudit(admin, { filter: { type: "nope" } })).status).toBe(422);
    expect((await api.listAudit(admin, { filter: { detail: "x" } })).status).toBe(422);
    expect((await api.listAudit(admin, { filter: { from: "yesterday" } })).status).toBe(422);
    expect((await api.listAudit(admin, { sort: ["detail", "ASC"] })).status).toBe(422);
  });
});

describe("GET /api/stats/activity", () => {
  it("counts per hour in the database, with bucket edges exact", async () => {
    const now = Date.now();
    const thisHour = Math.floor(now / HOUR) * HOUR;
    await event("login.ok", new Date(thisHour - 3 * HOUR));
    await event("login.ok", new Date(thisHour - 2 * HOUR - 1));
    await event("login.failed", new Date(thisHour - 2 * HOUR));
    await event("login.throttled", new Date(thisHour - 2 * HOUR + 1));
    await event("refresh.reuse_detected", new Date(thisHour - 23 * HOUR));
    await event("login.ok", new Date(thisHour - 22 * HOUR - 1));
    await event("login.ok", new Date(thisHour - 23 * HOUR - 1));
    // Real rotations of one login, by the login store: two in the hour 5 h ago (added to the
    // counts table when the next rotation moves the hour on), one 3 h ago (still counted on
    // the login itself), and one more login's earlier hours already in the counts table.
    const id = randomUUID();
    await db.login.create({ data: { id, userId: janeId, tokenHash: randomUUID(), lastUsedAt: new Date(now), expiresAt: new Date(now + DAY), absoluteExpiresAt: new Date(now + DAY) } });
    const next = () => ({ tokenHash: randomUUID(), expiresAt: new Date(now + DAY), userAgent: null, ip: null });
    for (const [generation, at] of [thisHour - 5 * HOUR, thisHour - 5 * HOUR + HOUR - 1, thisHour - 3 * HOUR + 5 * 60_000].entries()) {
      expect(await logins.rotate(id, generation, next(), new Date(at))).toBe(true);
    }
    await db.refreshActivity.create({ data: { hour: thisHour / HOUR - 4, count: 7 } });

    const response = await api.activity(admin, { hours: "24" });
    expect(response.status).toBe(200);
    const body: Activity = await response.json();
    expect(body.buckets).toHaveLength(24);
    expect(body.from).toBe(new Date(thisHour - 23 * HOUR).toISOString());
    expect(body.buckets.map((bucket) => Date.parse(bucket.start))).toEqual(Array.from({ length: 24 }, (_, i) => thisHour - (23 - i) * HOUR));
    const at = (hoursAgo: number) => body.buckets[23 - hoursAgo]!;
    expect(at(3)).toEqual({ start: new Date(thisHour - 3 * HOUR).toISOString(), loginSucceeded: 2, loginFailed: 0, loginThrottled: 0, refreshed: 1, reuseDetected: 0, secondStepFailed: 0 });
    expect(at(4).refreshed).toBe(7);
    expect(at(5).refreshed).toBe(2);
    expect(await db.refreshActivity.findUnique({ where: { hour: thisHour / HOUR - 5 } })).toEqual({ hour: thisHour / HOUR - 5, count: 2 });
    expect(at(2)).toMatchObject({ loginSucceeded: 0, loginFailed: 1, loginThrottled: 1 });
    expect(at(23)).toMatchObject({ loginSucceeded: 1, reuseDetected: 1 });
    // The sign-ins of this test file happened in the current hour.
    expect(at(0).loginSucceeded).toBeGreaterThanOrEqual(2);
  });

  it("counts per UTC day with days=30, real refreshes included", async () => {
    const session = await signIn("janedoe");
    expect((await session.browser.refresh()).status).toBe(200);
    const today = Math.floor(Date.now() / DAY) * DAY;
    await event("login.failed", new Date(today - 10 * DAY));
    await event("login.failed", new Date(today - 9 * DAY - 1));
    await event("login.failed", new Date(today - 30 * DAY - 1));

    const body: Activity = await (await api.activity(admin, { days: "30" })).json();
    expect(body.buckets).toHaveLength(30);
    expect(body.buckets.map((bucket) => Date.parse(bucket.start))).toEqual(Array.from({ length: 30 }, (_, i) => today - (29 - i) * DAY));
    expect(body.buckets[29 - 10]!.loginFailed).toBe(2);
    expect(body.buckets[29]!.refreshed).toBeGreaterThanOrEqual(1);
    const total = (key: "loginFailed") => body.buckets.reduce((sum, bucket) => sum + bucket[key], 0);
    const inWindow = await db.auditEvent.count({ where: { type: "login.failed", at: { gte: new Date(today - 29 * DAY) } } });
    expect(total("loginFailed")).toBe(inWindow);
  });

  it("answers 422 for spans it does not offer", async () => {
    const spans: Record<string, string>[] = [{ hours: "0" }, { hours: "169" }, { days: "0" }, { hours: "abc" }, { hours: "2", days: "2" }, { weeks: "1" }];
    for (const params of spans) {
      expect((await api.activity(admin, params)).status, JSON.stringify(params)).toBe(422);
    }
    expect(((await (await api.activity(admin)).json()) as Activity).buckets).toHaveLength(24);
  });
});

describe("GET /api/stats/summary", () => {
  it("counts users, live logins and today's sign-ins from the database", async () => {
    const failuresBefore = ((await (await api.summary(admin)).json()) as Summary).failedSignInsToday;
    await new Browser().login("janedoe", "wrong password");
    const body: Summary = await (await api.summary(admin)).json();
    expect(body.users).toBe(await db.user.count());
    expect(body.failedSignInsToday).toBe(failuresBefore + 1);
    const midnight = new Date(Math.floor(Date.now() / DAY) * DAY);
    expect(body.signInsToday).toBe(await db.auditEvent.count({ where: { type: "login.ok", at: { gte: midnight } } }));
    const live = await db.login.count({ where: { revokedAt: null, expiresAt: { gt: new Date() }, absoluteExpiresAt: { gt: new Date() }, user: { is: { disabled: false } } } });
    expect(body.activeSessions).toBe(live);
  });
});
});
