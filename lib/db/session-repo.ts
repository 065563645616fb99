import type { Db } from "./client";

export interface NewSession {
  id: string;
  userId: number;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  familyExpiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export type RevokeReason = "logout" | "reuse_detected" | "replaced_by_login" | "account_disabled" | "admin" | "password_changed";

export function sessionRepo(db: Db) {
  return {
    findByTokenHash: (tokenHash: string) => db.session.findUnique({ where: { tokenHash } }),

    create: (session: NewSession, now: Date) =>
      db.session.create({ data: { ...session, createdAt: now, lastUsedAt: now } }),

    /**
     * Marks a session rotated and creates its successor in one transaction. Answers false,
     * writing nothing, when another request rotated or revoked it first.
     */
    rotate: (id: string, successor: NewSession, now: Date) =>
      db.$transaction(async (tx) => {
        const claimed = await tx.session.updateMany({
          where: { id, rotatedAt: null, revokedAt: null },
          data: { rotatedAt: now, lastUsedAt: now, replacedById: successor.id },
        });
        if (claimed.count !== 1) return false;
        await tx.session.create({ data: { ...successor, createdAt: now, lastUsedAt: now } });
        return true;
      }),

    revokeFamily: (familyId: string, reason: RevokeReason, now: Date) =>
      db.session.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } }),

    revokeUserFamiliesExcept: (userId: number, keepFamilyId: string, reason: RevokeReason, now: Date) =>
      db.session.updateMany({
        where: { userId, familyId: { not: keepFamilyId }, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      }),

    /** Whether the login is neither revoked nor past its absolute cap. */
    familyIsLive: async (familyId: string, now: Date) =>
      (await db.session.count({ where: { familyId, revokedAt: null, familyExpiresAt: { gt: now } }, take: 1 })) > 0,

    liveInFamily: (familyId: string, now: Date) =>
      db.session.count({
        where: { familyId, revokedAt: null, rotatedAt: null, expiresAt: { gt: now }, familyExpiresAt: { gt: now } },
      }),
  };
}

export type SessionRepo = ReturnType<typeof sessionRepo>;
