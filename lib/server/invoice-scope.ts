import type { Principal } from "../auth/guard";
import type { InvoiceScope } from "../db/invoice-repo";
import { MAX_ID } from "../contracts/invoice";
import { isUniqueViolation, prismaErrorCode } from "../db/prisma-errors";
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

/** Turns the database's refusals into answers the form can show. */
export function mapWriteError(error: unknown): never {
  if (isUniqueViolation(error)) throw errors.conflict("An invoice with this number already exists.", { number: "Already used by another invoice" });
  const code = prismaErrorCode(error);
  if (code === "P2025" || code === "P2003") throw errors.validation("The owner does not exist.", { ownerId: "No such user" });
  throw error;
}
