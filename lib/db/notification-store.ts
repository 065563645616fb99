import type { Prisma } from "@prisma/client";
import type { StoredNotification } from "../auth/notifications/storage";
import type { NotificationStore } from "../auth/storage";
import type { NotificationFilter } from "../contracts/notifications";
import type { Database } from "./client";
import { sql } from "./engine/engine";

const columns = { id: true, userId: true, type: true, detail: true, sessionId: true, readAt: true, createdAt: true } as const;

type NotificationRecord = Omit<StoredNotification, "sessionActive">;

const whereOf = (userId: number, filter: NotificationFilter): Prisma.NotificationWhereInput => ({
  userId,
  ...(filter.read !== undefined && { readAt: filter.read ? { not: null } : null }),
  ...(filter.id && { id: { in: filter.id } }),
});

/**
 * A user's notices on SQLite and PostgreSQL alike; every query names the owner, so no call
 * can reach another person's. Notices are written only with their events (notices.ts).
 */
export function prismaNotificationStore({ db, engine }: Pick<Database, "db" | "engine">): NotificationStore {
  /** The notices with whether each one's login is still the owner's and not ended: one query for the page. */
  async function withSessionState(userId: number, rows: NotificationRecord[]): Promise<StoredNotification[]> {
    const ids = [...new Set(rows.flatMap((row) => (row.sessionId ? [row.sessionId] : [])))];
    const live = ids.length ? await db.login.findMany({ where: { id: { in: ids }, userId, revokedAt: null }, select: { id: true } }) : [];
    const active = new Set(live.map((login) => login.id));
    return rows.map((row) => ({ ...row, sessionActive: row.sessionId !== null && active.has(row.sessionId) }));
  }

  return {
    async pruneBefore(before) {
      return (await db.notification.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
    async list(userId, { filter, sort, range }) {
      const where = whereOf(userId, filter);
      const order = sort.order === "ASC" ? "asc" : "desc";
      // Ties (one event's notices share a moment) fall back to the id, in the same direction.
      const orderBy: Prisma.NotificationOrderByWithRelationInput[] = sort.field === "createdAt" ? [{ createdAt: order }, { id: order }] : [{ id: order }];
      const [rows, total] = await Promise.all([
        db.notification.findMany({ where, orderBy, skip: range.start, take: range.end - range.start + 1, select: columns }),
        db.notification.count({ where }),
      ]);
      return { rows: await withSessionState(userId, rows), total };
    },

    async get(userId, id) {
      const row = await db.notification.findFirst({ where: { id, userId }, select: columns });
      return row ? ((await withSessionState(userId, [row]))[0] ?? null) : null;
    },

    async markRead(userId, which, now) {
      const ids = which === "all" ? {} : { id: { in: [...which] } };
      return (await db.notification.updateMany({ where: { userId, readAt: null, ...ids }, data: { readAt: now } })).count;
    },

    // Asked with every token answer, refreshes included: an engine statement, like the refresh's own read.
    async unreadCount(userId) {
      const [row] = await engine.query<{ unread: number | bigint }>(sql`SELECT count(*) AS "unread" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
      return Number(row?.unread ?? 0);
    },

    // Every sign-in asks this. A CI user signs in thousands of times in 90 days: the database
    // folds their logins to the few distinct devices, instead of handing every row over.
    async signInHistory(userId, since) {
      const [recent, before] = await Promise.all([
        engine.query<{ userAgent: string | null }>(sql`SELECT DISTINCT "userAgent" FROM "Login" WHERE "userId" = ${userId} AND "createdAt" >= ${since}`),
        engine.query<{ one: number }>(sql`SELECT 1 AS "one" FROM "Login" WHERE "userId" = ${userId} LIMIT 1`),
      ]);
      return { signedInBefore: before.length > 0, recentUserAgents: recent.map((row) => row.userAgent) };
    },
  };
}
