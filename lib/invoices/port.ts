import type { Invoice, InvoiceFilter, InvoiceInput, InvoiceUpdate } from "../contracts/invoice";
import type { ListQuery } from "../contracts/list-query";

/**
 * What the invoice routes need from storage. lib/db implements it for SQLite and
 * PostgreSQL; the shared contract suite (tests/repositories.test.ts) runs it on both.
 */

/** Whose invoices a caller may touch: everyone's, or one owner's (lib/server/invoice-scope.ts decides). */
export type InvoiceScope = { all: true } | { all: false; ownerId: number };

/** Why storage refused a write: the number is taken, or the named owner does not exist. */
export type InvoiceWriteRefusal = "number_taken" | "no_such_owner";

const BRAND = Symbol.for("gatehouse.InvoiceWriteRefused");

export class InvoiceWriteRefused extends Error {
  readonly [BRAND] = true;

  constructor(readonly refusal: InvoiceWriteRefusal) {
    super(refusal === "number_taken" ? "An invoice with this number already exists." : "The owner does not exist.");
    this.name = "InvoiceWriteRefused";
  }
}

/**
 * Whether a value is an InvoiceWriteRefused. Next bundles each route separately, and the
 * repository comes from the shared server context that whichever route ran first built, so its
 * refusals are made by another copy of the class: `instanceof` would miss them.
 */
export function isInvoiceWriteRefused(error: unknown): error is InvoiceWriteRefused {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

export interface InvoiceRepo {
  /** A page of the invoices in scope that match the filter, and how many match in all. */
  list(scope: InvoiceScope, query: ListQuery<InvoiceFilter>): Promise<{ rows: Invoice[]; total: number }>;
  /** Null when the invoice does not exist in this scope. */
  get(scope: InvoiceScope, id: number): Promise<Invoice | null>;
  /** Throws InvoiceWriteRefused for a taken number or a missing owner. */
  create(input: InvoiceInput & { ownerId: number }): Promise<Invoice>;
  /** Null when the invoice does not exist in this scope; throws InvoiceWriteRefused as create does. */
  update(scope: InvoiceScope, id: number, input: InvoiceUpdate): Promise<Invoice | null>;
  /** The invoice as it was, or null when it does not exist in this scope. */
  delete(scope: InvoiceScope, id: number): Promise<Invoice | null>;
}
