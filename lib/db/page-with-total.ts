import { type Engine, type Fragment, raw, sql } from "./engine/engine";

type Table = "Invoice" | "User" | "AuditEvent";

/**
 * One page of a list and the total, in one statement both engines read alike: the count is
 * an uncorrelated subquery both evaluate once. Only a page past the end, which has no row to
 * carry the count, costs a second statement.
 */
export async function pageWithTotal<Row>(
  engine: Pick<Engine, "query">,
  { columns, table, where, orderBy, range }: { columns: Fragment; table: Table; where: Fragment; orderBy: Fragment; range: { start: number; end: number } },
): Promise<{ rows: Row[]; total: number }> {
  const from = raw(`"${table}"`);
  const rows = await engine.query<Row & { total: number | bigint }>(sql`SELECT ${columns}, (SELECT COUNT(*) FROM ${from} WHERE ${where}) AS "total"
    FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT ${range.end - range.start + 1} OFFSET ${range.start}`);
  if (rows[0]) return { rows, total: Number(rows[0].total) };
  if (range.start === 0) return { rows: [], total: 0 };
  const [counted] = await engine.query<{ total: number | bigint }>(sql`SELECT COUNT(*) AS "total" FROM ${from} WHERE ${where}`);
  return { rows: [], total: Number(counted?.total ?? 0) };
}

/** A page of ids and the total; the caller loads the rows. */
export async function pageOfIds(engine: Pick<Engine, "query">, page: { table: Table; where: Fragment; orderBy: Fragment; range: { start: number; end: number } }) {
  const { rows, total } = await pageWithTotal<{ id: number | bigint }>(engine, { ...page, columns: sql`"id"` });
  return { ids: rows.map((row) => Number(row.id)), total };
}

/** Rows loaded by id, back in the page's order. */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
