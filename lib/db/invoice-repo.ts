import type { Prisma } from "@prisma/client";
import type { Invoice, InvoiceFilter, InvoiceInput, InvoiceUpdate } from "../contracts/invoice";
import type { ListQuery } from "../contracts/list-query";
import type { Db, SqlBuilder } from "./client";
import { type InvoiceScope, invoiceSearch } from "./invoice-search";

export type { InvoiceScope };

const withOwner = { owner: { select: { username: true } } } as const;
type Row = Prisma.InvoiceGetPayload<{ include: typeof withOwner }>;

/** An invoice row as the list's raw SQL reads it, with its owner's name beside it. */
type ListRow = Omit<Row, "owner"> & { ownerUsername: string };

// toInvoice picks its fields by name, so columns beside them (such as the page's total) stay behind.
const fromListRow = ({ ownerUsername, ...row }: ListRow) => toInvoice({ ...row, owner: { username: ownerUsername } });

export function toInvoice(row: Row): Invoice {
  return {
    id: row.id,
    number: row.number,
    customer: row.customer,
    amountCents: row.amountCents,
    currency: row.currency,
    status: row.status as Invoice["status"],
    issuedAt: row.issuedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    ownerId: row.ownerId,
    ownerUsername: row.owner.username,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

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
  return {
    /**
     * One page with the total, in one raw statement: the filter runs as SQL both engines read
     * alike (see invoice-search.ts), the rows come with their owners' names, and the count is
     * an uncorrelated subquery both engines evaluate once. Only a page past the end, which
     * has no row to carry the count, costs a second statement. Raw because this is the
     * dashboard's hottest read and Prisma compiles every model query on every call.
     */
    async list(scope: InvoiceScope, query: ListQuery<InvoiceFilter>) {
      const where = search.where(scope, query.filter);
      const orderBy = search.orderBy(query.sort.field, query.sort.order);
      const { start, end } = query.range;
      const rows = await db.$queryRaw<(ListRow & { total: number | bigint })[]>(sql.sql`SELECT "id", "number", "customer", "amountCents",
          "currency", "status", "issuedAt", "dueAt", "ownerId", "createdAt", "updatedAt",
          (SELECT "username" FROM "User" WHERE "User"."id" = "Invoice"."ownerId") AS "ownerUsername",
          (SELECT COUNT(*) FROM "Invoice" WHERE ${where}) AS "total"
        FROM "Invoice" WHERE ${where} ORDER BY ${orderBy} LIMIT ${end - start + 1} OFFSET ${start}`);
      if (rows[0]) return { rows: rows.map(fromListRow), total: Number(rows[0].total) };
      if (start === 0) return { rows: [], total: 0 };
      const [counted] = await db.$queryRaw<{ total: number | bigint }[]>(sql.sql`SELECT COUNT(*) AS "total" FROM "Invoice" WHERE ${where}`);
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
