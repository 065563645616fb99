import type { Prisma } from "@prisma/client";
import type { LoginDirectory, LoginSummary } from "../auth/manage/storage";
import type { SessionFilter } from "../contracts/sessions";
import type { Database, Db } from "./client";

/**
 * Live logins: neither revoked nor past their cap or their current token's expiry, of a user
 * who exists and is enabled (the guard refuses a disabled user's logins, so they are not listed).
 */
export const liveLogins = (now: Date, filter: SessionFilter = {}): Prisma.LoginWhereInput => ({
  revokedAt: null,
  absoluteExpiresAt: { gt: now },
  expiresAt: { gt: now },
  userId: filter.userId ?? { not: null },
  user: { is: { disabled: false } },
  ...(filter.id && { id: { in: filter.id } }),
});

// The columns a list may be sorted by, each a column of the login's one row.
const SORTABLE = new Set(["id", "lastUsedAt", "createdAt", "expiresAt"]);

const summaryColumns = {
  id: true,
  userId: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  ip: true,
  userAgent: true,
  user: { select: { username: true } },
} as const;

type Row = Prisma.LoginGetPayload<{ select: typeof summaryColumns }>;

const summary = (row: Row): LoginSummary[] =>
  row.userId !== null && row.user ? [{ ...row, userId: row.userId, username: row.user.username }] : [];

export function prismaLoginDirectory({ db }: Pick<Database, "db">): LoginDirectory {
  return {
    async list(query, now) {
      const where = liveLogins(now, query.filter);
      const field = SORTABLE.has(query.sort.field) ? query.sort.field : "lastUsedAt";
      const order = query.sort.order === "ASC" ? "asc" : "desc";
      const [rows, total] = await Promise.all([
        db.login.findMany({
          where,
          select: summaryColumns,
          orderBy: field === "id" ? [{ id: order }] : [{ [field]: order }, { id: "asc" }],
          skip: query.range.start,
          take: query.range.end - query.range.start + 1,
        }),
        countLive(db, now, query.filter),
      ]);
      return { rows: rows.flatMap(summary), total };
    },

    async get(id, now) {
      const row = await db.login.findFirst({ where: { ...liveLogins(now), id }, select: summaryColumns });
      return row ? (summary(row)[0] ?? null) : null;
    },
  };
}

/** How many live logins match, counted by the database. */
export const countLive = (db: Db, now: Date, filter: SessionFilter = {}): Promise<number> => db.login.count({ where: liveLogins(now, filter) });
