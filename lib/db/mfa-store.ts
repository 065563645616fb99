import type { MfaStore } from "../auth/factors/storage";
import type { Database } from "./client";
import type { TransactionDb } from "./engine/engine";
import { withNotices, writeNotices } from "./notices";

const totpColumns = { userId: true, secretEnc: true, pendingSecretEnc: true, enabledAt: true, lastStep: true, failures: true, lockedUntil: true } as const;
const challengeColumns = { tokenHash: true, userId: true, ip: true, credentialVersion: true, authTime: true, expiresAt: true, failures: true, usedAt: true } as const;

/** Removes the user's TOTP factor, recovery codes and pending challenges inside `tx`; whether there was a factor. */
export async function removeTotpRows(tx: TransactionDb, userId: number): Promise<boolean> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.mfaChallenge.deleteMany({ where: { userId } });
  return (await tx.totpFactor.deleteMany({ where: { userId } })).count > 0;
}

/**
 * The second factor's rows on SQLite and PostgreSQL alike. Every decision a race could split
 * is one conditional UPDATE whose count is the answer: SQLite runs one writer at a time, and
 * PostgreSQL re-checks the WHERE on the row's newest version once it holds the row's lock.
 */
export function prismaMfaStore({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): MfaStore {
  const newCodes = (userId: number, hashes: readonly string[], now: Date) => hashes.map((codeHash) => ({ userId, codeHash, createdAt: now }));

  return {
    totp: (userId) => db.totpFactor.findUnique({ where: { userId }, select: totpColumns }),

    async setPending(userId, sealed, now) {
      await db.totpFactor.upsert({
        where: { userId },
        create: { userId, pendingSecretEnc: sealed, updatedAt: now },
        update: { pendingSecretEnc: sealed, updatedAt: now },
      });
    },

    enable: (userId, sealed, step, recoveryHashes, now, notices) =>
      engine.transaction(async ({ db: tx }) => {
        const enabled = await tx.totpFactor.updateMany({
          where: { userId, pendingSecretEnc: sealed, enabledAt: null },
          data: { secretEnc: sealed, pendingSecretEnc: null, enabledAt: now, lastStep: step, failures: 0, lockedUntil: null, updatedAt: now },
        });
        if (enabled.count !== 1) return false;
        await tx.recoveryCode.deleteMany({ where: { userId } });
        await tx.recoveryCode.createMany({ data: newCodes(userId, recoveryHashes, now) });
        await writeNotices(tx, notices?.(true) ?? [], outbox);
        return true;
      }),

    async spendStep(userId, step, now) {
      const spent = await db.totpFactor.updateMany({ where: { userId, enabledAt: { not: null }, lastStep: { lt: step } }, data: { lastStep: step, updatedAt: now } });
      return spent.count === 1;
    },

    remove: (userId, notices) =>
      engine.transaction(async ({ db: tx }) => {
        const removed = await removeTotpRows(tx, userId);
        await writeNotices(tx, notices?.(removed) ?? [], outbox);
        return removed;
      }),

    recordFailure: (userId, limit, lockUntil, now) =>
      engine.transaction(async ({ db: tx }) => {
        await tx.totpFactor.updateMany({ where: { userId }, data: { failures: { increment: 1 }, updatedAt: now } });
        // Locks once, at the limit, and counts afresh from there: the lock is the consequence.
        await tx.totpFactor.updateMany({ where: { userId, failures: { gte: limit } }, data: { failures: 0, lockedUntil: lockUntil } });
        const row = await tx.totpFactor.findUnique({ where: { userId }, select: { lockedUntil: true } });
        return { lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
      }),

    async resetFailures(userId, now) {
      await db.totpFactor.updateMany({ where: { userId, OR: [{ failures: { gt: 0 } }, { lockedUntil: { not: null } }] }, data: { failures: 0, lockedUntil: null, updatedAt: now } });
    },

    replaceRecoveryCodes: (userId, hashes, now) =>
      engine.transaction(async ({ db: tx }) => {
        await tx.recoveryCode.deleteMany({ where: { userId } });
        await tx.recoveryCode.createMany({ data: newCodes(userId, hashes, now) });
      }),

    useRecoveryCode: (userId, hash, now, notices) =>
      withNotices({ db, engine, outbox }, async (tx) => (await tx.recoveryCode.updateMany({ where: { userId, codeHash: hash, usedAt: null }, data: { usedAt: now } })).count === 1, notices),

    recoveryCodesLeft: (userId) => db.recoveryCode.count({ where: { userId, usedAt: null } }),

    async createChallenge(challenge, now) {
      await db.mfaChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
      await db.mfaChallenge.create({ data: { ...challenge, createdAt: now } });
    },

    findChallenge: (tokenHash) => db.mfaChallenge.findUnique({ where: { tokenHash }, select: challengeColumns }),

    async failChallenge(tokenHash) {
      await db.mfaChallenge.updateMany({ where: { tokenHash, usedAt: null }, data: { failures: { increment: 1 } } });
      return (await db.mfaChallenge.findUnique({ where: { tokenHash }, select: { failures: true } }))?.failures ?? Number.MAX_SAFE_INTEGER;
    },

    async useChallenge(tokenHash, maxFailures, now) {
      const used = await db.mfaChallenge.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now }, failures: { lt: maxFailures } }, data: { usedAt: now } });
      return used.count === 1;
    },
  };
}
