import { beforeAll, describe, expect, it } from "vitest";
import type { Invoice } from "@/lib/contracts/invoice";
import type { Db } from "@/lib/db/client";
import { accessTokenOf, Browser, createInvoice, invoiceById, listInvoices } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

let db: Db;
let admin: string;
let jane: string;
let janeId: number;

beforeAll(async () => {
  const server = await startTestServer();
  db = server.db;
  janeId = server.jane.id;
  admin = await accessTokenOf(await new Browser().login("johndoe", "secret"));
  jane = await accessTokenOf(await new Browser().login("janedoe", "secret"));
});

const draft = (number: string) => ({ number, customer: "Test Customer", amountCents: 12345, currency: "USD", status: "draft", issuedAt: "2026-11-01" });

describe("GET /api/invoices (ra-data-simple-rest)", () => {
  it("pages with range and answers Content-Range", async () => {
    const response = await listInvoices(admin, { sort: ["id", "ASC"], range: [0, 9] });
    expect(response.status).toBe(200);
    // Other tests in this file add invoices, in any order: count what is there now.
    const total = await db.invoice.count();
    expect(response.headers.get("content-range")).toBe(`invoices 0-9/${total}`);
    const page: Invoice[] = await response.json();
    expect(page.map((i) => i.number)).toEqual(Array.from({ length: 10 }, (_, i) => `INV-${String(i + 1).padStart(4, "0")}`));
    const last = await listInvoices(admin, { sort: ["id", "ASC"], range: [total - 5, total + 4] });
    expect(last.headers.get("content-range")).toBe(`invoices ${total - 5}-${total - 1}/${total}`);
    expect(await last.json()).toHaveLength(5);
  });

  it("sorts by any listed field in both directions", async () => {
    const desc: Invoice[] = await (await listInvoices(admin, { sort: ["issuedAt", "DESC"], range: [0, 59] })).json();
    const dates = desc.map((i) => Date.parse(i.issuedAt));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const asc: Invoice[] = await (await listInvoices(admin, { sort: ["customer", "ASC"], range: [0, 59] })).json();
    const customers = asc.map((i) => i.customer);
    expect(customers).toEqual([...customers].sort());
  });

  it("filters by q, status and customer", async () => {
    const byQ: Invoice[] = await (await listInvoices(admin, { filter: { q: "globex" }, range: [0, 59] })).json();
    expect(byQ.length).toBeGreaterThan(0);
    expect(byQ.every((i) => i.customer === "Globex")).toBe(true);
    const byNumber: Invoice[] = await (await listInvoices(admin, { filter: { q: "INV-0042" } })).json();
    expect(byNumber.map((i) => i.number)).toEqual(["INV-0042"]);
    const paid = await listInvoices(admin, { filter: { status: "paid" }, range: [0, 59] });
    const paidCount = await db.invoice.count({ where: { status: "paid" } });
    expect(paid.headers.get("content-range")).toBe(`invoices 0-${paidCount - 1}/${paidCount}`);
    expect(((await paid.json()) as Invoice[]).every((i) => i.status === "paid")).toBe(true);
    const globex: Invoice[] = await (await listInvoices(admin, { filter: { customer: "Glob", status: ["draft", "sent"] }, range: [0, 59] })).json();
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.every((i) => i.customer === "Globex" && ["draft", "sent"].includes(i.status))).toBe(true);
  });

  it("takes %, _ and \\ in a search literally, in q and customer alike", async () => {
    const customers = ["Pct 100% Pure", "Pct 100X Pure", "Und Under_score", "Und UnderXscore", "Bsl back\\slash", "Bsl backXslash"];
    for (const [i, customer] of customers.entries()) expect((await createInvoice(admin, { ...draft(`LIKE-${i}`), customer })).status).toBe(201);
    const found = async (filter: Record<string, string>) =>
      ((await (await listInvoices(admin, { filter, range: [0, 99] })).json()) as Invoice[]).map((i) => i.customer).sort();
    for (const key of ["q", "customer"]) {
      expect(await found({ [key]: "100%" })).toEqual(["Pct 100% Pure"]);
      expect(await found({ [key]: "100% pure" })).toEqual(["Pct 100% Pure"]);
      expect(await found({ [key]: "under_score" })).toEqual(["Und Under_score"]);
      expect(await found({ [key]: "back\\slash" })).toEqual(["Bsl back\\slash"]);
      expect(await found({ [key]: "%" })).toEqual(["Pct 100% Pure"]);
      expect(await found({ [key]: "r_s" })).toEqual(["Und Under_score"]);
    }
  });

  it("shows a user only their own invoices, an admin everyone's with the owner", async () => {
    const mine = await listInvoices(jane, { range: [0, 59] });
    const janes = await db.invoice.count({ where: { ownerId: janeId } });
    expect(mine.headers.get("content-range")).toBe(`invoices 0-${janes - 1}/${janes}`);
    expect(((await mine.json()) as Invoice[]).every((i) => i.ownerId === janeId && i.ownerUsername === "janedoe")).toBe(true);
    const all: Invoice[] = await (await listInvoices(admin, { range: [0, 59] })).json();
    expect(new Set(all.map((i) => i.ownerUsername))).toEqual(new Set(["johndoe", "janedoe"]));
  });

  it("answers 422 with a useful detail for bad list parameters", async () => {
    const cases = [
      { sort: '["passwordHash","ASC"]' },
      { sort: "not json" },
      { range: "[10,0]" },
      { range: "[0,100000]" },
      { filter: '{"ownerId":{"gt":0}}' },
      { filter: '{"evil":"1; DROP TABLE Invoice"}' },
    ];
    for (const params of cases) {
      const response = await listInvoices(admin, params);
      expect(response.status, JSON.stringify(params)).toBe(422);
      expect((await response.json()).detail).toMatch(/sort|range|filter/);
    }
  });

  it("reads every field of a row as the single read does, the ends of the storable calendar included", async () => {
    const dates = [
      { issuedAt: "9999-12-31T18:59:59.999-05:00", dueAt: null },
      { issuedAt: "0001-01-01T01:00:00+01:00", dueAt: "2026-02-28T23:59:59.999Z" },
      { issuedAt: "2026-11-30T09:12:13.622Z", dueAt: "2026-12-30" },
    ];
    const ids: number[] = [];
    for (const [i, { issuedAt, dueAt }] of dates.entries()) {
      const created = await createInvoice(admin, { ...draft(`EDGE-${i}`), issuedAt, dueAt });
      expect(created.status, await created.clone().text()).toBe(201);
      ids.push(((await created.json()) as Invoice).id);
    }
    const listed: Invoice[] = await (await listInvoices(admin, { filter: { id: ids }, sort: ["id", "ASC"] })).json();
    const single: Invoice[] = await Promise.all(ids.map(async (id) => (await invoiceById(admin, id)).json()));
    expect(listed).toEqual(single);
    expect(listed.map((i) => [i.issuedAt, i.dueAt])).toEqual([
      ["9999-12-31T23:59:59.999Z", null],
      ["0001-01-01T00:00:00.000Z", "2026-02-28T23:59:59.999Z"],
      ["2026-11-30T09:12:13.622Z", "2026-12-30T00:00:00.000Z"],
    ]);
  });

  it("answers 422, not 500, for a date past what the databases store", async () => {
    for (const issuedAt of ["9999-12-31T23:30:00-05:00", "0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "0000-06-01"]) {
      const response = await createInvoice(admin, { ...draft("EDGE-X"), issuedAt });
      expect(response.status, issuedAt).toBe(422);
      expect((await response.json()).errors?.issuedAt, issuedAt).toMatch(/between the years 1 and 9999/);
    }
  });

  it("requires a bearer token", async () => {
    const response = await listInvoices("");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("one invoice: create, read, update, delete", () => {
  it("lets a user create, change and delete their own invoice", async () => {
    const forSomeoneElse = await createInvoice(jane, { ...draft("JANE-1"), ownerId: 1 });
    expect(forSomeoneElse.status).toBe(403);
    expect(await forSomeoneElse.json()).toMatchObject({ code: "FORBIDDEN", errors: { ownerId: expect.any(String) } });
    const created = await createInvoice(jane, draft("JANE-1"));
    expect(created.status).toBe(201);
    const invoice: Invoice = await created.json();
    expect(invoice).toMatchObject({ number: "JANE-1", ownerId: janeId, amountCents: 12345 });

    const updated = await invoiceById(jane, invoice.id, "PUT", { ...invoice, status: "sent", amountCents: 999 });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ status: "sent", amountCents: 999, ownerId: janeId });

    expect((await invoiceById(jane, invoice.id, "DELETE")).status).toBe(200);
    expect((await invoiceById(jane, invoice.id)).status).toBe(404);
  });

  it("hides other people's invoices from a user: read, change and delete are 404", async () => {
    const johns = await db.invoice.findFirstOrThrow({ where: { owner: { username: "johndoe" } } });
    expect((await invoiceById(jane, johns.id)).status).toBe(404);
    expect((await invoiceById(jane, johns.id, "PUT", { status: "void" })).status).toBe(404);
    expect((await invoiceById(jane, johns.id, "DELETE")).status).toBe(404);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: johns.id } })).status).toBe(johns.status);
    expect((await invoiceById(admin, johns.id)).status).toBe(200);
  });

  it("lets an admin create for someone else", async () => {
    const response = await createInvoice(admin, { ...draft("ADM-1"), ownerId: janeId });
    expect(await response.json()).toMatchObject({ ownerId: janeId, ownerUsername: "janedoe" });
  });

  it("answers invalid input with 422 and per-field messages", async () => {
    const response = await createInvoice(admin, { ...draft("BAD-1"), amountCents: -5, currency: "dollars", status: "lost" });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.errors).sort()).toEqual(["amountCents", "currency", "status"]);
  });

  it("refuses amounts past what the column holds instead of failing in the database", async () => {
    const response = await createInvoice(admin, { ...draft("BIG-1"), amountCents: 1e12 });
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual({ amountCents: "Amount is too large" });
  });

  it("answers a duplicate number with 409 on the number field", async () => {
    const response = await createInvoice(admin, draft("INV-0001"));
    expect(response.status).toBe(409);
    expect((await response.json()).errors).toEqual({ number: expect.any(String) });
  });

  it("answers ids that are not ids with 422", async () => {
    for (const id of ["abc", "1 OR 1=1", "../users", "-1", "99999999999"]) {
      expect((await invoiceById(admin, id)).status).toBe(422);
    }
  });
});

describe("partial updates", () => {
  it("change only the fields sent", async () => {
    const invoice: Invoice = await (await createInvoice(admin, { ...draft("PART-1"), status: "sent", currency: "EUR" })).json();
    const updated: Invoice = await (await invoiceById(admin, invoice.id, "PUT", { amountCents: 777 })).json();
    expect(updated).toMatchObject({ amountCents: 777, status: "sent", currency: "EUR", customer: "Test Customer" });
  });

  it("refuse an update that names no field", async () => {
    const response = await invoiceById(admin, 1, "PUT", { id: 1, unknown: "x" });
    expect(response.status).toBe(422);
  });
});
