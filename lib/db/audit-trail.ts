import type { AuditTrail } from "../auth/manage/storage";
import { type AuditFilter, auditSortFields } from "../contracts/audit";
import type { Database } from "./client";
import { type Dialect, type Fragment, join, raw, sql } from "./engine/engine";
import { inIdOrder, pageOfIds } from "./page-with-total";

const toInstant = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value);

function auditSearch({ containsText }: Pick<Dialect, "containsText">) {
  const contains = (column: string, text: string) => containsText(raw(`coalesce("${column}", '')`), text);
  return {
    where(filter: AuditFilter): Fragment {
      const and: Fragment[] = [];
      if (filter.type) {
        const types = Array.isArray(filter.type) ? filter.type : [filter.type];
        and.push(types.length ? sql`"type" IN (${join(types)})` : sql`1 = 0`);
      }
      if (filter.userId !== undefined) and.push(sql`("userId" = ${filter.userId} OR "actorId" = ${filter.userId})`);
      if (filter.q) {
        const columns = ["username", "actorUsername", "ip", "type"].map((column) => contains(column, filter.q!));
        and.push(sql`(${join(columns, " OR ")})`);
      }
      if (filter.from) and.push(sql`"at" >= ${toInstant(filter.from)}`);
      // A bare date as the upper bound means "until the end of that day": its last
      // millisecond, which stays inside the calendar the database holds on 9999-12-31 too.
      if (filter.to) {
        const to = toInstant(filter.to);
        if (filter.to.length === 10) to.setUTCHours(23, 59, 59, 999);
        and.push(sql`"at" <= ${to}`);
      }
      return and.length ? join(and, " AND ") : sql`1 = 1`;
    },
    orderBy(field: string, order: "ASC" | "DESC"): Fragment {
      if (!(auditSortFields as readonly string[]).includes(field) || (order !== "ASC" && order !== "DESC")) {
        throw new Error(`Not a sortable audit field: ${field.slice(0, 40)}`);
      }
      // Events recorded in the same millisecond keep the order they were written in.
      return raw(`"${field}" ${order}, "id" ${order}`);
    },
  };
}

export function prismaAuditTrail({ db, engine }: Pick<Database, "db" | "engine">): AuditTrail {
  const search = auditSearch(engine.dialect);
  return {
    async list(query) {
      const orderBy = search.orderBy(query.sort.field, query.sort.order);
      const { ids, total } = await pageOfIds(engine, { table: "AuditEvent", where: search.where(query.filter), orderBy, range: query.range });
      const rows = ids.length ? await db.auditEvent.findMany({ where: { id: { in: ids } } }) : [];
      // Some events name their user by id only (a logout): fill in the username from the user.
      const missing = [...new Set(rows.filter((row) => row.userId !== null && row.username === null).map((row) => row.userId!))];
      const users = missing.length ? await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, username: true } }) : [];
      const usernames = new Map(users.map((user) => [user.id, user.username]));
      const named = rows.map((row) => ({ ...row, username: row.username ?? (row.userId !== null ? (usernames.get(row.userId) ?? null) : null) }));
      return { rows: inIdOrder(ids, named), total };
    },
  };
}
