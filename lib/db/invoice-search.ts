import { type InvoiceFilter, invoiceSortFields } from "../contracts/invoice";
import type { InvoiceScope } from "../invoices/port";
import { type Dialect, type Fragment, join, raw, sql } from "./engine/engine";

/**
 * The WHERE clause and ORDER BY of invoice reads, scope included: the one place the scope
 * becomes SQL, for lists, single reads and writes alike. Prisma's `contains` cannot be used:
 * it is case-sensitive on PostgreSQL only and passes `%` and `_` through as wildcards.
 */
export function invoiceSearch({ containsText }: Pick<Dialect, "containsText">) {
  return {
    where(scope: InvoiceScope, filter: InvoiceFilter = {}): Fragment {
      const and: Fragment[] = [];
      if (!scope.all) and.push(sql`"ownerId" = ${scope.ownerId}`);
      if (filter.q) and.push(sql`(${containsText(raw(`"number"`), filter.q)} OR ${containsText(raw(`"customer"`), filter.q)})`);
      if (filter.customer) and.push(containsText(raw(`"customer"`), filter.customer));
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
    orderBy(field: string, order: "ASC" | "DESC"): Fragment {
      // The column name is spliced into SQL: only the contract's own names may reach it.
      if (!(invoiceSortFields as readonly string[]).includes(field) || (order !== "ASC" && order !== "DESC")) {
        throw new Error(`Not a sortable invoice field: ${field.slice(0, 40)}`);
      }
      const byCurrency = field === "amountCents" ? `"currency" ASC, ` : "";
      return raw(`${byCurrency}"${field}" ${order} NULLS LAST, "id" ASC`);
    },
  };
}
