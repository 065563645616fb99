import { expect, type Page } from "@playwright/test";
import { gatehouseTest } from "./gatehouse-fixture";
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

/** A tab already signed in by the Gatehouse fixture (the worker's login), with its context's API traffic. */
export interface SignedInTab extends Tab {
  traffic: ApiTraffic;
}

/** Opens the dashboard's home page in a signed-in tab: the cookie brings the session back. */
export async function openHome(t: Tab) {
  await t.page.goto("/admin#/");
  await expect(t.page).toHaveURL(/#\/$/);
  await expect(t.shell.accountButton).toBeVisible();
}

/** Opens the home page, then the invoices from the menu, as a person would. */
export async function openInvoices(t: Tab) {
  await openHome(t);
  await t.shell.openFromMenu("Invoices");
  await t.invoices.expectLoaded();
}

/** Signs in through the login form, which lands on the home page. */
export async function signInHome(t: Tab, user: { username: string; password: string } = users.admin) {
  await t.login.goto();
  await t.login.signIn(user.username, user.password);
  await expect(t.page).toHaveURL(/#\/$/);
}

/** Waiting is what these tests are about: the tab sits idle while tokens age. */
export const idle = (page: Page, ms: number) => page.waitForTimeout(ms);

async function signedInTab(page: Page, name: string, provide: (t: SignedInTab) => Promise<void>) {
  const t = { ...(await tab(page)), traffic: new ApiTraffic(page.context()) };
  await provide(t);
  expect(t.errors, `errors in the ${name} tab`).toEqual([]);
}

/**
 * `first` is a blank tab for the specs that test the login form itself. `admin` and `user`
 * start signed in through the Gatehouse fixture (e2e/gatehouse-fixture): one login per worker
 * and account, handed from test to test.
 */
export const test = gatehouseTest({ accounts: { admin: users.admin, user: users.user } }).extend<{
  traffic: ApiTraffic;
  first: Tab;
  admin: SignedInTab;
  user: SignedInTab;
}>({
  traffic: async ({ context }, provide) => {
    await provide(new ApiTraffic(context));
  },
  first: async ({ page }, provide) => {
    const first = await tab(page);
    await provide(first);
    expect(first.errors, "errors in the first tab").toEqual([]);
  },
  admin: async ({ asAdmin }, provide) => signedInTab(asAdmin, "admin", provide),
  user: async ({ asUser }, provide) => signedInTab(asUser, "user", provide),
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
