import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvoiceFilter } from "@/lib/contracts/invoice";
import type { ListQuery } from "@/lib/contracts/list-query";
import { invoiceRepo } from "@/lib/db/invoice-repo";
import { type InvoiceRepo, type InvoiceScope, InvoiceWriteRefused } from "@/lib/invoices/port";
import { DEMO_INVOICE_COUNT, seedDemoData } from "@/prisma/seed-data";
import { type Provisioned, provision } from "./helpers/provision";

/** The invoice port's contract, run against every database engine (one Vitest project per engine). */
let database: Provisioned;
let repo: InvoiceRepo;
let john: { id: number };
let jane: { id: number };
const all: InvoiceScope = { all: true };
let janes: InvoiceScope;

beforeAll(async () => {
  database = await provision();
  ({ john, jane } = await seedDemoData(database.db, 4));
  repo = invoiceRepo(database);
  janes = { all: false, ownerId: jane.id };
});
afterAll(() => database.dispose());

const query = (filter: InvoiceFilter = {}, range = { start: 0, end: 9 }, sort: ListQuery<InvoiceFilter>["sort"] = { field: "id", order: "ASC" }) => ({ filter, range, sort });
const input = (number: string, ownerId: number) => ({ number, customer: "Contract Co", amountCents: 1234, currency: "USD", status: "draft" as const, issuedAt: "2026-11-30T10:00:00.000Z", ownerId });
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => (error instanceof InvoiceWriteRefused ? error.refusal : Promise.reject(error)),
  );

describe("invoices", () => {
  it("lists a page of the scope with the total, in the API's form", async () => {
    const everyone = await repo.list(all, query());
    const mine = await repo.list(janes, query());
    expect(everyone.rows).toHaveLength(10);
    expect(everyone.total).toBeGreaterThanOrEqual(DEMO_INVOICE_COUNT);
    expect(mine.total).toBe(await database.db.invoice.count({ where: { ownerId: jane.id } }));
    expect(mine.rows.every((row) => row.ownerId === jane.id && row.ownerUsername === "janedoe")).toBe(true);
    const [first] = everyone.rows;
    expect(first!.issuedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first!.createdAt).toMatch(/Z$/);
  });

  it("counts the total on a page past the end, and an empty filter as none", async () => {
    const past = await repo.list(all, query({}, { start: 100_000, end: 100_009 }));
    expect(past).toEqual({ rows: [], total: (await repo.list(all, query())).total });
    expect(await repo.list(all, query({ id: [] }))).toEqual({ rows: [], total: 0 });
  });

  it("matches text ignoring case, with % and _ taken literally", async () => {
    const { rows } = await repo.list(all, query({ q: "inv-000" }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.number.startsWith("INV-000"))).toBe(true);
    expect((await repo.list(all, query({ q: "%" }))).total).toBe(0);
  });

  it("reads one invoice only within the scope", async () => {
    const [johns] = (await repo.list(all, query({ ownerId: john.id }))).rows;
    expect(await repo.get(all, johns!.id)).toEqual(johns);
    expect(await repo.get(janes, johns!.id)).toBeNull();
    expect(await repo.get(all, 2_000_000_000)).toBeNull();
  });

  it("creates, refusing a number the owner already uses and an owner that does not exist", async () => {
    const created = await repo.create(input("CONTRACT-1", jane.id));
    expect(created).toMatchObject({ number: "CONTRACT-1", ownerId: jane.id, ownerUsername: "janedoe", dueAt: null, issuedAt: "2026-11-30T10:00:00.000Z" });
    expect(await repo.get(janes, created.id)).toEqual(created);
    expect(await refusal(repo.create(input("CONTRACT-1", jane.id)))).toBe("number_taken");
    expect(await refusal(repo.create(input("CONTRACT-2", 2_000_000_000)))).toBe("no_such_owner");
  });

  it("updates within the scope only, and refuses what create refuses", async () => {
    const invoice = await repo.create(input("CONTRACT-3", john.id));
    expect(await repo.update(janes, invoice.id, { customer: "Not theirs" })).toBeNull();
    expect((await repo.get(all, invoice.id))!.customer).toBe("Contract Co");
    const updated = await repo.update(all, invoice.id, { customer: "Renamed", dueAt: "2026-12-30T00:00:00.000Z" });
    expect(updated).toMatchObject({ id: invoice.id, customer: "Renamed", dueAt: "2026-12-30T00:00:00.000Z" });
    expect(Date.parse(updated!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(invoice.updatedAt));
    await repo.create(input("CONTRACT-4", john.id));
    expect(await refusal(repo.update(all, invoice.id, { number: "CONTRACT-4" }))).toBe("number_taken");
    expect(await refusal(repo.update(all, invoice.id, { ownerId: 2_000_000_000 }))).toBe("no_such_owner");
    expect(await repo.update(all, invoice.id, { ownerId: jane.id })).toMatchObject({ ownerId: jane.id, ownerUsername: "janedoe" });
  });

  it("deletes within the scope only, answering the invoice as it was", async () => {
    const invoice = await repo.create(input("CONTRACT-5", john.id));
    expect(await repo.delete(janes, invoice.id)).toBeNull();
    expect(await repo.get(all, invoice.id)).not.toBeNull();
    expect(await repo.delete(all, invoice.id)).toEqual(invoice);
    expect(await repo.get(all, invoice.id)).toBeNull();
    expect(await repo.delete(all, invoice.id)).toBeNull();
  });
});
