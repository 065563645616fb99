import type { Prisma } from "@prisma/client";
import { type InvoiceFilter, invoiceSortFields } from "../contracts/invoice";
import type { SqlBuilder } from "./client";

/** Whose invoices a caller may touch: everyone's, or one owner's. */
export type InvoiceScope = { all: true } | { all: false; ownerId: number };

/** `%`, `_` and the escape itself match literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause and ORDER BY of an invoice list, as SQL that SQLite and PostgreSQL read
 * alike. Prisma's `contains` cannot be used: it is case-sensitive on PostgreSQL only and
 * passes `%` and `_` through as wildcards.
 */
export function invoiceSearch({ sql, join, raw }: SqlBuilder) {
  const containsText = (column: "number" | "customer", text: string) =>
    sql`lower(${raw(`"${column}"`)}) LIKE lower(${`%${escapeLike(text)}%`}) ESCAPE '\\'`;

  return {
    where(scope: InvoiceScope, filter: InvoiceFilter = {}): Prisma.Sql {
      const and: Prisma.Sql[] = [];
      if (!scope.all) and.push(sql`"ownerId" = ${scope.ownerId}`);
      if (filter.q) and.push(sql`(${containsText("number", filter.q)} OR ${containsText("customer", filter.q)})`);
      if (filter.customer) and.push(containsText("customer", filter.customer));
      if (filter.status) {
        const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
        and.push(statuses.length ? sql`"status" IN (${join(statuses)})` : sql`1 = 0`);
      }
      if (filter.ownerId !== undefined) and.push(sql`"ownerId" = ${filter.ownerId}`);
      if (filter.id) and.push(filter.id.length ? sql`"id" IN (${join(filter.id)})` : sql`1 = 0`);
      return and.length ? join(and, " AND ") : sql`1 = 1`;
    },

    /**
     * Nulls last in both directions, which neither database does by itself in the same way.
     * Amounts in different currencies are not comparable: they sort within each currency,
     * the currencies in alphabetical order whichever the direction.
     */
    orderBy(field: string, order: "ASC" | "DESC"): Prisma.Sql {
      // The column name is spliced into SQL: only the contract's own names may reach it.
      if (!(invoiceSortFields as readonly string[]).includes(field) || (order !== "ASC" && order !== "DESC")) {
        throw new Error(`Not a sortable invoice field: ${field.slice(0, 40)}`);
      }
      const byCurrency = field === "amountCents" ? `"currency" ASC, ` : "";
      return raw(`${byCurrency}"${field}" ${order} NULLS LAST, "id" ASC`);
    },
  };
}
