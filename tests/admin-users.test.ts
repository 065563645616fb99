import { beforeAll, describe, expect, it } from "vitest";
import type { UserRow } from "@/lib/contracts/users";
import type { Db } from "@/lib/db/client";
import pg from "pg";
import { sqliteFilePath } from "@/lib/db/database-url";
import { serverContext } from "@/lib/server/context";
import { api, signIn } from "./helpers/admin-routes";
import { holdSqliteFileLockUntilReleased } from "./helpers/locks";
import { testEngine } from "./helpers/provision";
import { Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

let db: Db;
let admin: string;
let adminId: number;
let jane: string;
let janeId: number;

let databaseUrl: string;

beforeAll(async () => {
  const server = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "0" });
  db = server.db;
  databaseUrl = server.url;
  adminId = server.john.id;
  janeId = server.jane.id;
  admin = (await signIn("johndoe")).token;
  jane = (await signIn("janedoe")).token;
});

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  fullName: `${username} Tester`,
  email: `${username}@example.com`,
  role: "user",
  password: "correct horse battery",
  ...extra,
});

async function create(username: string, extra: Record<string, unknown> = {}): Promise<UserRow> {
  const response = await api.createUser(admin, newUser(username, extra));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

/**
 * Holds two user edits open together. Both reach the user store (so both passed their
 * authorisation) while something outside keeps their writes from finishing: on SQLite
 * another process's write lock, on PostgreSQL another connection's locks on the two users'
 * rows, which each edit waits on once it has read what it decides on (or, with the admins'
 * rows locked first, before). `bothInside` lets go once both are there.
 */
async function forcedOverlap(userIds: number[]) {
  const users = serverContext().manage.users;
  const update = users.update;
  let arrived = 0;
  users.update = (...args) => {
    arrived++;
    return update(...args);
  };
  const restore = () => void (users.update = update);
  const until = async (condition: () => Promise<boolean>) => {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  if (testEngine() === "sqlite") {
    const lock = await holdSqliteFileLockUntilReleased(sqliteFilePath(databaseUrl));
    return {
      async bothInside() {
        await until(async () => arrived === 2);
        restore();
        await lock.release();
      },
    };
  }
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query(`BEGIN; SELECT "id" FROM "User" WHERE "id" IN (${userIds.map(Number).join(", ")}) FOR UPDATE`);
  const name = new URL(databaseUrl).pathname.slice(1);
  const waiting = async () =>
    (await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [name])).rows[0].n === 2;
  return {
    async bothInside() {
      await until(async () => arrived === 2 && (await waiting()));
      restore();
      await holder.query("COMMIT");
      await holder.end();
    },
  };
}

const auditTypes = async (userId: number) =>
  (await db.auditEvent.findMany({ where: { userId }, orderBy: { id: "asc" } })).map((event) => ({ type: event.type, actorId: event.actorId }));

// The stories below build on each other (a demotion, a deletion): they run in the written order.
describe("the admin users API", { shuffle: false }, () => {
describe("who may manage users", () => {
  it("answers 403 to a plain user on every users endpoint, 401 without a token", async () => {
    const calls = [
      api.listUsers(jane),
      api.createUser(jane, newUser("sneaky")),
      api.getUser(jane, adminId),
      api.updateUser(jane, janeId, { role: "admin" }),
      api.deleteUser(jane, adminId),
      api.unlockUser(jane, janeId),
      api.signOutUser(jane, adminId),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await api.listUsers(null)).status).toBe(401);
    expect(await db.user.findUnique({ where: { username: "sneaky" } })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: janeId } })).role).toBe("user");
  });
});

describe("GET /api/users", () => {
  it("lists users with their logins and last sign-in, never a hash", async () => {
    const response = await api.listUsers(admin, { sort: ["id", "ASC"] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-range")).toMatch(/^users 0-\d+\/\d+$/);
    const rows: UserRow[] = await response.json();
    const john = rows.find((row) => row.username === "johndoe")!;
    expect(Object.keys(john).sort()).toEqual(["activeSessions", "createdAt", "disabled", "email", "fullName", "id", "lastLoginAt", "passkeyCount", "role", "totpEnabled", "username"]);
    expect(john).toMatchObject({ role: "admin", disabled: false, fullName: "John Doe", totpEnabled: false });
    expect(john.activeSessions).toBeGreaterThanOrEqual(1);
    expect(Date.parse(john.lastLoginAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(rows)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it("searches username, name and email case-insensitively, with % and _ taken literally", async () => {
    await create("percent_user", { fullName: "Ada 100% Lovelace", email: "ADA@Example.org" });
    await create("percentxuser", { fullName: "Ada Byron" });
    const names = async (filter: object) => ((await (await api.listUsers(admin, { filter })).json()) as UserRow[]).map((row) => row.username).sort();
    expect(await names({ q: "LOVELACE" })).toEqual(["percent_user"]);
    expect(await names({ q: "ada@example" })).toEqual(["percent_user"]);
    expect(await names({ q: "100%" })).toEqual(["percent_user"]);
    expect(await names({ q: "t_u" })).toEqual(["percent_user"]);
    expect(await names({ q: "%" })).toEqual(["percent_user"]);
    expect(await names({ role: "admin" })).toEqual(["johndoe"]);
    expect(await names({ q: "ada", disabled: false })).toEqual(["percent_user", "percentxuser"]);
    expect(await names({ q: "ada", disabled: true })).toEqual([]);
    expect((await api.listUsers(admin, { sort: ["passwordHash", "ASC"] })).status).toBe(422);
    expect((await api.listUsers(admin, { filter: { passwordHash: "x" } })).status).toBe(422);
  });
});

describe("POST /api/users", () => {
  it("creates a user who can then sign in, and audits who did it", async () => {
    const row = await create("Newcomer", { role: "user" });
    expect(row).toMatchObject({ username: "newcomer", role: "user", disabled: false, activeSessions: 0, lastLoginAt: null });
    const { token } = await signIn("newcomer", "correct horse battery");
    expect((await me(token)).status).toBe(200);
    expect(await auditTypes(row.id)).toEqual([
      { type: "user.created", actorId: adminId },
      { type: "login.ok", actorId: null },
    ]);
  });

  it("applies the password policy with errors.password", async () => {
    for (const password of ["short", "password123", "policyuser"]) {
      const response = await api.createUser(admin, newUser("policyuser", { password }));
      expect(response.status, password).toBe(422);
      const body = await response.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.errors.password).toEqual(expect.any(String));
    }
    expect(await db.user.findUnique({ where: { username: "policyuser" } })).toBeNull();
  });

  it("refuses a taken username (as typed in any case) with 409, and bad fields with 422", async () => {
    const taken = await api.createUser(admin, newUser("JANEDOE"));
    expect(taken.status).toBe(409);
    expect((await taken.json()).errors).toEqual({ username: "Already taken" });
    const invalid = await api.createUser(admin, newUser("bad name", { email: "not-an-email", role: "root" }));
    expect(invalid.status).toBe(422);
    expect(Object.keys((await invalid.json()).errors).sort()).toEqual(["email", "role", "username"]);
  });
});

describe("PUT /api/users/:id", () => {
  it("edits name and email and audits the fields", async () => {
    const row = await create("editme");
    const response = await api.updateUser(admin, row.id, { ...row, fullName: "Edited Name", email: "edited@example.com", password: "" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ fullName: "Edited Name", email: "edited@example.com" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { userId: row.id, type: "user.updated" } });
    expect(event).toMatchObject({ actorId: adminId, actorUsername: "johndoe", username: "editme" });
    expect(JSON.parse(event.detail!)).toEqual({ fields: "fullName,email" });
  });

  it("disabling refuses the user's token on the next request, their refresh and their sign-in", async () => {
    const row = await create("tobedisabled");
    const session = await signIn("tobedisabled", "correct horse battery");
    const signInBeforeDisable = signIn("tobedisabled", "correct horse battery");
    await signInBeforeDisable;
    expect((await me(session.token)).status).toBe(200);
    expect((await api.updateUser(admin, row.id, { disabled: true })).status).toBe(200);
    expect(await (await api.getUser(admin, row.id)).json()).toMatchObject({ disabled: true, activeSessions: 0 });

    expect((await me(session.token)).status).toBe(401);
    const refused = await session.browser.refresh();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "ACCOUNT_ERROR" });
    const again = await new Browser().login("tobedisabled", "correct horse battery");
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ detail: "User account error." });

    // Re-enabling does not bring back the logins from before the disable.
    const dormant = await signInBeforeDisable;
    expect((await api.updateUser(admin, row.id, { disabled: false })).status).toBe(200);
    expect((await me(dormant.token)).status).toBe(401);
    expect((await dormant.browser.refresh()).status).toBe(401);
    expect((await new Browser().login("tobedisabled", "correct horse battery")).status).toBe(200);
    expect((await auditTypes(row.id)).map((event) => event.type)).toEqual(expect.arrayContaining(["user.disabled", "user.enabled"]));
  });

  it("a demoted admin gets 403 on admin endpoints with the token they already hold", async () => {
    const row = await create("briefadmin", { role: "admin" });
    const { token } = await signIn("briefadmin", "correct horse battery");
    expect((await api.listUsers(token)).status).toBe(200);
    const demoted = await api.updateUser(admin, row.id, { role: "user" });
    expect(demoted.status).toBe(200);
    expect((await api.listUsers(token)).status).toBe(403);
    expect((await me(token)).status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { userId: row.id, type: "user.role_changed" } });
    expect(JSON.parse(event.detail!)).toEqual({ from: "admin", to: "user" });
  });

  it("a password reset ends every login of the user and applies the policy", async () => {
    const row = await create("resetme");
    const first = await signIn("resetme", "correct horse battery");
    const second = await signIn("resetme", "correct horse battery");
    const weak = await api.updateUser(admin, row.id, { password: "resetme" });
    expect(weak.status).toBe(422);
    expect((await weak.json()).errors.password).toEqual(expect.any(String));
    expect((await me(first.token)).status).toBe(200);

    expect((await api.updateUser(admin, row.id, { password: "a brand new passphrase" })).status).toBe(200);
    for (const session of [first, second]) {
      expect((await me(session.token)).status).toBe(401);
      expect((await session.browser.refresh()).status).toBe(401);
    }
    expect((await new Browser().login("resetme", "correct horse battery")).status).toBe(401);
    expect((await new Browser().login("resetme", "a brand new passphrase")).status).toBe(200);
    expect(await db.login.count({ where: { userId: row.id, revokedReason: "password_reset" } })).toBe(2);
    expect((await auditTypes(row.id)).map((event) => event.type)).toContain("user.password_reset");
  });

  it("answers 404 for an unknown user and 422 for a bad id", async () => {
    expect((await api.updateUser(admin, 999_999, { fullName: "x" })).status).toBe(404);
    expect((await api.getUser(admin, "abc")).status).toBe(422);
  });
});

describe("the last enabled admin", () => {
  it("cannot be demoted, disabled or deleted (409); an admin cannot disable or delete themselves", async () => {
    const demote = await api.updateUser(admin, adminId, { role: "user" });
    expect(demote.status).toBe(409);
    expect((await demote.json()).detail).toMatch(/last enabled administrator/);
    const disableSelf = await api.updateUser(admin, adminId, { disabled: true });
    expect(disableSelf.status).toBe(409);
    expect((await disableSelf.json()).detail).toMatch(/your own account/);
    expect((await api.deleteUser(admin, adminId)).status).toBe(409);

    const other = await create("deputy", { role: "admin" });
    const deputy = (await signIn("deputy", "correct horse battery")).token;
    const lastDelete = await api.updateUser(deputy, adminId, { disabled: true });
    expect(lastDelete.status).toBe(200);
    // Now the deputy is the only enabled admin.
    expect((await api.updateUser(deputy, other.id, { role: "user" })).status).toBe(409);
    expect((await api.updateUser(deputy, adminId, { disabled: false })).status).toBe(200);
    admin = (await signIn("johndoe")).token;
    expect((await api.updateUser(admin, other.id, { role: "user" })).status).toBe(200);
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
  });

  it("two admins demoting each other at once leave one admin: the second is refused as the last one (409)", async () => {
    const a = await create("racer-a", { role: "admin" });
    const b = await create("racer-b", { role: "admin" });
    const tokenA = (await signIn("racer-a", "correct horse battery")).token;
    const tokenB = (await signIn("racer-b", "correct horse battery")).token;
    // johndoe steps aside so that the two racers are the only enabled admins.
    expect((await api.updateUser(tokenA, adminId, { role: "user" })).status).toBe(200);
    const race = await forcedOverlap([a.id, b.id]);
    const demotions = [api.updateUser(tokenA, b.id, { role: "user" }), api.updateUser(tokenB, a.id, { role: "user" })];
    // Both are past their authorisation and inside the write before either may finish.
    await race.bothInside();
    const statuses = (await Promise.all(demotions)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(await db.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
    const survivor = (await db.user.findUniqueOrThrow({ where: { id: a.id } })).role === "admin" ? tokenA : tokenB;
    expect((await api.updateUser(survivor, adminId, { role: "admin" })).status).toBe(200);
    admin = (await signIn("johndoe")).token;
  });
});

describe("DELETE /api/users/:id", () => {
  it("ends the user's logins and deletes them", async () => {
    const row = await create("leaver");
    const session = await signIn("leaver", "correct horse battery");
    const response = await api.deleteUser(admin, row.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: row.id, username: "leaver" });
    expect(await db.user.findUnique({ where: { id: row.id } })).toBeNull();
    expect((await me(session.token)).status).toBe(401);
    expect((await session.browser.refresh()).status).toBe(401);
    expect(await db.login.count({ where: { revokedReason: "user_deleted" } })).toBeGreaterThanOrEqual(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { userId: row.id, type: "user.deleted" } });
    expect(event).toMatchObject({ actorId: adminId, username: "leaver" });
    expect((await api.deleteUser(admin, row.id)).status).toBe(404);
  });

  it("refuses (409) while the user owns invoices, and deletes nothing", async () => {
    const owned = await db.invoice.count({ where: { ownerId: janeId } });
    expect(owned).toBeGreaterThan(0);
    const response = await api.deleteUser(admin, janeId);
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toBe(`This user owns ${owned} invoices: reassign or delete them first.`);
    expect(await db.invoice.count({ where: { ownerId: janeId } })).toBe(owned);
    expect((await me(jane)).status).toBe(200);
  });
});

describe("POST /api/users/:id/unlock and /logout", () => {
  it("unlock clears the username's lock from every address", async () => {
    const row = await create("lockedout");
    for (let i = 0; i < 10; i++) await new Browser().login("lockedout", "wrong password");
    expect((await new Browser().login("lockedout", "correct horse battery")).status).toBe(429);
    const response = await api.unlockUser(admin, row.id);
    expect(response.status).toBe(200);
    expect((await new Browser().login("lockedout", "correct horse battery")).status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { userId: row.id, type: "user.unlocked" } });
    expect(JSON.parse(event.detail!)).toEqual({ cleared: 1 });
    expect(event.actorId).toBe(adminId);
  });

  it("sign out everywhere ends every login of the user", async () => {
    const row = await create("everywhere");
    const sessions = [await signIn("everywhere", "correct horse battery"), await signIn("everywhere", "correct horse battery")];
    const response = await api.signOutUser(admin, row.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ activeSessions: 0 });
    for (const session of sessions) expect((await me(session.token)).status).toBe(401);
    expect((await auditTypes(row.id)).at(-1)).toEqual({ type: "session.revoked", actorId: adminId });
  });
});
});
