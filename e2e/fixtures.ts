import { test as base, expect, type Page } from "@playwright/test";
import { AppShell } from "./pages/AppShell";
import { InvoiceListPage } from "./pages/InvoiceListPage";
import { LoginPage } from "./pages/LoginPage";
import { ApiTraffic } from "./support/api-traffic";
import { LoginWatch } from "./support/login-watch";
import { collectPageErrors } from "./support/page-errors";
import { settings } from "./support/settings";

export const users = {
  admin: { username: "johndoe", password: "secret", fullName: "John Doe" },
  user: { username: "janedoe", password: "secret", fullName: "Jane Doe" },
} as const;

export type User = (typeof users)[keyof typeof users];

export const lifetimeMs = settings.accessTtlSeconds * 1000;

/** A browser tab with its page objects and a watch for the login page. */
export interface Tab {
  page: Page;
  login: LoginPage;
  shell: AppShell;
  invoices: InvoiceListPage;
  loginWatch: LoginWatch;
  errors: string[];
}

export async function tab(page: Page): Promise<Tab> {
  return {
    page,
    login: new LoginPage(page),
    shell: new AppShell(page),
    invoices: new InvoiceListPage(page),
    loginWatch: await LoginWatch.attach(page),
    errors: collectPageErrors(page),
  };
}

/** Signs in, which lands on the home page, and opens the invoices from the menu. */
export async function signIn(t: Tab, user: { username: string; password: string } = users.admin) {
  await signInHome(t, user);
  await t.shell.openFromMenu("Invoices");
  await t.invoices.expectLoaded();
}

export async function signInHome(t: Tab, user: { username: string; password: string } = users.admin) {
  await t.login.goto();
  await t.login.signIn(user.username, user.password);
  await expect(t.page).toHaveURL(/#\/$/);
}

/** Waiting is what these tests are about: the tab sits idle while tokens age. */
export const idle = (page: Page, ms: number) => page.waitForTimeout(ms);

export const test = base.extend<{ traffic: ApiTraffic; first: Tab }>({
  traffic: async ({ context }, provide) => {
    await provide(new ApiTraffic(context));
  },
  first: async ({ page }, provide) => {
    const first = await tab(page);
    await provide(first);
    expect(first.errors, "errors in the first tab").toEqual([]);
  },
});

export { expect };

/**
 * One step of ordinary use of the invoice list: open a record and come back, or reload the
 * list. Nothing here changes list state, which react-admin shares between tabs.
 */
export async function browse(t: Tab, step: number) {
  const { page, invoices } = t;
  if (step % 2 === 0) {
    await invoices.rows.first().click();
    await expect(page).toHaveURL(/\/show$/);
    await page.goBack();
    await invoices.expectLoaded();
  } else {
    const refetched = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/invoices" && r.request().method() === "GET");
    await invoices.refresh();
    expect((await refetched).status()).toBe(200);
  }
}
