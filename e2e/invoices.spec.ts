import { expect, openInvoices, test } from "./fixtures";
import { InvoiceFormPage } from "./pages/InvoiceFormPage";
import { InvoiceShowPage } from "./pages/InvoiceShowPage";
import { countInvoices } from "./support/db";

test("create an invoice, get the server's duplicate-number error on the number field, fix it, delete it", async ({ admin }) => {
  const { page, invoices } = admin;
  const form = new InvoiceFormPage(page);
  const show = new InvoiceShowPage(page);
  const number = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await openInvoices(admin);

  await invoices.create();
  await form.fill({ number, customer: "Playwright Testing Ltd", amount: "1234.5", currency: "eur", issuedAt: "2026-03-15" });
  await form.save();
  await show.expectShown(number);
  // One format, list and invoice alike: the currency code, never a symbol.
  await expect(show.field("amountCents")).toContainText("EUR\u00a01,234.50");
  await expect(show.field("currency")).toHaveCount(0);
  await expect(show.field("issuedAt")).toContainText("3/15/2026");
  expect(await countInvoices({ number, amountCents: 123450, currency: "EUR" })).toBe(1);

  await show.edit();
  await expect(form.input("Number")).toHaveValue(number);
  await form.fill({ number: "INV-0001" });
  await form.save();
  await expect(form.fieldError("number")).toHaveText(/already/i);
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  expect(await countInvoices({ number })).toBe(1);

  await form.fill({ number: `${number}-B`, customer: "Playwright Testing GmbH" });
  await form.save();
  await show.expectShown(`${number}-B`);
  await expect(show.field("customer")).toContainText("Playwright Testing GmbH");

  await show.delete();
  await invoices.expectLoaded();
  await expect.poll(() => countInvoices({ number: { startsWith: number } })).toBe(0);
  await invoices.search(number);
  await expect(invoices.emptyMessage).toBeVisible();
  await expect(invoices.rows).toHaveCount(0);
});

test("sort, page, search and filter invoices by status and customer", async ({ admin }) => {
  const { invoices } = admin;
  await openInvoices(admin);
  const total = await countInvoices();
  await expect(invoices.pagination).toContainText(`1-25 of ${total}`);

  // Amounts sort within each currency (invoice-polish.spec.ts); numbers sort as text.
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const numbers = () => invoices.texts("number");
  const sorted = async (order: "ASC" | "DESC") => {
    const shown = await numbers();
    const expected = [...shown].sort(byText);
    return shown.join() === (order === "ASC" ? expected : expected.reverse()).join();
  };
  // Polled throughout: the previous order stays on screen until the new page arrives.
  await invoices.sortBy("Number");
  await expect(admin.page).toHaveURL(/sort=number/);
  await expect.poll(() => sorted("ASC")).toBe(true);

  await invoices.sortBy("Number");
  await expect(admin.page).toHaveURL(/order=DESC/);
  await expect.poll(() => sorted("DESC")).toBe(true);
  const descending = await numbers();

  await invoices.nextPage();
  await expect(invoices.pagination).toContainText(`26-50 of ${total}`);
  await expect.poll(async () => byText((await numbers())[0]!, descending.at(-1)!)).toBe(-1);
  expect(await sorted("DESC")).toBe(true);

  await invoices.search("INV-005");
  await expect(invoices.pagination).toContainText(`of ${await countInvoices({ number: { contains: "INV-005" } })}`);
  for (const text of await invoices.texts("number")) expect(text).toContain("INV-005");
  await invoices.search("");
  await expect(invoices.pagination).toContainText(`of ${total}`);

  await invoices.filterByStatus("Paid");
  await invoices.filterByCustomer("Initech");
  const expected = await countInvoices({ status: "paid", customer: { contains: "Initech" } });
  expect(expected).toBeGreaterThan(0);
  await expect(invoices.pagination).toContainText(`1-${expected} of ${expected}`);
  expect(new Set(await invoices.texts("status"))).toEqual(new Set(["Paid"]));
  for (const text of await invoices.texts("customer")) expect(text).toContain("Initech");
});
