import type { Prisma } from "@prisma/client";
import type { Database } from "./client";

type Table = "Invoice" | "User" | "AuditEvent";

/**
 * One page of a list as ids, and the total, by SQL both engines read alike: the filter and
 * order come in as fragments built with the client's own helpers. The caller loads the rows.
 */
export async function pageOfIds(
  { db, sql }: Pick<Database, "db" | "sql">,
  table: Table,
  where: Prisma.Sql,
  orderBy: Prisma.Sql,
  range: { start: number; end: number },
): Promise<{ ids: number[]; total: number }> {
  const from = sql.raw(`"${table}"`);
  const [page, counted] = await Promise.all([
    db.$queryRaw<{ id: number }[]>(sql.sql`SELECT "id" FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT ${range.end - range.start + 1} OFFSET ${range.start}`),
    db.$queryRaw<{ total: number | bigint }[]>(sql.sql`SELECT COUNT(*) AS "total" FROM ${from} WHERE ${where}`),
  ]);
  return { ids: page.map((row) => Number(row.id)), total: Number(counted[0]?.total ?? 0) };
}

/** Rows loaded by id, back in the page's order. */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
