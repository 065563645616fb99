import type { Prisma } from "@prisma/client";
import { type Database, type Db, openDatabase } from "../../lib/db/client";
import { prismaStorage } from "../../lib/db/storage";
import { databaseUrl } from "./settings";

let database: Database | undefined;

const opened = () => (database ??= openDatabase(databaseUrl()));

/** The suite's database through the app's own client and repositories, whichever the engine. */
export function db(): Db {
  return opened().db;
}

/** A login's one row: how often it rotated, and whether and why it ended. */
export function loginRow(id: string) {
  return db().login.findUniqueOrThrow({ where: { id }, select: { id: true, generation: true, rotatedAt: true, revokedAt: true, revokedReason: true } });
}

/** What an administrator ending the session does, through the login store. */
export function revokeLogin(id: string): Promise<boolean> {
  return prismaStorage(opened()).logins.revoke(id, "admin", new Date());
}

export function auditEventsOfFamily(familyId: string) {
  return db().auditEvent.findMany({ where: { familyId }, orderBy: { id: "asc" }, select: { type: true } });
}

export function auditEventsFor(username: string) {
  return db().auditEvent.findMany({ where: { username }, orderBy: { id: "asc" }, select: { type: true, username: true, ip: true } });
}

/** Counts invoices straight from the database, to check what the list says. */
export function countInvoices(where: Prisma.InvoiceWhereInput = {}): Promise<number> {
  return db().invoice.count({ where });
}

export function countOwnedBy(username: string): Promise<number> {
  return db().invoice.count({ where: { owner: { username } } });
}

/** Invoices made straight in the database, owned by `username`, for a test to act on. */
export async function createInvoicesFor(username: string, numbers: string[]): Promise<void> {
  const owner = await db().user.findUniqueOrThrow({ where: { username } });
  for (const number of numbers) {
    await db().invoice.create({ data: { number, customer: "Bulk Test Ltd", amountCents: 100, currency: "USD", status: "draft", issuedAt: new Date("2026-01-02"), ownerId: owner.id } });
  }
}

export function ownerOf(number: string): Promise<string | undefined> {
  return db().invoice.findFirst({ where: { number }, select: { owner: { select: { username: true } } } }).then((row) => row?.owner.username);
}

export function invoiceById(id: number) {
  return db().invoice.findUniqueOrThrow({ where: { id }, select: { customer: true, number: true } });
}
