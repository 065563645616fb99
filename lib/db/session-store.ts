import type { SessionStore } from "../auth/storage";
import type { Db } from "./client";
import { hotStatements } from "./hot-statements";
import { isRotationRefused, isUniqueViolation } from "./prisma-errors";
import { type SessionWithUserRow, sessionWithUser } from "./session-row";
import { roleOf } from "./user-store";

export function prismaSessionStore(db: Db): SessionStore {
  const hot = hotStatements(db);
  return {
    findByTokenHash: (tokenHash) => db.session.findUnique({ where: { tokenHash } }),

    async findWithUser(tokenHash) {
      // A hot statement: the refresh path's first read, with its user in the same statement.
      // Its shape is session-row.ts's.
      const [row] = await hot.query<SessionWithUserRow>`SELECT s."id", s."userId", s."familyId", s."tokenHash", s."createdAt",
          s."expiresAt", s."familyExpiresAt", s."lastUsedAt", s."rotatedAt", s."replacedById", s."revokedAt", s."revokedReason",
          s."userAgent", s."ip", u."id" AS "user_id", u."username" AS "user_username", u."email" AS "user_email",
          u."fullName" AS "user_fullName", u."passwordHash" AS "user_passwordHash", u."role" AS "user_role",
          u."disabled" AS "user_disabled", u."credentialVersion" AS "user_credentialVersion"
        FROM "Session" s LEFT JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ${tokenHash}`;
      return row ? sessionWithUser(row) : null;
    },

    async create(session, now) {
      await db.session.create({ data: { ...session, createdAt: now, lastUsedAt: now } });
    },

    // One INSERT: the migrations' trigger claims the predecessor in the same statement, or
    // fails it when another request (on any instance) rotated or revoked it first. Under
    // PostgreSQL's row lock the second instance re-checks after the first commits. A single
    // statement is atomic on both engines, so SQLite's busy retry may safely run it again.
    async rotate(id, successor, now) {
      const s = successor;
      try {
        await hot.execute`INSERT INTO "Session"
          ("id", "userId", "familyId", "tokenHash", "expiresAt", "familyExpiresAt", "userAgent", "ip", "createdAt", "lastUsedAt", "rotatedFromId")
          VALUES (${s.id}, ${s.userId}, ${s.familyId}, ${s.tokenHash}, ${s.expiresAt}, ${s.familyExpiresAt}, ${s.userAgent}, ${s.ip}, ${now}, ${now}, ${id})`;
        return true;
      } catch (error) {
        // The successor token is derived from its predecessor, so a request rotating the
        // same token a moment earlier has already inserted this very row.
        if (isRotationRefused(error) || isUniqueViolation(error)) return false;
        throw error;
      }
    },

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
