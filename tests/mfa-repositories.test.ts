import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MfaStore } from "@/lib/auth/factors/storage";
import { prismaStorage } from "@/lib/db/storage";
import { seedDemoData } from "@/prisma/seed-data";
import { type Provisioned, provision } from "./helpers/provision";

/** The second factor's storage contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let mfa: MfaStore;
let jane: { id: number };

beforeAll(async () => {
  database = await provision();
  ({ jane } = await seedDemoData(database.db, 4));
  mfa = prismaStorage(database).mfa;
});

let made = 0;
/** A user of the test's own, with TOTP on at step 100 and recovery codes `a-0` … `a-9`: tests run in any order. */
async function withTotp(): Promise<{ id: number }> {
  const user = await database.db.user.create({ data: { username: `mfa-contract-${++made}-${Date.now()}`, email: "m@example.com", fullName: "M", passwordHash: "x" } });
  await mfa.setPending(user.id, "sealed", now);
  if (!(await mfa.enable(user.id, "sealed", 100, hashes("a"), now))) throw new Error("not enabled");
  return user;
}
afterAll(() => database.dispose());

const now = new Date("2026-11-30T10:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);
const hashes = (tag: string) => Array.from({ length: 10 }, (_, i) => `${tag}-${i}`);

describe("TOTP factor rows", () => {
  it("keeps a pending secret, replaced by the next one, and enables only the pending one it was asked to", async () => {
    const john = await database.db.user.create({ data: { username: `mfa-contract-pending-${Date.now()}`, email: "m@example.com", fullName: "M", passwordHash: "x" } });
    expect(await mfa.totp(john.id)).toBeNull();
    await mfa.setPending(john.id, "sealed-1", now);
    await mfa.setPending(john.id, "sealed-2", now);
    expect(await mfa.totp(john.id)).toMatchObject({ pendingSecretEnc: "sealed-2", secretEnc: null, enabledAt: null });
    expect(await mfa.enable(john.id, "sealed-1", 100, hashes("a"), now)).toBe(false);
    expect(await mfa.enable(john.id, "sealed-2", 100, hashes("a"), now)).toBe(true);
    expect(await mfa.totp(john.id)).toMatchObject({ secretEnc: "sealed-2", pendingSecretEnc: null, enabledAt: now, lastStep: 100 });
    expect(await mfa.enable(john.id, "sealed-2", 101, hashes("b"), now)).toBe(false);
    expect(await mfa.recoveryCodesLeft(john.id)).toBe(10);
  });

  it("spends a step once, and never one at or before the last", async () => {
    const john = await withTotp();
    expect(await mfa.spendStep(john.id, 100, now)).toBe(false);
    expect(await mfa.spendStep(john.id, 102, now)).toBe(true);
    expect(await mfa.spendStep(john.id, 102, now)).toBe(false);
    expect(await mfa.spendStep(john.id, 101, now)).toBe(false);
    const racing = await Promise.all([mfa.spendStep(john.id, 103, now), mfa.spendStep(john.id, 103, now)]);
    expect(racing.sort()).toEqual([false, true]);
    expect(await mfa.spendStep(jane.id, 500, now)).toBe(false);
  });

  it("counts failures to a lock at the limit, starting again from there, and a reset clears both", async () => {
    const john = await withTotp();
    for (let i = 1; i < 3; i++) expect(await mfa.recordFailure(john.id, 3, later(900), now)).toEqual({ lockedUntil: null });
    expect(await mfa.recordFailure(john.id, 3, later(900), now)).toEqual({ lockedUntil: later(900) });
    expect(await mfa.totp(john.id)).toMatchObject({ failures: 0, lockedUntil: later(900) });
    await mfa.recordFailure(john.id, 3, later(900), now);
    await mfa.resetFailures(john.id, now);
    expect(await mfa.totp(john.id)).toMatchObject({ failures: 0, lockedUntil: null });
  });
});

describe("recovery codes", () => {
  it("uses each once, even when two ask at once, and replaces them all", async () => {
    const john = await withTotp();
    expect(await mfa.useRecoveryCode(john.id, "a-0", now)).toBe(true);
    expect(await mfa.useRecoveryCode(john.id, "a-0", now)).toBe(false);
    expect(await mfa.useRecoveryCode(jane.id, "a-1", now)).toBe(false);
    expect((await Promise.all([mfa.useRecoveryCode(john.id, "a-1", now), mfa.useRecoveryCode(john.id, "a-1", now)])).sort()).toEqual([false, true]);
    expect(await mfa.recoveryCodesLeft(john.id)).toBe(8);
    await mfa.replaceRecoveryCodes(john.id, hashes("c"), now);
    expect(await mfa.recoveryCodesLeft(john.id)).toBe(10);
    expect(await mfa.useRecoveryCode(john.id, "a-2", now)).toBe(false);
  });
});

describe("mfa challenges", () => {
  const challenge = (john: { id: number }, tokenHash: string, expiresAt = later(300)) => ({ tokenHash, userId: john.id, ip: "10.0.0.1", credentialVersion: 0, authTime: now, expiresAt });

  it("are found by hash, counted down by failures and used once while live", async () => {
    const john = await withTotp();
    await mfa.createChallenge(challenge(john, "h1"), now);
    expect(await mfa.findChallenge("h1")).toMatchObject({ userId: john.id, ip: "10.0.0.1", failures: 0, usedAt: null });
    expect(await mfa.failChallenge("h1")).toBe(1);
    expect(await mfa.useChallenge("h1", 1, now)).toBe(false);
    expect((await Promise.all([mfa.useChallenge("h1", 5, now), mfa.useChallenge("h1", 5, now)])).sort()).toEqual([false, true]);
    expect(await mfa.useChallenge("h1", 5, now)).toBe(false);
    await mfa.createChallenge(challenge(john, "h2"), now);
    expect(await mfa.useChallenge("h2", 5, later(300))).toBe(false);
    expect(await mfa.findChallenge("nope")).toBeNull();
  });

  it("forget expired ones when a new one is made", async () => {
    const john = await withTotp();
    await mfa.createChallenge(challenge(john, "old", later(10)), now);
    await mfa.createChallenge(challenge(john, "fresh", later(400)), later(20));
    expect(await mfa.findChallenge("old")).toBeNull();
    expect(await mfa.findChallenge("fresh")).not.toBeNull();
  });

  it("go with the factor and its codes when it is removed", async () => {
    const john = await withTotp();
    await mfa.createChallenge(challenge(john, "new"), now);
    expect(await mfa.remove(john.id)).toBe(true);
    expect(await mfa.totp(john.id)).toBeNull();
    expect(await mfa.recoveryCodesLeft(john.id)).toBe(0);
    expect(await mfa.findChallenge("new")).toBeNull();
    expect(await mfa.remove(john.id)).toBe(false);
  });
});
