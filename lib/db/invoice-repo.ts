import type { Prisma } from "@prisma/client";
import type { Invoice, InvoiceFilter, InvoiceInput, InvoiceUpdate } from "../contracts/invoice";
import type { ListQuery } from "../contracts/list-query";
import type { Db, SqlBuilder } from "./client";
import { type InvoiceScope, invoiceSearch } from "./invoice-search";
import { inIdOrder, pageOfIds } from "./paged-ids";

export type { InvoiceScope };

const withOwner = { owner: { select: { username: true } } } as const;
type Row = Prisma.InvoiceGetPayload<{ include: typeof withOwner }>;

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
     * One page and the total. The filter runs as SQL both engines read alike (see
     * invoice-search.ts); the page's rows are then loaded with their owners.
     */
    async list(scope: InvoiceScope, query: ListQuery<InvoiceFilter>) {
      const orderBy = search.orderBy(query.sort.field, query.sort.order);
      const { ids, total } = await pageOfIds({ db, sql }, "Invoice", search.where(scope, query.filter), orderBy, query.range);
      const rows = ids.length ? await db.invoice.findMany({ where: { id: { in: ids } }, include: withOwner }) : [];
      return { rows: inIdOrder(ids, rows).map(toInvoice), total };
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
