import type { LoginStore } from "../auth/storage";
import type { Database } from "./client";
import { sql } from "./engine/engine";
import { amrColumn } from "./login-proof";
import { type LoginWithUserRow, loginWithUser } from "./login-row";
import { withNotices } from "./notices";
import { roleOf } from "./user-store";

const HOUR_MS = 3_600_000;

/**
 * Logins, one row each. Rotation is one conditional UPDATE of the row and every revocation
 * an UPDATE of the same row, so PostgreSQL's row lock puts one after the other and READ
 * COMMITTED re-checks the loser's condition against the winner's write; SQLite writes one at
 * a time anyway. Either way a revocation and a rotation of one login cannot both win.
 */
export function prismaLoginStore({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): LoginStore {
  // The refresh path's first read, with its user and their unread notices in the same statement
  // (a refresh answers with both): an engine statement, one round trip on PostgreSQL.
  async function findWithUser(id: string) {
    const [row] = await engine.query<LoginWithUserRow>(sql`SELECT l."id", l."userId", l."generation", l."tokenHash", l."createdAt",
          l."lastUsedAt", l."rotatedAt", l."expiresAt", l."absoluteExpiresAt", l."revokedAt", l."revokedReason", l."userAgent", l."ip",
          l."authTime", l."amr", l."dpopJkt",
          u."id" AS "user_id", u."username" AS "user_username", u."email" AS "user_email", u."fullName" AS "user_fullName",
          u."passwordHash" AS "user_passwordHash", u."role" AS "user_role", u."disabled" AS "user_disabled",
          u."credentialVersion" AS "user_credentialVersion",
          (SELECT count(*) FROM "Notification" n WHERE n."userId" = l."userId" AND n."readAt" IS NULL) AS "unreadNotifications"
        FROM "Login" l LEFT JOIN "User" u ON u."id" = l."userId" WHERE l."id" = ${id}`);
    return row ? loginWithUser(row) : null;
  }

  async function loginState(id: string) {
    const row = await db.login.findFirst({
      where: { id, revokedAt: null, user: { is: { disabled: false } } },
      select: { absoluteExpiresAt: true, user: { select: { id: true, role: true } } },
    });
    return row?.user ? { userId: row.user.id, role: roleOf(row.user.role), absoluteExpiresAt: row.absoluteExpiresAt } : null;
  }

  return {
    findWithUser,

    // Rare (tokens from before logins had one row each): the token's row names the login,
    // which is then read as every other login is.
    async findByLegacyToken(tokenHash) {
      const found = await db.legacyRefreshToken.findUnique({ where: { tokenHash }, select: { generation: true, loginId: true } });
      const login = found && (await findWithUser(found.loginId));
      return login ? { generation: found.generation, login } : null;
    },

    async create(login, now, notices) {
      await withNotices({ db, engine, outbox }, async (tx) => Boolean(await tx.login.create({ data: { ...login, amr: amrColumn(login.amr), createdAt: now, lastUsedAt: now }, select: { id: true } })), notices);
    },

    async recordProof(id, at, amr) {
      const live = { id, revokedAt: null };
      const moved = await db.login.updateMany({ where: { ...live, OR: [{ authTime: null }, { authTime: { lt: at } }] }, data: { authTime: at, amr: amrColumn(amr) } });
      return moved.count > 0 || (await db.login.count({ where: live })) > 0;
    },

    // One statement on one row, committed with the other writes of its turn of the event
    // loop where the engine groups commits (SQLite). The hour's refresh count rides along: a trigger adds
    // an earlier hour's count to RefreshActivity when the hour moves on.
    // A bound login's proof rides along: a trigger takes it into SeenDpopProof within this
    // statement, whose primary key refuses a proof seen before and so the whole rotation.
    async rotate(id, from, next, now) {
      const hour = Math.floor(now.getTime() / HOUR_MS);
      const proof = next.proof ? sql`, "dpopProofId" = ${next.proof.id}, "dpopProofExpiresAt" = ${next.proof.expiresAt}` : sql``;
      try {
        const changed = await engine.groupedWrite(sql`UPDATE "Login" SET "generation" = ${from + 1}, "tokenHash" = ${next.tokenHash},
            "rotatedAt" = ${now}, "lastUsedAt" = ${now}, "expiresAt" = ${next.expiresAt}, "userAgent" = ${next.userAgent}, "ip" = ${next.ip},
            "refreshCount" = CASE WHEN "refreshHour" = ${hour} THEN "refreshCount" + 1 ELSE 1 END, "refreshHour" = ${hour}${proof}
          WHERE "id" = ${id} AND "generation" = ${from} AND "revokedAt" IS NULL`);
        return changed === 1;
      } catch (error) {
        if (next.proof && engine.errorKind(error) === "unique_violation") return "proof_seen";
        throw error;
      }
    },

    async touch(id, at, now) {
      const changed = await engine.groupedWrite(sql`UPDATE "Login" SET "lastUsedAt" = ${now} WHERE "id" = ${id} AND "generation" = ${at} AND "revokedAt" IS NULL`);
      return changed === 1;
    },

    revoke: (id, reason, now, notices) =>
      withNotices({ db, engine, outbox }, async (tx) => (await tx.login.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } })).count > 0, notices),

    revokeUserLogins: (userId, reason, now, exceptId, notices) =>
      withNotices(
        { db, engine, outbox },
        async (tx) => {
          const revoked = await tx.login.updateMany({
            where: { userId, revokedAt: null, ...(exceptId !== undefined && { id: { not: exceptId } }) },
            data: { revokedAt: now, revokedReason: reason },
          });
          return revoked.count;
        },
        notices,
      ),

    // The same read as loginState, so what a live login is cannot drift between the two.
    async liveLogin(id, now) {
      const state = await loginState(id);
      return state && state.absoluteExpiresAt > now ? { userId: state.userId, role: state.role } : null;
    },

    loginState,
  };
}
