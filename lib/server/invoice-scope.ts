import type { Principal } from "../auth/guard";
import { MAX_ID } from "../contracts/invoice";
import { type InvoiceScope, isInvoiceWriteRefused } from "../invoices/port";
import { errors } from "../errors/catalog";

export function scopeOf(principal: Principal): InvoiceScope {
  return principal.role === "admin" ? { all: true } : { all: false, ownerId: principal.userId };
}

/** Only an admin may give an invoice another owner; a user naming someone else is refused. */
export function assertMayAssign(principal: Principal, ownerId: number | undefined): void {
  if (principal.role !== "admin" && ownerId !== undefined && ownerId !== principal.userId) {
    throw errors.forbidden("Only an administrator can change an invoice's owner.", { ownerId: "Only an administrator can change the owner" });
  }
}

/** A record id from the path: a positive integer, or a 422. */
export function parseId(raw: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > MAX_ID) throw errors.validation("id must be a positive integer", { id: "Not a valid id" });
  return id;
}

/** Turns storage's refusals into answers the form can show. */
export function mapWriteError(error: unknown): never {
  if (!isInvoiceWriteRefused(error)) throw error;
  if (error.refusal === "number_taken") throw errors.conflict(error.message, { number: "Already used by another invoice" });
  throw errors.validation(error.message, { ownerId: "No such user" });
}
