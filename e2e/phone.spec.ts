import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, openHome, test, type Tab, users } from "./fixtures";
import { InvoiceFormPage } from "./pages/InvoiceFormPage";
import { InvoiceShowPage } from "./pages/InvoiceShowPage";
import { countInvoices } from "./support/db";
import { settings } from "./support/settings";
import { expectButtonsShowSomething } from "./support/visible-buttons";

/** Nothing sticks out sideways: the page is never wider than the phone. */
async function expectFitsTheScreen(page: Page, screen: string) {
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scrollWidth, `${screen}: page width`).toBeLessThanOrEqual(viewport);
}

async function expectAppBarInView(t: Tab) {
  await expect(t.page.getByRole("button", { name: "Open menu" })).toBeInViewport();
  await expect(t.page.getByRole("button", { name: "Refresh" })).toBeInViewport();
  await expect(t.shell.accountButton).toBeInViewport();
}

const lists: { menu: string; ready: (page: Page) => ReturnType<Page["getByText"]>; create: boolean }[] = [
  { menu: "Invoices", ready: (page) => page.locator("main li:has(> .MuiListItemButton-root)").first(), create: true },
  { menu: "Users", ready: (page) => page.getByRole("link", { name: new RegExp(`^${users.user.username}\\b`) }).first(), create: true },
  { menu: "All sessions", ready: (page) => page.getByTestId("session-device").first(), create: false },
  { menu: "Audit log", ready: (page) => page.getByTestId("audit-event").first(), create: false },
  { menu: "Your devices", ready: (page) => page.getByTestId("this-device"), create: false },
  { menu: "Security activity", ready: (page) => page.getByTestId("notices").or(page.getByText("Nothing has happened to your account")), create: false },
];

test.describe("on a phone", { tag: "@phone" }, () => {
  test("every list fits the screen, with the app bar's buttons and Create in view", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await expect(page.getByTestId("stat-users")).toContainText(/\d/);
    await expectFitsTheScreen(page, "home");
    await expectAppBarInView(admin);
    for (const list of lists) {
      await shell.openFromMenu(list.menu);
      await expect(list.ready(page)).toBeVisible();
      await expectFitsTheScreen(page, list.menu);
      await expectAppBarInView(admin);
      if (list.create) await expect(page.getByRole("link", { name: "Create" })).toBeInViewport();
      if (list.menu === "Invoices") {
        mkdirSync(settings.outputDir, { recursive: true });
        await page.screenshot({ path: path.join(settings.outputDir, "phone.png") });
      }
    }
  });

  test("create, edit and delete an invoice, then sign out", async ({ admin }) => {
    const { page, shell, invoices } = admin;
    const form = new InvoiceFormPage(page);
    const show = new InvoiceShowPage(page);
    const number = `PHONE-${Date.now().toString(36).toUpperCase()}`;
    await openHome(admin);
    await shell.openFromMenu("Invoices");
    await invoices.expectLoaded();
    await invoices.create();
    await form.fill({ number, customer: "Pocket Ltd", amount: "42", issuedAt: "2026-05-01" });
    await form.save();
    await show.expectShown(number);
    await expectFitsTheScreen(page, "invoice show");
    await show.edit();
    await expectFitsTheScreen(page, "invoice edit");
    await form.fill({ customer: "Pocket GmbH" });
    await form.save();
    await expect(show.field("customer")).toContainText("Pocket GmbH");
    await show.delete();
    await expect(page.getByText("Invoice deleted", { exact: true })).toBeVisible();
    await expect.poll(() => countInvoices({ number })).toBe(0);

    await shell.signOut();
    await expect(admin.login.form).toBeVisible();
    await expectFitsTheScreen(page, "login");
  });

  test("a plain user's invoices and devices fit the screen", async ({ user }) => {
    const { page, shell, invoices } = user;
    await openHome(user);
    await expectFitsTheScreen(page, "user home");
    await shell.openFromMenu("Invoices");
    await invoices.expectLoaded();
    await expectFitsTheScreen(page, "user's invoices");
    await expect(page.getByRole("link", { name: "Create" })).toBeInViewport();
    await invoices.openFirst();
    await expect(page).toHaveURL(/\/invoices\/\d+\/show$/);
    await expectFitsTheScreen(page, "user's invoice");
  });
});

test.describe("the invoice list on a phone", { tag: "@phone" }, () => {
  test("shows only the search up front, sorts from a menu, and offers Clear filters when nothing matches", async ({ admin }) => {
    const { page, shell, invoices } = admin;
    await openHome(admin);
    await shell.openFromMenu("Invoices");
    await invoices.expectLoaded();
    // The filters took about 45 % of the first screen; the search alone is left in view.
    const filters = page.getByPlaceholder("Number or customer").locator("xpath=ancestor::form[1]");
    const { height } = (await filters.boundingBox())!;
    expect(height, "filter form height").toBeLessThan(page.viewportSize()!.height * 0.15);
    await expectButtonsShowSomething(page, "phone invoice list");

    await page.getByRole("button", { name: /^Sort by/ }).click();
    await page.getByRole("menuitem", { name: /^Customer/ }).click();
    await expect(page).toHaveURL(/sort=customer/);

    await invoices.search("no invoice is called this");
    const clear = page.getByRole("button", { name: "Clear filters" });
    await expect(clear).toBeVisible();
    await expectButtonsShowSomething(page, "phone invoice list without results");
    await clear.click();
    await invoices.expectLoaded();
  });
});
