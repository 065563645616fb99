import type { Prisma } from "@prisma/client";
import type { LoginDirectory, LoginSummary } from "../auth/manage/storage";
import type { SessionFilter } from "../contracts/sessions";
import type { Database, Db } from "./client";

/**
 * Rows of live logins: a family is live while one of its rows is unrevoked, before the cap
 * and unexpired, and its user enabled (the guard refuses a disabled user's logins).
 */
const liveRows = (now: Date, filter: SessionFilter = {}): Prisma.SessionWhereInput => ({
  revokedAt: null,
  familyExpiresAt: { gt: now },
  expiresAt: { gt: now },
  userId: filter.userId ?? { not: null },
  user: { is: { disabled: false } },
  ...(filter.id && { familyId: { in: filter.id } }),
});

// Every row of a family shares its cap (login time + the maximum age), so ordering by the
// cap orders logins by when they started.
const orderings = {
  lastUsedAt: (order: Prisma.SortOrder) => ({ _max: { lastUsedAt: order } }),
  createdAt: (order: Prisma.SortOrder) => ({ _max: { familyExpiresAt: order } }),
  expiresAt: (order: Prisma.SortOrder) => ({ _max: { expiresAt: order } }),
} as const;

async function describe(db: Db, families: { familyId: string; _max: { lastUsedAt: Date | null; expiresAt: Date | null } }[]): Promise<LoginSummary[]> {
  const ids = families.map((family) => family.familyId);
  if (!ids.length) return [];
  const [heads, starts] = await Promise.all([
    // The newest token of each family is the one no successor replaced.
    db.session.findMany({
      where: { familyId: { in: ids }, replacedById: null },
      select: { familyId: true, userId: true, ip: true, userAgent: true, user: { select: { username: true } } },
    }),
    db.session.groupBy({ by: ["familyId"], where: { familyId: { in: ids } }, _min: { createdAt: true } }),
  ]);
  const headOf = new Map(heads.map((head) => [head.familyId, head]));
  const startOf = new Map(starts.map((start) => [start.familyId, start._min.createdAt]));
  return families.flatMap((family) => {
    const head = headOf.get(family.familyId);
    if (!head?.userId || !head.user) return [];
    return [
      {
        id: family.familyId,
        userId: head.userId,
        username: head.user.username,
        createdAt: startOf.get(family.familyId)!,
        lastUsedAt: family._max.lastUsedAt,
        expiresAt: family._max.expiresAt!,
        ip: head.ip,
        userAgent: head.userAgent,
      },
    ];
  });
}

export function prismaLoginDirectory({ db, sql }: Database): LoginDirectory {
  return {
    async list(query, now) {
      const where = liveRows(now, query.filter);
      const order = query.sort.order === "ASC" ? "asc" : "desc";
      const sortBy = orderings[query.sort.field as keyof typeof orderings] ?? orderings.lastUsedAt;
      const [families, counted] = await Promise.all([
        db.session.groupBy({
          by: ["familyId"],
          where,
          _max: { lastUsedAt: true, expiresAt: true, familyExpiresAt: true },
          orderBy: [sortBy(order), { familyId: "asc" }],
          skip: query.range.start,
          take: query.range.end - query.range.start + 1,
        }),
        countLive(db, sql, now, query.filter),
      ]);
      return { rows: await describe(db, families), total: counted };
    },

    async get(familyId, now) {
      const families = await db.session.groupBy({ by: ["familyId"], where: { ...liveRows(now), familyId }, _max: { lastUsedAt: true, expiresAt: true } });
      return (await describe(db, families))[0] ?? null;
    },
  };
}

/** How many live logins match, counted by the database. */
export async function countLive(db: Db, { sql, join }: Database["sql"], now: Date, filter: SessionFilter = {}): Promise<number> {
  const and = [
    sql`"revokedAt" IS NULL`,
    sql`"familyExpiresAt" > ${now}`,
    sql`"expiresAt" > ${now}`,
    sql`"userId" IN (SELECT "id" FROM "User" WHERE "disabled" = ${false})`,
  ];
  if (filter.userId !== undefined) and.push(sql`"userId" = ${filter.userId}`);
  if (filter.id) and.push(filter.id.length ? sql`"familyId" IN (${join(filter.id)})` : sql`1 = 0`);
  const rows = await db.$queryRaw<{ total: number | bigint }[]>(sql`SELECT COUNT(DISTINCT "familyId") AS "total" FROM "Session" WHERE ${join(and, " AND ")}`);
  return Number(rows[0]?.total ?? 0);
}
