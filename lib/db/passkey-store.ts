import type { Prisma } from "@prisma/client";
import type { ChallengePurpose, PasskeyRecord, PasskeyStore, WebAuthnChallengeRecord } from "../auth/factors/passkeys/storage";
import type { Database } from "./client";
import type { TransactionDb } from "./engine/engine";
import { withNotices, writeNotices } from "./notices";

const passkeyColumns = {
  id: true,
  userId: true,
  credentialId: true,
  publicKey: true,
  counter: true,
  transports: true,
  aaguid: true,
  backedUp: true,
  deviceType: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
} as const;
type PasskeyRow = Prisma.PasskeyGetPayload<{ select: typeof passkeyColumns }>;

const challengeColumns = { id: true, challenge: true, purpose: true, userId: true, expiresAt: true, usedAt: true } as const;
type ChallengeRow = Prisma.WebAuthnChallengeGetPayload<{ select: typeof challengeColumns }>;

const toPasskey = (row: PasskeyRow): PasskeyRecord => ({
  ...row,
  publicKey: new Uint8Array(row.publicKey),
  counter: Number(row.counter),
  transports: row.transports.split(" ").filter(Boolean),
  deviceType: row.deviceType === "multiDevice" ? "multiDevice" : "singleDevice",
});

const toChallenge = (row: ChallengeRow): WebAuthnChallengeRecord => ({ ...row, purpose: row.purpose as ChallengePurpose });

/** Removes every passkey of the user and their pending ceremonies inside `tx`; how many passkeys. */
export async function removePasskeyRows(tx: TransactionDb, userId: number): Promise<number> {
  await tx.webAuthnChallenge.deleteMany({ where: { userId } });
  return (await tx.passkey.deleteMany({ where: { userId } })).count;
}

/**
 * Passkeys and their ceremonies' challenges on SQLite and PostgreSQL alike. Spending a
 * challenge and moving a counter on are each one conditional UPDATE whose count is the answer:
 * SQLite runs one writer at a time, and PostgreSQL re-checks the WHERE on the row's newest
 * version once it holds the row's lock.
 */
export function prismaPasskeyStore({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): PasskeyStore {
  return {
    list: async (userId) => (await db.passkey.findMany({ where: { userId }, select: passkeyColumns, orderBy: { id: "asc" } })).map(toPasskey),

    count: (userId) => db.passkey.count({ where: { userId } }),

    async counts(userIds) {
      if (!userIds.length) return new Map();
      const rows = await db.passkey.groupBy({ by: ["userId"], where: { userId: { in: [...userIds] } }, _count: { _all: true } });
      return new Map(rows.map((row) => [row.userId, row._count._all]));
    },

    async findByCredentialId(credentialId) {
      const row = await db.passkey.findUnique({ where: { credentialId }, select: passkeyColumns });
      return row ? toPasskey(row) : null;
    },

    async create(passkey, now, notices) {
      const { publicKey, transports, counter, ...rest } = passkey;
      try {
        const write = async (tx: TransactionDb) => {
          const row = await tx.passkey.create({
            data: { ...rest, publicKey: new Uint8Array(publicKey), counter: BigInt(counter), transports: transports.join(" "), createdAt: now },
            select: passkeyColumns,
          });
          return toPasskey(row);
        };
        return await withNotices({ db, engine, outbox }, write, notices);
      } catch (error) {
        if (engine.errorKind(error) === "unique_violation") return null;
        throw error;
      }
    },

    async rename(userId, id, name) {
      const renamed = await db.passkey.updateMany({ where: { id, userId }, data: { name } });
      if (renamed.count !== 1) return null;
      const row = await db.passkey.findUnique({ where: { id }, select: passkeyColumns });
      return row ? toPasskey(row) : null;
    },

    remove: (userId, id, notices) =>
      engine.transaction(async ({ db: tx }) => {
        const row = await tx.passkey.findFirst({ where: { id, userId }, select: passkeyColumns });
        if (!row) return null;
        const removed = await tx.passkey.deleteMany({ where: { id, userId } });
        const passkey = removed.count === 1 ? toPasskey(row) : null;
        await writeNotices(tx, notices?.(passkey) ?? [], outbox);
        return passkey;
      }),

    removeAll: (userId) => engine.transaction(({ db: tx }) => removePasskeyRows(tx, userId)),

    async recordUse(id, counter, backedUp, now) {
      const next = BigInt(counter);
      const counterMovesOn = counter === 0 ? {} : { counter: { lt: next } };
      const used = await db.passkey.updateMany({ where: { id, ...counterMovesOn }, data: { counter: next, backedUp, lastUsedAt: now } });
      return used.count === 1;
    },

    async createChallenge(challenge, now) {
      await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
      await db.webAuthnChallenge.create({ data: { ...challenge, createdAt: now } });
    },

    async findChallenge(id) {
      const row = await db.webAuthnChallenge.findUnique({ where: { id }, select: challengeColumns });
      return row ? toChallenge(row) : null;
    },

    async findChallengeByValue(challenge) {
      const row = await db.webAuthnChallenge.findUnique({ where: { challenge }, select: challengeColumns });
      return row ? toChallenge(row) : null;
    },

    async spendChallenge(id, now) {
      const spent = await db.webAuthnChallenge.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      return spent.count === 1;
    },
  };
}
