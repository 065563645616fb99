import { expect, openInvoices, test, users } from "./fixtures";
import { InvoiceFormPage } from "./pages/InvoiceFormPage";
import { InvoiceShowPage } from "./pages/InvoiceShowPage";
import { countInvoices, createInvoicesFor, ownerOf } from "./support/db";

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

test("an admin filters by owner and assigns one; notifications name the invoice; statuses are chips", async ({ admin }) => {
  const { page, invoices } = admin;
  const form = new InvoiceFormPage(page);
  const show = new InvoiceShowPage(page);
  await openInvoices(admin);
  await expect(invoices.rows.first().getByTestId("status-chip")).toBeVisible();

  await invoices.filterByOwner(users.user.username);
  await expect(invoices.pagination).toContainText(`of ${await countInvoices({ owner: { username: users.user.username } })}`);
  expect(new Set(await invoices.texts("ownerUsername"))).toEqual(new Set([users.user.username]));

  const number = unique("OWNER");
  await invoices.create();
  await form.fill({ number, customer: "Owned Elsewhere Ltd", amount: "10", issuedAt: "2026-04-01" });
  await form.chooseOwner(users.user.username);
  await form.save();
  await expect(page.getByText("Invoice saved", { exact: true })).toBeVisible();
  await show.expectShown(number);
  await expect(show.field("ownerUsername")).toContainText(users.user.username);
  await expect(show.field("status").getByTestId("status-chip")).toHaveText("Draft");
  expect(await ownerOf(number)).toBe(users.user.username);

  await show.edit();
  await form.chooseOwner(users.admin.username);
  await form.save();
  await expect(page.getByText("Invoice saved", { exact: true })).toBeVisible();
  await expect(show.field("ownerUsername")).toContainText(users.admin.username);
  expect(await ownerOf(number)).toBe(users.admin.username);

  await show.delete();
  await expect(page.getByText("Invoice deleted", { exact: true })).toBeVisible();
  expect(await countInvoices({ number })).toBe(0);
});

test("a plain user has no owner filter, column or input", async ({ user }) => {
  const { page, invoices } = user;
  await openInvoices(user);
  await expect(page.getByRole("combobox", { name: "Owner" })).toHaveCount(0);
  await expect(invoices.header("Owner")).toHaveCount(0);
  await invoices.create();
  await expect(new InvoiceFormPage(page).input("Number")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Owner" })).toHaveCount(0);
});

test("bulk delete asks first, and the hidden bulk buttons are out of the tab order until rows are chosen", async ({ admin }) => {
  const { page, invoices } = admin;
  const prefix = unique("BULK");
  await createInvoicesFor(users.admin.username, [`${prefix}-1`, `${prefix}-2`]);
  await openInvoices(admin);
  await invoices.search(prefix);
  await expect(invoices.rows).toHaveCount(2);
  // Hidden buttons are not in the accessibility tree, so neither Tab nor a screen reader meets them.
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.locator("[data-test=bulk-actions-toolbar] button").first()).toBeHidden();

  await page.getByRole("checkbox", { name: "Select all" }).check();
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(/Are you sure/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await countInvoices({ number: { startsWith: prefix } })).toBe(2);

  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("2 invoices deleted", { exact: true })).toBeVisible();
  await expect.poll(() => countInvoices({ number: { startsWith: prefix } })).toBe(0);
});

test("rows open from the keyboard, the search box has a label, and it does not overlap the Customer filter", async ({ admin }) => {
  const { page, invoices } = admin;
  await openInvoices(admin);
  const search = page.getByRole("textbox", { name: "Search" });
  await expect(search).toBeVisible();
  const customer = page.getByRole("textbox", { name: "Customer", exact: true });
  const [a, b] = [await search.boundingBox(), await customer.boundingBox()];
  expect(a && b).toBeTruthy();
  const overlap = a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
  expect(overlap, `search ${JSON.stringify(a)} customer ${JSON.stringify(b)}`).toBe(false);

  const number = (await invoices.texts("number"))[0]!;
  await search.focus();
  // Tab walks from the filters into the table and reaches the first row's link.
  const link = invoices.column("number").first().getByRole("link");
  for (let i = 0; i < 30 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await new InvoiceShowPage(page).expectShown(number);
});

test("amounts sort within each currency, and show their currency code", async ({ admin }) => {
  const { page, invoices } = admin;
  await openInvoices(admin);
  await expect(invoices.header("Amount (by currency)")).toBeVisible();
  const shown = async () =>
    (await invoices.texts("amountCents")).map((text) => {
      const [, currency = "?", amount = "NaN"] = /^([A-Z]{3})\s([\d,.]+)$/.exec(text.replace(/\u00a0/g, " ")) ?? [];
      return { currency, amount: Number(amount.replace(/,/g, "")) };
    });
  for (const order of ["ASC", "DESC"]) {
    await invoices.sortBy("Amount");
    await expect(page).toHaveURL(new RegExp(`order=${order}`));
    // Polled: the previous order stays on screen until the new page arrives.
    await expect
      .poll(async () => {
        const rows = await shown();
        const currencies = rows.map((row) => row.currency);
        const euros = rows.filter((row) => row.currency === "EUR").map((row) => row.amount);
        return {
          currenciesGrouped: currencies.join() === [...currencies].sort().join(),
          eurosFirst: currencies[0] === "EUR",
          eurosInOrder: euros.join() === [...euros].sort((x, y) => (order === "ASC" ? x - y : y - x)).join(),
        };
      })
      .toEqual({ currenciesGrouped: true, eurosFirst: true, eurosInOrder: true });
  }
});
