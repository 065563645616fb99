import type { SessionStore } from "../auth/storage";
import type { Db } from "./client";
import { toUserRecord, userColumns } from "./user-store";

const roleOf = (role: string) => (role === "admin" ? "admin" : "user");

export function prismaSessionStore(db: Db): SessionStore {
  return {
    findByTokenHash: (tokenHash) => db.session.findUnique({ where: { tokenHash } }),

    async findWithUser(tokenHash) {
      const row = await db.session.findUnique({ where: { tokenHash }, include: { user: { select: userColumns } } });
      return row && { ...row, user: row.user && toUserRecord(row.user) };
    },

    async create(session, now) {
      await db.session.create({ data: { ...session, createdAt: now, lastUsedAt: now } });
    },

    // One conditional update decides the winner: under PostgreSQL's row lock a second
    // instance re-checks `rotatedAt IS NULL` after the first commits and claims nothing.
    // An interactive transaction, not a batch: SQLite's busy retries (client.ts) re-run a
    // single statement, which is sound inside an open transaction but not inside a batch.
    rotate: (id, successor, now) =>
      db.$transaction(async (tx) => {
        const claimed = await tx.session.updateMany({
          where: { id, rotatedAt: null, revokedAt: null },
          data: { rotatedAt: now, lastUsedAt: now, replacedById: successor.id },
        });
        if (claimed.count !== 1) return false;
        await tx.session.create({ data: { ...successor, createdAt: now, lastUsedAt: now }, select: { id: true } });
        return true;
      }),

    async revokeFamily(familyId, reason, now) {
      const revoked = await db.session.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
      return revoked.count;
    },

    async revokeUserFamiliesExcept(userId, keepFamilyId, reason, now) {
      const revoked = await db.session.updateMany({
        where: { userId, familyId: { not: keepFamilyId }, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      });
      return revoked.count;
    },

    async revokeUserFamilies(userId, reason, now) {
      const revoked = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
      return revoked.count;
    },

    async liveLogin(familyId, now) {
      const row = await db.session.findFirst({
        where: { familyId, revokedAt: null, familyExpiresAt: { gt: now }, user: { is: { disabled: false } } },
        select: { user: { select: { id: true, role: true } } },
      });
      return row?.user ? { userId: row.user.id, role: roleOf(row.user.role) } : null;
    },

    async loginState(familyId) {
      const row = await db.session.findFirst({
        where: { familyId, revokedAt: null, user: { is: { disabled: false } } },
        select: { familyExpiresAt: true, user: { select: { id: true, role: true } } },
      });
      return row?.user ? { userId: row.user.id, role: roleOf(row.user.role), familyExpiresAt: row.familyExpiresAt } : null;
    },

    liveInFamily: (familyId, now) =>
      db.session.count({
        where: { familyId, revokedAt: null, rotatedAt: null, expiresAt: { gt: now }, familyExpiresAt: { gt: now } },
      }),
  };
}
