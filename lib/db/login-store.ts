import type { LoginStore } from "../auth/storage";
import type { Db } from "./client";
import { hotStatements } from "./hot-statements";
import { amrColumn, proofOf } from "./login-proof";
import { type LoginWithUserRow, loginWithUser } from "./login-row";
import { roleOf, toUserRecord, userColumns } from "./user-store";

const HOUR_MS = 3_600_000;

const loginColumns = {
  id: true,
  userId: true,
  generation: true,
  tokenHash: true,
  createdAt: true,
  lastUsedAt: true,
  rotatedAt: true,
  expiresAt: true,
  absoluteExpiresAt: true,
  revokedAt: true,
  revokedReason: true,
  userAgent: true,
  ip: true,
  authTime: true,
  amr: true,
} as const;

/**
 * Logins, one row each. Rotation is one conditional UPDATE of the row and every revocation
 * an UPDATE of the same row, so PostgreSQL's row lock puts one after the other and READ
 * COMMITTED re-checks the loser's condition against the winner's write; SQLite writes one at
 * a time anyway. Either way a revocation and a rotation of one login cannot both win.
 */
export function prismaLoginStore(db: Db): LoginStore {
  const hot = hotStatements(db);
  return {
    async findWithUser(id) {
      // A hot statement: the refresh path's first read, with its user in the same statement.
      const [row] = await hot.query<LoginWithUserRow>`SELECT l."id", l."userId", l."generation", l."tokenHash", l."createdAt",
          l."lastUsedAt", l."rotatedAt", l."expiresAt", l."absoluteExpiresAt", l."revokedAt", l."revokedReason", l."userAgent", l."ip",
          l."authTime", l."amr",
          u."id" AS "user_id", u."username" AS "user_username", u."email" AS "user_email", u."fullName" AS "user_fullName",
          u."passwordHash" AS "user_passwordHash", u."role" AS "user_role", u."disabled" AS "user_disabled",
          u."credentialVersion" AS "user_credentialVersion"
        FROM "Login" l LEFT JOIN "User" u ON u."id" = l."userId" WHERE l."id" = ${id}`;
      return row ? loginWithUser(row) : null;
    },

    async findByLegacyToken(tokenHash) {
      const found = await db.legacyRefreshToken.findUnique({
        where: { tokenHash },
        select: { generation: true, login: { select: { ...loginColumns, user: { select: userColumns } } } },
      });
      if (!found) return null;
      const { user, ...login } = found.login;
      return { generation: found.generation, login: { ...login, ...proofOf(login), user: user && toUserRecord(user) } };
    },

    async create(login, now) {
      await db.login.create({ data: { ...login, amr: amrColumn(login.amr), createdAt: now, lastUsedAt: now } });
    },

    async recordProof(id, at, amr) {
      const live = { id, revokedAt: null };
      const moved = await db.login.updateMany({ where: { ...live, OR: [{ authTime: null }, { authTime: { lt: at } }] }, data: { authTime: at, amr: amrColumn(amr) } });
      return moved.count > 0 || (await db.login.count({ where: live })) > 0;
    },

    // One statement on one row; on SQLite it commits with the other writes of its turn of
    // the event loop (group-commit.ts). The hour's refresh count rides along: a trigger adds
    // an earlier hour's count to RefreshActivity when the hour moves on.
    async rotate(id, from, next, now) {
      const hour = Math.floor(now.getTime() / HOUR_MS);
      const changed = await hot.execute`UPDATE "Login" SET "generation" = ${from + 1}, "tokenHash" = ${next.tokenHash},
          "rotatedAt" = ${now}, "lastUsedAt" = ${now}, "expiresAt" = ${next.expiresAt}, "userAgent" = ${next.userAgent}, "ip" = ${next.ip},
          "refreshCount" = CASE WHEN "refreshHour" = ${hour} THEN "refreshCount" + 1 ELSE 1 END, "refreshHour" = ${hour}
        WHERE "id" = ${id} AND "generation" = ${from} AND "revokedAt" IS NULL`;
      return changed === 1;
    },

    async touch(id, at, now) {
      const changed = await hot.execute`UPDATE "Login" SET "lastUsedAt" = ${now} WHERE "id" = ${id} AND "generation" = ${at} AND "revokedAt" IS NULL`;
      return changed === 1;
    },

    async revoke(id, reason, now) {
      const revoked = await db.login.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
      return revoked.count > 0;
    },

    async revokeUserLogins(userId, reason, now, exceptId) {
      const revoked = await db.login.updateMany({
        where: { userId, revokedAt: null, ...(exceptId !== undefined && { id: { not: exceptId } }) },
        data: { revokedAt: now, revokedReason: reason },
      });
      return revoked.count;
    },

    async liveLogin(id, now) {
      const row = await db.login.findFirst({
        where: { id, revokedAt: null, absoluteExpiresAt: { gt: now }, user: { is: { disabled: false } } },
        select: { user: { select: { id: true, role: true } } },
      });
      return row?.user ? { userId: row.user.id, role: roleOf(row.user.role) } : null;
    },

    async loginState(id) {
      const row = await db.login.findFirst({
        where: { id, revokedAt: null, user: { is: { disabled: false } } },
        select: { absoluteExpiresAt: true, user: { select: { id: true, role: true } } },
      });
      return row?.user ? { userId: row.user.id, role: roleOf(row.user.role), absoluteExpiresAt: row.absoluteExpiresAt } : null;
    },
  };
}
