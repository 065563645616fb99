import { beforeAll, describe, expect, it } from "vitest";
import type { Invoice } from "@/lib/contracts/invoice";
import type { Db } from "@/lib/db/client";
import { actAsGatehouseServer, fromIp } from "./helpers/client-ip";
import { accessTokenOf, Browser, createInvoice, invoiceById, listInvoices, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

let db: Db;
let admin: string;
let jane: string;
let johnId: number;

beforeAll(async () => {
  actAsGatehouseServer();
  const server = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "1" });
  db = server.db;
  johnId = server.john.id;
  admin = await accessTokenOf(await new Browser().login("johndoe", "secret"));
  jane = await accessTokenOf(await new Browser().login("janedoe", "secret"));
});

const draft = (number: string) => ({ number, customer: "Honest Co", amountCents: 100, currency: "USD", status: "draft", issuedAt: "2026-11-01" });

describe("answers that tell the truth", () => {
  it("refuses, naming the field, a user's attempt to give their invoice to someone else", async () => {
    const mine: Invoice = await (await createInvoice(jane, draft("HONEST-1"))).json();
    const moved = await invoiceById(jane, mine.id, "PUT", { ...mine, ownerId: johnId });
    expect(moved.status).toBe(403);
    expect(await moved.json()).toMatchObject({ code: "FORBIDDEN", errors: { ownerId: expect.any(String) } });
    expect(await (await invoiceById(jane, mine.id)).json()).toMatchObject({ ownerId: mine.ownerId });
    // Sending the record back unchanged, owner included, as react-admin does, is fine.
    expect((await invoiceById(jane, mine.id, "PUT", { ...mine, status: "sent" })).status).toBe(200);
    // An admin may reassign.
    expect(await (await invoiceById(admin, mine.id, "PUT", { ownerId: johnId })).json()).toMatchObject({ ownerId: johnId });
  });

  it("answers an empty list and a page past the end with `*/total`", async () => {
    const none = await listInvoices(jane, { filter: { q: "no invoice has this text" } });
    expect(none.headers.get("content-range")).toBe("invoices */0");
    expect(await none.json()).toEqual([]);
    const total = (await listInvoices(jane)).headers.get("content-range")!.split("/")[1];
    expect(Number(total)).toBeGreaterThan(0);
    const past = await listInvoices(jane, { range: [500, 509] });
    expect(past.headers.get("content-range")).toBe(`invoices */${total}`);
  });

  it("keeps invoice numbers unique per owner, so a conflict says nothing about other users", async () => {
    // johndoe owns INV-0001; janedoe may use the same number for her own invoice.
    expect((await createInvoice(jane, draft("INV-0001"))).status).toBe(201);
    const again = await createInvoice(jane, draft("INV-0001"));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "CONFLICT", errors: { number: expect.any(String) } });
  });

  it("refuses text that is not well-formed Unicode with 422 and a field error, never a 500", async () => {
    const login = await new Browser().login("\ud800", "x", fromIp("10.7.0.1"));
    expect(login.status).toBe(422);
    expect(await login.json()).toMatchObject({ code: "VALIDATION_FAILED", errors: { username: expect.any(String) } });
    const invoice = await createInvoice(jane, { ...draft("UNI-1"), customer: "bad \udc00 name" });
    expect(invoice.status).toBe(422);
    expect(await invoice.json()).toMatchObject({ errors: { customer: expect.any(String) } });
    for (const filter of [{ q: "\ud800" }, { customer: "nul\u0000" }]) {
      const list = await listInvoices(jane, { filter });
      expect(list.status, JSON.stringify(filter)).toBe(422);
    }
  });
});

describe("parallel sign-ins through the route handlers", () => {
  it("check at most 10 passwords of a (username, address) pair however they arrive; the rest and the right one get 429", async () => {
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => new Browser().login("janedoe", `wrong-${i}`, fromIp("10.8.0.1"))));
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    for (const refused of guesses.filter((r) => r.status === 429)) expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Every password checked left its failure in the trail: ten, for thirty guesses.
    expect(await db.auditEvent.count({ where: { type: "login.failed", ip: "10.8.0.1" } })).toBe(10);
    const right = await new Browser().login("janedoe", "secret", fromIp("10.8.0.1"));
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
  });

  it("let 20 sign-ins with the right password at once from one address all in", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => new Browser().login("janedoe", "secret", fromIp("10.8.0.2"))));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await db.auditEvent.count({ where: { type: "login.ok", ip: "10.8.0.2" } })).toBe(20);
  });
});

describe("a burst of refreshes", () => {
  it("answers 50 refreshes of one cookie at once with 50 × 200, one successor, and the user still signed in", async () => {
    const browser = new Browser();
    await browser.login("johndoe", "secret", fromIp("10.9.0.1"));
    const cookie = browser.jar.header();
    const tabs = Array.from({ length: 50 }, () => {
      const tab = new Browser();
      for (const pair of cookie.split("; ")) tab.jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
      return tab;
    });
    const answers = await Promise.all(tabs.map((tab) => tab.refresh()));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(tabs.map((tab) => tab.jar.header())).size).toBe(1);
    const next = await tabs[0]!.refresh();
    expect(next.status).toBe(200);
    expect((await me(await accessTokenOf(next))).status).toBe(200);
  });
});
