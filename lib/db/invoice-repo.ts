import type { Invoice, InvoiceUpdate } from "../contracts/invoice";
import { type InvoiceRepo, type InvoiceScope, InvoiceWriteRefused } from "../invoices/port";
import type { Database } from "./client";
import { type Fragment, type Statements, sql } from "./engine/engine";
import { invoiceSearch } from "./invoice-search";
import { pageWithTotal } from "./page-with-total";

/** An invoice row as the reads select it: timestamps as the dialect's text, the owner's name beside it. */
interface Row {
  id: number;
  number: string;
  customer: string;
  amountCents: number;
  currency: string;
  status: string;
  issuedAt: string;
  dueAt: string | null;
  ownerId: number;
  ownerUsername: string;
  createdAt: string;
  updatedAt: string;
}

function dates(input: InvoiceUpdate) {
  return {
    ...(input.issuedAt !== undefined && { issuedAt: new Date(input.issuedAt) }),
    ...(input.dueAt !== undefined && { dueAt: input.dueAt === null ? null : new Date(input.dueAt) }),
  };
}

/**
 * Invoices. Every read is one statement of the engine's (a list page is the dashboard's
 * hottest read), whose WHERE, scope included, comes from invoice-search.ts; writes are
 * Prisma's, inside a transaction that first takes the row through that same WHERE, so the
 * scope is decided once, in SQL, and holds until the write commits.
 */
export function invoiceRepo({ db, engine }: Pick<Database, "db" | "engine">): InvoiceRepo {
  const search = invoiceSearch(engine.dialect);
  const { timestamp: time, isoTimestamp } = engine.dialect;
  const columns = sql`"id", "number", "customer", "amountCents", "currency", "status", ${time("issuedAt")} AS "issuedAt",
    ${time("dueAt")} AS "dueAt", "ownerId", ${time("createdAt")} AS "createdAt", ${time("updatedAt")} AS "updatedAt",
    (SELECT "username" FROM "User" WHERE "User"."id" = "Invoice"."ownerId") AS "ownerUsername"`;

  // Field by field, without spreading the row: a list page maps twenty of them per request.
  const invoiceOf = (row: Row): Invoice => ({
    id: Number(row.id),
    number: row.number,
    customer: row.customer,
    amountCents: Number(row.amountCents),
    currency: row.currency,
    status: row.status as Invoice["status"],
    issuedAt: isoTimestamp(row.issuedAt),
    dueAt: row.dueAt === null ? null : isoTimestamp(row.dueAt),
    ownerId: Number(row.ownerId),
    ownerUsername: row.ownerUsername,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  });

  const one = (scope: InvoiceScope, id: number) => search.where(scope, { id: [id] });
  const read = async (statements: Pick<Statements, "query">, where: Fragment) => {
    const [row] = await statements.query<Row>(sql`SELECT ${columns} FROM "Invoice" WHERE ${where}`);
    return row ? invoiceOf(row) : null;
  };

  /** Turns the database's refusals of a write into the port's. */
  const refused = (error: unknown): never => {
    const kind = engine.errorKind(error);
    if (kind === "unique_violation") throw new InvoiceWriteRefused("number_taken");
    if (kind === "missing_reference") throw new InvoiceWriteRefused("no_such_owner");
    throw error;
  };

  return {
    async list(scope, query) {
      const { rows, total } = await pageWithTotal<Row>(engine, {
        columns,
        table: "Invoice",
        where: search.where(scope, query.filter),
        orderBy: search.orderBy(query.sort.field, query.sort.order),
        range: query.range,
      });
      return { rows: rows.map(invoiceOf), total };
    },

    get: (scope, id) => read(engine, one(scope, id)),

    async create(input) {
      const { ownerId, issuedAt, dueAt, ...rest } = input;
      const { id } = await db.invoice
        .create({ data: { ...rest, ...dates({ issuedAt, dueAt }), issuedAt: new Date(issuedAt), owner: { connect: { id: ownerId } } }, select: { id: true } })
        .catch(refused);
      return (await read(engine, one({ all: true }, id)))!;
    },

    // Only an admin may name another owner; the routes refuse anyone else before this runs.
    update: (scope, id, input) =>
      engine
        .transaction(async (tx) => {
          if (!(await tx.lockRows("Invoice", one(scope, id))).length) return null;
          const { issuedAt, dueAt, ...rest } = input;
          await tx.db.invoice.update({ where: { id }, data: { ...rest, ...dates({ issuedAt, dueAt }) }, select: { id: true } });
          return read(tx, one({ all: true }, id));
        })
        .catch(refused),

    delete: (scope, id) =>
      engine.transaction(async (tx) => {
        if (!(await tx.lockRows("Invoice", one(scope, id))).length) return null;
        const existing = await read(tx, one({ all: true }, id));
        await tx.db.invoice.delete({ where: { id } });
        return existing;
      }),
  };
}
