import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewPasskey, PasskeyStore } from "@/lib/auth/factors/passkeys/storage";
import { prismaStorage } from "@/lib/db/storage";
import { type Provisioned, provision } from "./helpers/provision";

/** The passkey factor's storage contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let passkeys: PasskeyStore;

beforeAll(async () => {
  database = await provision();
  passkeys = prismaStorage(database).passkeys;
});
afterAll(() => database.dispose());

const now = new Date("2026-12-01T10:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

async function user(): Promise<number> {
  const name = `passkey-contract-${randomUUID().slice(0, 8)}`;
  return (await database.db.user.create({ data: { username: name, email: "p@example.com", fullName: "P", passwordHash: "x" } })).id;
}

const newPasskey = (userId: number, overrides: Partial<NewPasskey> = {}): NewPasskey => ({
  userId,
  credentialId: randomUUID(),
  publicKey: new Uint8Array([0xa5, 1, 2, 3, 255, 0, 7]),
  counter: 0,
  transports: ["internal", "hybrid"],
  aaguid: "00000000-0000-0000-0000-000000000000",
  backedUp: true,
  deviceType: "multiDevice",
  name: "Laptop",
  ...overrides,
});

describe("passkey rows", () => {
  it("keep the key's bytes, a counter past 2^31, the transports, and refuse a credential id twice", async () => {
    const owner = await user();
    const made = await passkeys.create(newPasskey(owner, { counter: 3_000_000_000 }), now);
    expect(made).toMatchObject({ userId: owner, counter: 3_000_000_000, transports: ["internal", "hybrid"], createdAt: now, lastUsedAt: null, deviceType: "multiDevice" });
    expect([...made!.publicKey]).toEqual([0xa5, 1, 2, 3, 255, 0, 7]);
    expect(await passkeys.findByCredentialId(made!.credentialId)).toEqual(made);
    expect(await passkeys.create(newPasskey(await user(), { credentialId: made!.credentialId }), now)).toBeNull();
    expect(await passkeys.count(owner)).toBe(1);
    expect(await passkeys.counts([owner, owner + 100_000])).toEqual(new Map([[owner, 1]]));
  });

  it("renames and removes only the owner's, and removes all of one user's at once", async () => {
    const [owner, stranger] = [await user(), await user()];
    const made = (await passkeys.create(newPasskey(owner), now))!;
    await passkeys.create(newPasskey(owner), now);
    expect(await passkeys.rename(stranger, made.id, "Mine")).toBeNull();
    expect(await passkeys.rename(owner, made.id, "Phone")).toMatchObject({ id: made.id, name: "Phone" });
    expect(await passkeys.remove(stranger, made.id)).toBeNull();
    expect(await passkeys.remove(owner, made.id)).toMatchObject({ id: made.id, name: "Phone" });
    expect(await passkeys.remove(owner, made.id)).toBeNull();
    expect(await passkeys.removeAll(owner)).toBe(1);
    expect(await passkeys.list(owner)).toEqual([]);
  });

  it("move the counter on only forward (a zero always passes), and not for a removed passkey", async () => {
    const owner = await user();
    const made = (await passkeys.create(newPasskey(owner), now))!;
    expect(await passkeys.recordUse(made.id, 5, false, later(1))).toBe(true);
    expect(await passkeys.recordUse(made.id, 5, false, later(2))).toBe(false);
    expect(await passkeys.recordUse(made.id, 4, false, later(2))).toBe(false);
    expect((await Promise.all([passkeys.recordUse(made.id, 9, false, later(3)), passkeys.recordUse(made.id, 9, false, later(3))])).sort()).toEqual([false, true]);
    expect(await passkeys.findByCredentialId(made.credentialId)).toMatchObject({ counter: 9, backedUp: false, lastUsedAt: later(3) });
    const synced = (await passkeys.create(newPasskey(owner), now))!;
    expect(await passkeys.recordUse(synced.id, 0, true, later(1))).toBe(true);
    expect(await passkeys.recordUse(synced.id, 0, true, later(2))).toBe(true);
    await passkeys.removeAll(owner);
    expect(await passkeys.recordUse(made.id, 10, false, later(4))).toBe(false);
  });
});

describe("ceremony challenges", () => {
  it("are spent once, even by two at once, never after they expire, and forgotten once expired", async () => {
    const owner = await user();
    const id = randomUUID();
    await passkeys.createChallenge({ id, challenge: randomUUID(), purpose: "register", userId: owner, expiresAt: later(300) }, now);
    expect(await passkeys.findChallenge(id)).toMatchObject({ purpose: "register", userId: owner, usedAt: null });
    expect((await Promise.all([passkeys.spendChallenge(id, later(1)), passkeys.spendChallenge(id, later(1))])).sort()).toEqual([false, true]);
    expect(await passkeys.findChallenge(id)).toMatchObject({ usedAt: later(1) });

    const late = randomUUID();
    const value = randomUUID();
    await passkeys.createChallenge({ id: late, challenge: value, purpose: "sign_in", userId: null, expiresAt: later(300) }, now);
    expect(await passkeys.findChallengeByValue(value)).toMatchObject({ id: late, purpose: "sign_in", userId: null });
    expect(await passkeys.spendChallenge(late, later(300))).toBe(false);
    await passkeys.createChallenge({ id: randomUUID(), challenge: randomUUID(), purpose: "sign_in", userId: null, expiresAt: later(900) }, later(301));
    expect(await passkeys.findChallenge(late)).toBeNull();
  });
});
