import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthStorage, NewLogin, Rotation, StoredSigningKey } from "@/lib/auth/storage";
import { openDatabase } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { seedDemoData } from "@/prisma/seed-data";
import { holdWrites, untilWaiting } from "./helpers/locks";
import { type Provisioned, provision } from "./helpers/provision";

/**
 * The storage contract the auth core relies on, run against every database engine (one
 * Vitest project per engine). "Another instance" is a second client on the same database;
 * races between the two are forced: a third party holds the writes open until both wait.
 */
let database: Provisioned;
let store: AuthStorage;
let other: AuthStorage;
let closeOther: () => Promise<void>;
let john: { id: number };
let jane: { id: number };

beforeAll(async () => {
  database = await provision();
  ({ john, jane } = await seedDemoData(database.db, 4));
  store = prismaStorage(database);
  const second = openDatabase(database.url);
  other = prismaStorage(second);
  closeOther = () => second.db.$disconnect();
});
afterAll(async () => {
  await closeOther();
  await database.dispose();
});

const t0 = new Date("2026-11-30T10:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function newLogin(userId: number, overrides: Partial<NewLogin> = {}): NewLogin {
  return {
    id: randomUUID(),
    userId,
    tokenHash: randomUUID(),
    expiresAt: at(3600),
    absoluteExpiresAt: at(7200),
    userAgent: "test",
    ip: "10.0.0.1",
    authTime: t0,
    amr: ["pwd"],
    dpopJkt: null,
    ...overrides,
  };
}

const rotation = (overrides: Partial<Rotation> = {}): Rotation => ({ tokenHash: randomUUID(), expiresAt: at(3700), userAgent: "next", ip: "10.0.0.2", ...overrides });

/**
 * Runs `writes` (one per instance) while a third party holds the writes to logins: each
 * reaches its write and waits, and they race when the lock goes. Each must finish only after.
 */
async function overlapping<T>(table: string, writes: Array<() => Promise<T>>, row?: { column: string; value: string }): Promise<T[]> {
  const held = await holdWrites(database.url, table, row);
  let releasedAt = Number.POSITIVE_INFINITY;
  const finished: number[] = [];
  const running = writes.map((write) => write().finally(() => finished.push(performance.now())));
  await untilWaiting(database.url, writes.length);
  releasedAt = performance.now();
  await held.release();
  const outcomes = await Promise.all(running);
  expect(finished.every((time) => time >= releasedAt)).toBe(true);
  return outcomes;
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

describe("logins", () => {
  it("creates, reads with the user and reports the login live with the user's current role, seen from another instance", async () => {
    const login = newLogin(john.id, { dpopJkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" });
    await store.logins.create(login, at(0));
    expect(await other.logins.findWithUser(login.id)).toEqual({
      ...login,
      generation: 0,
      createdAt: at(0),
      lastUsedAt: at(0),
      rotatedAt: null,
      revokedAt: null,
      revokedReason: null,
      user: expect.objectContaining({ id: john.id, username: "johndoe", role: "admin", disabled: false }),
      unreadNotifications: await store.notifications.unreadCount(john.id),
    });
    expect(await store.logins.liveLogin(login.id, at(1))).toEqual({ userId: john.id, role: "admin" });
    expect(await store.logins.liveLogin(login.id, at(7200))).toBeNull();
    expect(await store.logins.liveLogin(randomUUID(), at(1))).toBeNull();
    expect(await other.logins.findWithUser(randomUUID())).toBeNull();
  });

  it("reads a login with no user once the user is deleted", async () => {
    const user = await database.db.user.create({ data: { username: `w-${randomUUID()}`, email: "w@example.com", fullName: "W", passwordHash: "x" } });
    const login = newLogin(user.id);
    await store.logins.create(login, at(0));
    expect((await other.logins.findWithUser(login.id))!.user).toEqual({ id: user.id, username: user.username, email: "w@example.com", fullName: "W", passwordHash: "x", role: "user", disabled: false, credentialVersion: 0 });
    await database.db.user.delete({ where: { id: user.id } });
    expect(await other.logins.findWithUser(login.id)).toMatchObject({ id: login.id, userId: null, user: null });
  });

  it("rotates a generation once: two instances rotating it at the same moment, one wins and the other writes nothing", async () => {
    const login = newLogin(john.id);
    await store.logins.create(login, at(0));
    const next = [rotation(), rotation()];
    const outcomes = await overlapping("Login", [() => store.logins.rotate(login.id, 0, next[0]!, at(1)), () => other.logins.rotate(login.id, 0, next[1]!, at(1))], { column: "id", value: login.id });
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = next[outcomes.indexOf(true)]!;
    // The row is written by raw SQL: every column must read back as the model reads it.
    expect(await store.logins.findWithUser(login.id)).toEqual({
      ...login,
      ...winner,
      generation: 1,
      createdAt: at(0),
      lastUsedAt: at(1),
      rotatedAt: at(1),
      revokedAt: null,
      revokedReason: null,
      user: expect.objectContaining({ id: john.id }),
      unreadNotifications: await store.notifications.unreadCount(john.id),
    });
    expect(await store.logins.rotate(login.id, 0, rotation(), at(2))).toBe(false);
    expect(await store.logins.rotate(login.id, 1, rotation(), at(2))).toBe(true);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ generation: 2 });
  });

  it("decides a revocation and a rotation of one login one after the other, from two instances at the same moment", async () => {
    for (const rotateFirst of [true, false]) {
      const login = newLogin(jane.id);
      await store.logins.create(login, at(0));
      const rotate = () => store.logins.rotate(login.id, 0, rotation(), at(1));
      const revoke = () => other.logins.revoke(login.id, "admin", at(1));
      const [rotated, revoked] = await overlapping<boolean | "proof_seen">("Login", rotateFirst ? [rotate, revoke] : [revoke, rotate], { column: "id", value: login.id }).then(
        (outcomes) => (rotateFirst ? outcomes : [outcomes[1]!, outcomes[0]!]),
      );
      expect(revoked, `rotate first: ${rotateFirst}`).toBe(true);
      const row = await store.logins.findWithUser(login.id);
      expect(row).toMatchObject({ revokedAt: at(1), revokedReason: "admin", generation: rotated ? 1 : 0 });
      expect(await store.logins.rotate(login.id, row!.generation, rotation(), at(2))).toBe(false);
    }
  });

  it("refuses to rotate or touch a revoked login, writing nothing", async () => {
    const login = newLogin(john.id);
    await store.logins.create(login, at(0));
    expect(await store.logins.revoke(login.id, "logout", at(1))).toBe(true);
    expect(await store.logins.rotate(login.id, 0, rotation(), at(2))).toBe(false);
    expect(await store.logins.touch(login.id, 0, at(2))).toBe(false);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ generation: 0, tokenHash: login.tokenHash, rotatedAt: null, lastUsedAt: at(0) });
  });

  it("keeps a login's proof through rotations and moves it only forward, and never on an ended login", async () => {
    const login = newLogin(john.id, { authTime: at(0), amr: ["pwd"] });
    await store.logins.create(login, at(0));
    expect(await store.logins.rotate(login.id, 0, rotation(), at(5))).toBe(true);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ generation: 1, authTime: at(0), amr: ["pwd"] });
    expect(await other.logins.recordProof(login.id, at(10), ["pwd", "otp", "mfa"])).toBe(true);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ authTime: at(10), amr: ["pwd", "otp", "mfa"] });
    expect(await store.logins.recordProof(login.id, at(8), ["pwd"])).toBe(true);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ authTime: at(10), amr: ["pwd", "otp", "mfa"] });
    expect(await store.logins.revoke(login.id, "logout", at(11))).toBe(true);
    expect(await store.logins.recordProof(login.id, at(12), ["pwd"])).toBe(false);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ authTime: at(10) });
  });

  it("touches a login only at the generation named", async () => {
    const login = newLogin(john.id);
    await store.logins.create(login, at(0));
    expect(await store.logins.touch(login.id, 1, at(1))).toBe(false);
    expect(await other.logins.touch(login.id, 0, at(2))).toBe(true);
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ generation: 0, lastUsedAt: at(2), rotatedAt: null });
  });

  it("revokes a login, and every login of a user but one, counting what it revoked", async () => {
    const keep = newLogin(jane.id);
    const others = [newLogin(jane.id), newLogin(jane.id)];
    for (const login of [keep, ...others]) await store.logins.create(login, at(0));
    expect(await store.logins.revokeUserLogins(jane.id, "password_changed", at(1), keep.id)).toBe(2);
    expect(await other.logins.liveLogin(others[0]!.id, at(2))).toBeNull();
    expect(await store.logins.findWithUser(others[1]!.id)).toMatchObject({ revokedAt: at(1), revokedReason: "password_changed" });
    expect(await store.logins.liveLogin(keep.id, at(2))).toEqual({ userId: jane.id, role: "user" });
    expect(await store.logins.revoke(keep.id, "logout", at(3))).toBe(true);
    expect(await store.logins.revoke(keep.id, "logout", at(4))).toBe(false);
    expect(await store.logins.liveLogin(keep.id, at(5))).toBeNull();
    expect(await store.logins.revokeUserLogins(jane.id, "admin", at(6))).toBe(0);
  });

  it("does not report a disabled or deleted user's login live, and reports a role change at once", async () => {
    const user = await database.db.user.create({ data: { username: `u-${randomUUID()}`, email: "u@example.com", fullName: "U", passwordHash: "x" } });
    const login = newLogin(user.id);
    await store.logins.create(login, at(0));
    await database.db.user.update({ where: { id: user.id }, data: { role: "admin" } });
    expect(await other.logins.liveLogin(login.id, at(1))).toEqual({ userId: user.id, role: "admin" });
    await database.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await other.logins.liveLogin(login.id, at(1))).toBeNull();
    await database.db.user.update({ where: { id: user.id }, data: { disabled: false } });
    await database.db.user.delete({ where: { id: user.id } });
    expect(await other.logins.liveLogin(login.id, at(1))).toBeNull();
    expect(await store.logins.findWithUser(login.id)).toMatchObject({ userId: null });
  });

  it("gives a login's state without the clock: its user, role and cap, or null once it has ended", async () => {
    const login = newLogin(jane.id);
    await store.logins.create(login, at(0));
    expect(await other.logins.loginState(login.id)).toEqual({ userId: jane.id, role: "user", absoluteExpiresAt: at(7200) });
    await store.logins.revoke(login.id, "logout", at(1));
    expect(await other.logins.loginState(login.id)).toBeNull();
    expect(await other.logins.loginState(randomUUID())).toBeNull();
  });

  it("finds a token from before logins had one row by its hash, with its generation in its login", async () => {
    const login = newLogin(john.id);
    await store.logins.create(login, at(0));
    await database.db.legacyRefreshToken.createMany({
      data: [
        { tokenHash: login.tokenHash, loginId: login.id, generation: 0 },
        { tokenHash: `old-${login.tokenHash}`, loginId: login.id, generation: -1 },
      ],
    });
    expect(await other.logins.findByLegacyToken(login.tokenHash)).toEqual({ generation: 0, login: await store.logins.findWithUser(login.id) });
    expect(await other.logins.findByLegacyToken(`old-${login.tokenHash}`)).toMatchObject({ generation: -1, login: { id: login.id } });
    expect(await other.logins.findByLegacyToken("no-such-hash")).toBeNull();
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
    const first = newLogin(user.id);
    const second = newLogin(user.id);
    await store.logins.create(first, at(0));
    await store.logins.create(second, at(0));
    expect(await moves(() => store.logins.revoke(first.id, "logout", at(1)))).toBeGreaterThan(0);
    expect(await moves(() => store.logins.revokeUserLogins(user.id, "admin", at(1)))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.update({ where: { id: user.id }, data: { disabled: true } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.update({ where: { id: user.id }, data: { role: "admin" } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.login.deleteMany({ where: { id: first.id } }))).toBeGreaterThan(0);
    expect(await moves(() => database.db.user.delete({ where: { id: user.id } }))).toBeGreaterThan(0);
  });

  it("stays put for writes that end no login: a sign-in, a rotation, a lost answer handed out, a profile edit", async () => {
    const user = await database.db.user.create({ data: { username: `s-${randomUUID()}`, email: "s@example.com", fullName: "S", passwordHash: "x" } });
    const login = newLogin(user.id);
    expect(await moves(() => store.logins.create(login, at(0)))).toBe(0);
    expect(await moves(() => store.logins.rotate(login.id, 0, rotation(), at(1)))).toBe(0);
    expect(await moves(() => store.logins.touch(login.id, 1, at(2)))).toBe(0);
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
    const outcomes = await overlapping("SigningKey", [() => store.signingKeys.addCurrent(key(at(0)), false), () => other.signingKeys.addCurrent(key(at(0)), false)]);
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
    const outcomes = await overlapping("SigningKey", [() => store.signingKeys.addCurrent(key(at(200)), true), () => other.signingKeys.addCurrent(key(at(200)), true)]);
    expect(outcomes.some(Boolean)).toBe(true);
    expect((await store.signingKeys.trusted(at(-1))).filter((k) => k.retiredAt === null)).toHaveLength(1);
  });
});
