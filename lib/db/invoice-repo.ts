import type { Prisma } from "@prisma/client";
import type { Invoice, InvoiceFilter, InvoiceInput, InvoiceUpdate } from "../contracts/invoice";
import type { ListQuery } from "../contracts/list-query";
import type { Db } from "./client";

/** Whose invoices a caller may touch: everyone's, or one owner's. */
export type InvoiceScope = { all: true } | { all: false; ownerId: number };

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

function where(scope: InvoiceScope, filter: InvoiceFilter = {}): Prisma.InvoiceWhereInput {
  const and: Prisma.InvoiceWhereInput[] = [];
  if (!scope.all) and.push({ ownerId: scope.ownerId });
  if (filter.q) and.push({ OR: [{ number: { contains: filter.q } }, { customer: { contains: filter.q } }] });
  if (filter.status) and.push({ status: Array.isArray(filter.status) ? { in: filter.status } : filter.status });
  if (filter.customer) and.push({ customer: { contains: filter.customer } });
  if (filter.ownerId !== undefined) and.push({ ownerId: filter.ownerId });
  if (filter.id) and.push({ id: { in: filter.id } });
  return { AND: and };
}

function dates(input: InvoiceUpdate) {
  return {
    ...(input.issuedAt !== undefined && { issuedAt: new Date(input.issuedAt) }),
    ...(input.dueAt !== undefined && { dueAt: input.dueAt === null ? null : new Date(input.dueAt) }),
  };
}

export function invoiceRepo(db: Db) {
  return {
    async list(scope: InvoiceScope, query: ListQuery<InvoiceFilter>) {
      const filter = where(scope, query.filter);
      const [rows, total] = await Promise.all([
        db.invoice.findMany({
          where: filter,
          include: withOwner,
          orderBy: [{ [query.sort.field]: query.sort.order === "ASC" ? "asc" : "desc" }, { id: "asc" }],
          skip: query.range.start,
          take: query.range.end - query.range.start + 1,
        }),
        db.invoice.count({ where: filter }),
      ]);
      return { rows: rows.map(toInvoice), total };
    },

    async get(scope: InvoiceScope, id: number) {
      const row = await db.invoice.findFirst({ where: { AND: [where(scope), { id }] }, include: withOwner });
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
        where: { AND: [where(scope), { id }] },
        data: { ...rest, ...dates({ issuedAt, dueAt }), ...(scope.all && ownerId !== undefined && { ownerId }) },
      });
      return changed.count === 1 ? this.get(scope, id) : null;
    },

    async delete(scope: InvoiceScope, id: number) {
      const existing = await this.get(scope, id);
      if (!existing) return null;
      await db.invoice.deleteMany({ where: { AND: [where(scope), { id }] } });
      return existing;
    },
  };
}
