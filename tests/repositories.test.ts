import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthStorage, NewSession, StoredSigningKey } from "@/lib/auth/storage";
import { openDatabase } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { seedDemoData } from "@/prisma/seed-data";
import { type Provisioned, provision, testEngine } from "./helpers/provision";

/**
 * The storage contract the auth core relies on, run against every database engine (one
 * Vitest project per engine). "Another instance" is a second client on the same database.
 */
let database: Provisioned;
let store: AuthStorage;
let other: AuthStorage;
/**
 * Who races `store` for a transaction. better-sqlite3 waits for a file lock synchronously,
 * so two clients of one SQLite file in one process would wait on each other forever; on
 * SQLite the race is between concurrent calls of one client (instances are processes).
 */
let racer: AuthStorage;
let closeOther: () => Promise<void>;
let john: { id: number };
let jane: { id: number };

beforeAll(async () => {
  database = await provision();
  ({ john, jane } = await seedDemoData(database.db, 4));
  store = prismaStorage(database.db);
  const second = openDatabase(database.url);
  other = prismaStorage(second.db);
  closeOther = () => second.db.$disconnect();
  racer = testEngine() === "postgres" ? other : store;
});
afterAll(async () => {
  await closeOther();
  await database.dispose();
});

const t0 = new Date("2026-11-30T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function newSession(userId: number, familyId: string = randomUUID(), overrides: Partial<NewSession> = {}): NewSession {
  return {
    id: randomUUID(),
    userId,
    familyId,
    tokenHash: randomUUID(),
    expiresAt: at(3600),
    familyExpiresAt: at(7200),
    userAgent: "test",
    ip: "10.0.0.1",
    ...overrides,
  };
}

describe("users", () => {
  it("finds by canonical username and by id, with the role narrowed and no other fields", async () => {
    const byName = await store.users.findByUsername("johndoe");
    expect(byName).toMatchObject({ id: john.id, username: "johndoe", role: "admin", disabled: false });
    expect(Object.keys(byName!).sort()).toEqual(["credentialVersion", "disabled", "email", "fullName", "id", "passwordHash", "role", "username"]);
    expect(await store.users.findById(jane.id)).toMatchObject({ username: "janedoe", role: "user" });
    expect(await store.users.findByUsername("nobody")).toBeNull();
    expect(await store.users.findById(999_999)).toBeNull();
  });

  it("replaces a password hash", async () => {
    const before = (await store.users.findById(jane.id))!.credentialVersion;
    await store.users.setPasswordHash(jane.id, "$2b$04$replaced");
    expect(await other.users.findById(jane.id)).toMatchObject({ passwordHash: "$2b$04$replaced", credentialVersion: before + 1 });
  });
});

describe("sessions", () => {
  it("creates, finds by token hash and reports the login live with the user's current role", async () => {
    const session = newSession(john.id);
    await store.sessions.create(session, at(0));
    expect(await other.sessions.findByTokenHash(session.tokenHash)).toMatchObject({
      id: session.id,
      familyId: session.familyId,
      userId: john.id,
      createdAt: at(0),
      rotatedAt: null,
      revokedAt: null,
      expiresAt: session.expiresAt,
    });
    expect(await store.sessions.liveLogin(session.familyId, at(1))).toEqual({ userId: john.id, role: "admin" });
    expect(await store.sessions.liveLogin(session.familyId, at(7200))).toBeNull();
    expect(await store.sessions.liveLogin("no-such-family", at(1))).toBeNull();
  });

  it("reads a session with its user in one call, and with no user once the user is deleted", async () => {
    const user = await database.db.user.create({ data: { username: `w-${randomUUID()}`, email: "w@example.com", fullName: "W", passwordHash: "x" } });
    const session = newSession(user.id);
    await store.sessions.create(session, at(0));
    const found = await other.sessions.findWithUser(session.tokenHash);
    expect(found).toMatchObject({ id: session.id, familyId: session.familyId, userId: user.id });
    expect(found!.user).toEqual({ id: user.id, username: user.username, email: "w@example.com", fullName: "W", passwordHash: "x", role: "user", disabled: false, credentialVersion: 0 });
    await database.db.user.delete({ where: { id: user.id } });
    expect(await other.sessions.findWithUser(session.tokenHash)).toMatchObject({ id: session.id, userId: null, user: null });
    expect(await other.sessions.findWithUser("no-such-hash")).toBeNull();
  });

  it("rotates once: a second rotation of the same token, from any instance, claims nothing", async () => {
    const first = newSession(john.id);
    await store.sessions.create(first, at(0));
    const successors = [newSession(john.id, first.familyId), newSession(john.id, first.familyId)];
    const outcomes = await Promise.all([
      store.sessions.rotate(first.id, successors[0]!, at(1)),
      racer.sessions.rotate(first.id, successors[1]!, at(1)),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = successors[outcomes.indexOf(true)]!;
    const loser = successors[outcomes.indexOf(false)]!;
    expect(await store.sessions.findByTokenHash(first.tokenHash)).toMatchObject({ rotatedAt: at(1), replacedById: winner.id });
    expect(await store.sessions.findByTokenHash(loser.tokenHash)).toBeNull();
    // The successor is written by raw SQL: every column must read back as the model reads it.
    expect(await store.sessions.findWithUser(winner.tokenHash)).toEqual({
      ...winner,
      createdAt: at(1),
      lastUsedAt: at(1),
      rotatedAt: null,
      replacedById: null,
      revokedAt: null,
      revokedReason: null,
      user: expect.objectContaining({ id: john.id, disabled: false }),
    });
    expect(await store.sessions.liveInFamily(first.familyId, at(2))).toBe(1);
  });

  it("refuses to rotate a revoked token, writing no successor", async () => {
    const revoked = newSession(john.id);
    await store.sessions.create(revoked, at(0));
    await store.sessions.revokeFamily(revoked.familyId, "logout", at(1));
    const successor = newSession(john.id, revoked.familyId);
    expect(await store.sessions.rotate(revoked.id, successor, at(2))).toBe(false);
    expect(await store.sessions.findByTokenHash(successor.tokenHash)).toBeNull();
    expect(await store.sessions.findByTokenHash(revoked.tokenHash)).toMatchObject({ rotatedAt: null, replacedById: null });
  });

  it("revokes a family, and every family of a user but one, counting what it revoked", async () => {
    const keep = newSession(jane.id);
    const others = [newSession(jane.id), newSession(jane.id)];
    for (const s of [keep, ...others]) await store.sessions.create(s, at(0));
    expect(await store.sessions.revokeUserFamiliesExcept(jane.id, keep.familyId, "password_changed", at(1))).toBe(2);
    expect(await other.sessions.liveLogin(others[0]!.familyId, at(2))).toBeNull();
    expect(await store.sessions.findByTokenHash(others[1]!.tokenHash)).toMatchObject({ revokedAt: at(1), revokedReason: "password_changed" });
    expect(await store.sessions.liveLogin(keep.familyId, at(2))).toEqual({ userId: jane.id, role: "user" });
    expect(await store.sessions.revokeFamily(keep.familyId, "logout", at(3))).toBe(1);
    expect(await store.sessions.revokeFamily(keep.familyId, "logout", at(4))).toBe(0);
    expect(await store.sessions.liveLogin(keep.familyId, at(5))).toBeNull();
  });

  it("does not report a disabled or deleted user's login live, and reports a role change at once", async () => {
    const user = await database.db.user.create({ data: { username: `u-${randomUUID()}`, email: "u@example.com", fullName: "U", passwordHash: "x" } });
    const session = newSession(user.id);
    await store.sessions.create(session, at(0));
    await database.db.user.update({ where: { id: user.id }, data: { role: "admin" } });
    expect(await other.sessions.liveLogin(session.familyId, at(1))).toEqual({ userId: user.id, role: "admin" });
    await database.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await other.sessions.liveLogin(session.familyId, at(1))).toBeNull();
    await database.db.user.update({ where: { id: user.id }, data: { disabled: false } });
    await database.db.user.delete({ where: { id: user.id } });
    expect(await other.sessions.liveLogin(session.familyId, at(1))).toBeNull();
    expect(await store.sessions.findByTokenHash(session.tokenHash)).toMatchObject({ userId: null });
  });

  it("gives a login's state without the clock: its user, role and cap, or null once it has ended", async () => {
    const session = newSession(jane.id);
    await store.sessions.create(session, at(0));
    expect(await other.sessions.loginState(session.familyId)).toEqual({ userId: jane.id, role: "user", familyExpiresAt: at(7200) });
    await store.sessions.revokeFamily(session.familyId, "logout", at(1));
    expect(await other.sessions.loginState(session.familyId)).toBeNull();
    expect(await other.sessions.loginState("no-such-family")).toBeNull();
  });
});

describe("revocation signal", () => {
  const moves = async (write: () => Promise<unknown>) => {
    const before = await other.revocations.version();
    await write();
    return (await other.revocations.version())! - before!;
  };

  it("moves with every write that can end a login, seen from another instance", async () => {
    const user = await database.db.user.create({ data: { username: `r-${randomUUID()}`, email: "r@example.com", fullName: "R", passwordHash: "x" } });
    const first = newSession(user.id);
    const second = newSession(user.id);
    await store.sessions.create(first, at(0));
    await store.sessions.create(second, at(0));
    expect(await moves(() => store.sessions.revokeFamily(first.familyId, "logout", at(1)))).toBeGreaterThan(0);
    expect(await moves(() => store.sessions.revokeUserFamilies(user.id, "admin", at(1)))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.update({ where: { id: user.id }, data: { disabled: true } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.update({ where: { id: user.id }, data: { role: "admin" } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.session.deleteMany({ where: { id: first.id } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.delete({ where: { id: user.id } }))).toBeGreaterThan(0);
  });

  it("stays put for writes that end no login: a login, a rotation, a profile edit", async () => {
    const user = await database.db.user.create({ data: { username: `s-${randomUUID()}`, email: "s@example.com", fullName: "S", passwordHash: "x" } });
    const session = newSession(user.id);
    expect(await moves(() => store.sessions.create(session, at(0)))).toBe(0);
    expect(await moves(() => store.sessions.rotate(session.id, newSession(user.id, session.familyId), at(1)))).toBe(0);
    expect(await moves(() => database.db.user.update({ where: { id: user.id }, data: { fullName: "S. Q." } }))).toBe(0);
    expect(await moves(() => store.users.setPasswordHash(user.id, "$2b$04$another"))).toBe(0);
  });
});

describe("throttles", () => {
  const rowOf = (key: string) => database.db.loginThrottle.findUnique({ where: { key } });
  const hold = (key: string, limit: number, s: number, via = store) => via.throttles.hold(key, limit, at(s), at(s - 900));

  it("gives out at most `limit` places however many instances ask at once", async () => {
    const key = `pair:${randomUUID()}`;
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => hold(key, 10, i, i % 2 ? store : other)));
    expect(outcomes.filter((outcome) => outcome.held)).toHaveLength(10);
    expect(await rowOf(key)).toMatchObject({ failures: 0, pending: 10 });
  });

  it("counts parallel failures from two instances without losing one", async () => {
    const key = `ip:${randomUUID()}`;
    for (let i = 0; i < 20; i++) expect((await hold(key, 100, i)).held).toBe(true);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).throttles.settle(key, "failed", at(30))));
    expect(await rowOf(key)).toMatchObject({ failures: 20, pending: 0, lockedUntil: null });
  });

  it("holds a place only while failures and held places stay under the limit, and never while locked", async () => {
    const key = `pair:${randomUUID()}`;
    for (let i = 0; i < 3; i++) expect((await hold(key, 3, 0)).held).toBe(true);
    expect(await hold(key, 3, 1)).toMatchObject({ held: false, row: { failures: 0, pending: 3 } });
    await store.throttles.settle(key, "failed", at(2));
    expect(await hold(key, 3, 3)).toMatchObject({ held: false, row: { failures: 1, pending: 2 } });
    await store.throttles.settle(key, "released", at(4));
    expect((await hold(key, 3, 5)).held).toBe(true);
    await store.throttles.lock(key, at(60), at(5));
    await store.throttles.settle(key, "released", at(6));
    expect(await hold(key, 3, 7)).toMatchObject({ held: false, row: { failures: 1, pending: 1, lockedUntil: at(60) } });
    expect((await hold(key, 3, 60)).held).toBe(true);
  });

  it("a success clears the failures and the lock, and a row left with nothing to say goes", async () => {
    const key = `pair:${randomUUID()}`;
    await hold(key, 10, 0);
    await hold(key, 10, 0);
    expect(await store.throttles.settle(key, "failed", at(1))).toMatchObject({ failures: 1, pending: 1 });
    await store.throttles.lock(key, at(100), at(1));
    expect(await store.throttles.settle(key, "succeeded", at(2))).toBeNull();
    expect(await rowOf(key)).toBeNull();
    await hold(key, 10, 3);
    expect(await store.throttles.settle(key, "released", at(4))).toBeNull();
    // Never below zero, and nothing to settle once the row is gone.
    expect(await store.throttles.settle(key, "released", at(5))).toBeNull();
  });

  it("starts a new window once the old one has passed, unless a lock still runs", async () => {
    const key = `ip:${randomUUID()}`;
    await hold(key, 100, 0);
    await store.throttles.settle(key, "failed", at(1));
    await store.throttles.lock(key, at(1000), at(1));
    // Past the window but locked: it keeps counting in its old window.
    expect(await hold(key, 100, 950)).toMatchObject({ held: false, row: { failures: 1, windowStart: at(0) } });
    expect(await hold(key, 100, 1000)).toMatchObject({ held: true, row: { failures: 0, pending: 1, windowStart: at(1000), lockedUntil: null } });
  });

  it("counts a refused attempt as a failure, only ever extends a lock, and clears one username's keys", async () => {
    const prefix = `pair:${randomUUID().replaceAll("-", "")}:`;
    const key = `${prefix}x`;
    await hold(key, 10, 0);
    await store.throttles.settle(key, "failed", at(1));
    expect(await other.throttles.addFailure(key, at(2))).toMatchObject({ failures: 2 });
    await store.throttles.lock(key, at(120), at(2));
    await other.throttles.lock(key, at(60), at(3));
    expect(await rowOf(key)).toMatchObject({ lockedUntil: at(120) });
    await hold(`${prefix}y`, 10, 0);
    expect(await store.throttles.clearPrefix(prefix)).toBe(2);
    expect(await rowOf(key)).toBeNull();
  });
});

describe("audit log", () => {
  it("records an event with its facts and truncates oversized client data", async () => {
    const familyId = randomUUID();
    await store.audit.record({ type: "logout", userId: john.id, familyId, ip: "1".repeat(100), userAgent: "A".repeat(600), detail: { n: 1, ok: true } }, at(0));
    const row = await database.db.auditEvent.findFirstOrThrow({ where: { familyId } });
    expect(row).toMatchObject({ type: "logout", userId: john.id, at: at(0) });
    expect(row.ip).toHaveLength(64);
    expect(row.userAgent).toHaveLength(512);
    expect(JSON.parse(row.detail!)).toEqual({ n: 1, ok: true });
  });
});

// One story: a first key, a rotation, a race. Its steps build on each other.
describe("signing keys", { shuffle: false }, () => {
  const key = (createdAt: Date): Omit<StoredSigningKey, "retiredAt"> => ({
    kid: `k-${randomUUID()}`,
    alg: "EdDSA",
    publicJwk: "{}",
    privateKeyEnc: "sealed",
    createdAt,
  });

  it("keeps exactly one current key when two instances add a first key at once", async () => {
    const outcomes = await Promise.all([store.signingKeys.addCurrent(key(at(0)), false), racer.signingKeys.addCurrent(key(at(0)), false)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const keys = await store.signingKeys.trusted(at(-1));
    expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
    expect(await store.signingKeys.addCurrent(key(at(1)), false)).toBe(false);
  });

  it("rotates: the new key is current, the old one retired at that moment, expired ones forgotten", async () => {
    const before = (await store.signingKeys.trusted(at(-1))).find((k) => k.retiredAt === null)!;
    const next = key(at(100));
    expect(await other.signingKeys.addCurrent(next, true)).toBe(true);
    const keys = await store.signingKeys.trusted(at(50));
    expect(keys[0]).toMatchObject({ kid: next.kid, retiredAt: null });
    expect(keys.find((k) => k.kid === before.kid)).toMatchObject({ retiredAt: at(100) });
    expect((await store.signingKeys.trusted(at(100))).map((k) => k.kid)).toEqual([next.kid]);
    expect(await store.signingKeys.deleteRetiredBefore(at(101))).toBe(1);
    expect((await store.signingKeys.trusted(at(-1))).map((k) => k.kid)).toEqual([next.kid]);
  });

  it("never leaves two current keys when two rotations race", async () => {
    const outcomes = await Promise.all([store.signingKeys.addCurrent(key(at(200)), true), racer.signingKeys.addCurrent(key(at(200)), true)]);
    expect(outcomes.some(Boolean)).toBe(true);
    expect((await store.signingKeys.trusted(at(-1))).filter((k) => k.retiredAt === null)).toHaveLength(1);
  });
});
