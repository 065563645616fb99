import type { Prisma } from "@prisma/client";
import type { Invoice, InvoiceFilter, InvoiceInput, InvoiceUpdate } from "../contracts/invoice";
import type { ListQuery } from "../contracts/list-query";
import type { Db, SqlBuilder } from "./client";
import { hotStatements } from "./hot-statements";
import { type InvoiceScope, invoiceSearch } from "./invoice-search";
import { isoTimestamp, type TimestampText } from "./stored-time";

export type { InvoiceScope };

const withOwner = { owner: { select: { username: true } } } as const;
type Row = Prisma.InvoiceGetPayload<{ include: typeof withOwner }>;

type Timestamps = "issuedAt" | "dueAt" | "createdAt" | "updatedAt";
/** An invoice's own columns, timestamps either as Dates or as stored-time.ts reads them. */
type Columns = Omit<Row, "owner" | Timestamps> & { [K in Timestamps]: Row[K] | TimestampText };
/** An invoice row as the list's raw SQL reads it, with its owner's name beside it. */
type ListRow = Columns & { ownerUsername: string };

// Field by field, without spreading the row: a list page maps twenty of them per request.
function invoiceOf(row: Columns, ownerUsername: string): Invoice {
  return {
    id: row.id,
    number: row.number,
    customer: row.customer,
    amountCents: row.amountCents,
    currency: row.currency,
    status: row.status as Invoice["status"],
    issuedAt: isoTimestamp(row.issuedAt),
    dueAt: row.dueAt === null ? null : isoTimestamp(row.dueAt),
    ownerId: row.ownerId,
    ownerUsername,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

// Columns beside the invoice's own (such as the page's total) stay behind.
const fromListRow = (row: ListRow) => invoiceOf(row, row.ownerUsername);
export const toInvoice = (row: Row) => invoiceOf(row, row.owner.username);

/** The same scope as a Prisma filter, for single-record reads and writes. */
const inScope = (scope: InvoiceScope, id: number): Prisma.InvoiceWhereInput => (scope.all ? { id } : { id, ownerId: scope.ownerId });

function dates(input: InvoiceUpdate) {
  return {
    ...(input.issuedAt !== undefined && { issuedAt: new Date(input.issuedAt) }),
    ...(input.dueAt !== undefined && { dueAt: input.dueAt === null ? null : new Date(input.dueAt) }),
  };
}

export function invoiceRepo(db: Db, sql: SqlBuilder) {
  const search = invoiceSearch(sql);
  const hot = hotStatements(db);
  return {
    /**
     * One page with the total, in one raw statement: the filter runs as SQL both engines read
     * alike (see invoice-search.ts), the rows come with their owners' names, and the count is
     * an uncorrelated subquery both engines evaluate once. Only a page past the end, which
     * has no row to carry the count, costs a second statement. This is the dashboard's
     * hottest read, so it is a hot statement (hot-statements.ts); the timestamps come as
     * text on both engines (client.ts).
     */
    async list(scope: InvoiceScope, query: ListQuery<InvoiceFilter>) {
      const where = search.where(scope, query.filter);
      const orderBy = search.orderBy(query.sort.field, query.sort.order);
      const { start, end } = query.range;
      const time = sql.timestamp;
      const rows = await hot.query<ListRow & { total: number | bigint }>`SELECT "id", "number", "customer", "amountCents",
          "currency", "status", ${time("issuedAt")} AS "issuedAt", ${time("dueAt")} AS "dueAt", "ownerId",
          ${time("createdAt")} AS "createdAt", ${time("updatedAt")} AS "updatedAt",
          (SELECT "username" FROM "User" WHERE "User"."id" = "Invoice"."ownerId") AS "ownerUsername",
          (SELECT COUNT(*) FROM "Invoice" WHERE ${where}) AS "total"
        FROM "Invoice" WHERE ${where} ORDER BY ${orderBy} LIMIT ${end - start + 1} OFFSET ${start}`;
      if (rows[0]) return { rows: rows.map(fromListRow), total: Number(rows[0].total) };
      if (start === 0) return { rows: [], total: 0 };
      const [counted] = await hot.query<{ total: number | bigint }>`SELECT COUNT(*) AS "total" FROM "Invoice" WHERE ${where}`;
      return { rows: [], total: Number(counted?.total ?? 0) };
    },

    async get(scope: InvoiceScope, id: number) {
      const row = await db.invoice.findFirst({ where: inScope(scope, id), include: withOwner });
      return row ? toInvoice(row) : null;
    },

    async create(input: InvoiceInput & { ownerId: number }) {
      const { ownerId, issuedAt, dueAt, ...rest } = input;
      const row = await db.invoice.create({
        data: { ...rest, ...dates({ issuedAt, dueAt }), issuedAt: new Date(issuedAt), owner: { connect: { id: ownerId } } },
        include: withOwner,
      });
      return toInvoice(row);
    },

    /** Null when the invoice does not exist in this scope. */
    async update(scope: InvoiceScope, id: number, input: InvoiceUpdate) {
      const { ownerId, issuedAt, dueAt, ...rest } = input;
      const changed = await db.invoice.updateMany({
        where: inScope(scope, id),
        data: { ...rest, ...dates({ issuedAt, dueAt }), ...(scope.all && ownerId !== undefined && { ownerId }) },
      });
      return changed.count === 1 ? this.get(scope, id) : null;
    },

    async delete(scope: InvoiceScope, id: number) {
      const existing = await this.get(scope, id);
      if (!existing) return null;
      await db.invoice.deleteMany({ where: inScope(scope, id) });
      return existing;
    },
  };
}

export type InvoiceRepo = ReturnType<typeof invoiceRepo>;
