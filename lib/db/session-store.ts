import type { SessionStore } from "../auth/storage";
import type { Db } from "./client";
import { type SessionWithUserRow, sessionWithUser } from "./session-row";

const roleOf = (role: string) => (role === "admin" ? "admin" : "user");

export function prismaSessionStore(db: Db): SessionStore {
  return {
    findByTokenHash: (tokenHash) => db.session.findUnique({ where: { tokenHash } }),

    async findWithUser(tokenHash) {
      // Raw: the refresh path's first read, with its user in the same statement (a join
      // Prisma would compile on every call). Its shape is session-row.ts's.
      const [row] = await db.$queryRaw<SessionWithUserRow[]>`SELECT s."id", s."userId", s."familyId", s."tokenHash", s."createdAt",
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

    // One conditional update decides the winner: under PostgreSQL's row lock a second
    // instance re-checks `rotatedAt IS NULL` after the first commits and claims nothing.
    // An interactive transaction, not a batch: SQLite's busy retries (client.ts) re-run a
    // single statement, which is sound inside an open transaction but not inside a batch.
    // Raw statements: the refresh path's hottest writes skip Prisma's query compiler.
    rotate: (id, successor, now) =>
      db.$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`UPDATE "Session" SET "rotatedAt" = ${now}, "lastUsedAt" = ${now}, "replacedById" = ${successor.id}
          WHERE "id" = ${id} AND "rotatedAt" IS NULL AND "revokedAt" IS NULL`;
        if (claimed !== 1) return false;
        const s = successor;
        await tx.$executeRaw`INSERT INTO "Session"
          ("id", "userId", "familyId", "tokenHash", "expiresAt", "familyExpiresAt", "userAgent", "ip", "createdAt", "lastUsedAt")
          VALUES (${s.id}, ${s.userId}, ${s.familyId}, ${s.tokenHash}, ${s.expiresAt}, ${s.familyExpiresAt}, ${s.userAgent}, ${s.ip}, ${now}, ${now})`;
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
