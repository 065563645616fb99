import { beforeAll, describe, expect, it } from "vitest";
import type { Invoice } from "@/lib/contracts/invoice";
import type { Db } from "@/lib/db/client";
import { accessTokenOf, Browser, createInvoice, invoiceById, listInvoices } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

let db: Db;
let admin: string;
let jane: string;
let janeId: number;
let johnId: number;

beforeAll(async () => {
  const server = await startTestServer();
  db = server.db;
  janeId = server.jane.id;
  johnId = server.john.id;
  admin = await accessTokenOf(await new Browser().login("johndoe", "secret"));
  jane = await accessTokenOf(await new Browser().login("janedoe", "secret"));
});

const draft = (number: string) => ({ number, customer: "Owner Co", amountCents: 500, currency: "USD", status: "draft", issuedAt: "2026-11-01" });

describe("the invoice owner: admins filter and assign it, plain users cannot", () => {
  it("filters an admin's list by owner", async () => {
    const response = await listInvoices(admin, { filter: { ownerId: janeId }, range: [0, 99] });
    const rows: Invoice[] = await response.json();
    const janes = await db.invoice.count({ where: { ownerId: janeId } });
    expect(janes).toBeGreaterThan(0);
    expect(response.headers.get("content-range")).toBe(`invoices 0-${janes - 1}/${janes}`);
    expect(rows.every((row) => row.ownerId === janeId && row.ownerUsername === "janedoe")).toBe(true);
  });

  it("shows a plain user who filters by someone else's id nothing of theirs", async () => {
    const response = await listInvoices(jane, { filter: { ownerId: johnId }, range: [0, 99] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it("refuses a plain user who names another owner on create or update, and writes nothing", async () => {
    const before = await db.invoice.count({ where: { ownerId: johnId } });
    const refused = await createInvoice(jane, { ...draft("OWN-1"), ownerId: johnId });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "FORBIDDEN", errors: { ownerId: expect.any(String) } });
    expect(await db.invoice.count({ where: { number: "OWN-1" } })).toBe(0);

    const mine: Invoice = await (await createInvoice(jane, draft("OWN-2"))).json();
    expect(mine.ownerId).toBe(janeId);
    const moved = await invoiceById(jane, mine.id, "PUT", { ownerId: johnId });
    expect(moved.status).toBe(403);
    expect(await db.invoice.count({ where: { ownerId: johnId } })).toBe(before);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: mine.id } })).ownerId).toBe(janeId);
  });

  it("lets an admin assign an invoice to another user, and back", async () => {
    const created: Invoice = await (await createInvoice(admin, { ...draft("OWN-3"), ownerId: janeId })).json();
    expect(created).toMatchObject({ ownerId: janeId, ownerUsername: "janedoe" });
    const back = await invoiceById(admin, created.id, "PUT", { ownerId: johnId });
    expect(await back.json()).toMatchObject({ ownerId: johnId, ownerUsername: "johndoe" });
  });
});

describe("sorting by amount", () => {
  it("sorts within each currency, currencies in alphabetical order, in both directions", async () => {
    await createInvoice(admin, { ...draft("CUR-EUR-BIG"), currency: "EUR", amountCents: 99_999_999 });
    await createInvoice(admin, { ...draft("CUR-GBP-SMALL"), currency: "GBP", amountCents: 1 });
    for (const order of ["ASC", "DESC"] as const) {
      const rows: Invoice[] = await (await listInvoices(admin, { sort: ["amountCents", order], range: [0, 199] })).json();
      const currencies = rows.map((row) => row.currency);
      expect(currencies, order).toEqual([...currencies].sort());
      for (const currency of new Set(currencies)) {
        const amounts = rows.filter((row) => row.currency === currency).map((row) => row.amountCents);
        expect(amounts, `${currency} ${order}`).toEqual([...amounts].sort((a, b) => (order === "ASC" ? a - b : b - a)));
      }
    }
  });
});
