import type { Prisma } from "@prisma/client";
import { createDb, type Db } from "../../lib/db/client";
import { prismaStorage } from "../../lib/db/storage";
import { databaseUrl } from "./settings";

let client: Db | undefined;

/** The suite's database through the app's own client and repositories, whichever the engine. */
function db(): Db {
  client ??= createDb(databaseUrl());
  return client;
}

export function sessionsOfFamily(familyId: string) {
  return db().session.findMany({
    where: { familyId },
    orderBy: { createdAt: "asc" },
    select: { id: true, familyId: true, rotatedAt: true, revokedAt: true, revokedReason: true },
  });
}

/** What an administrator revoking the session does, through the session store. */
export function revokeFamily(familyId: string): Promise<number> {
  return prismaStorage(db()).sessions.revokeFamily(familyId, "admin", new Date());
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
