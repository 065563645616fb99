import { expect, type Locator, type Page } from "@playwright/test";

export class InvoiceListPage {
  readonly rows: Locator;
  readonly pagination: Locator;
  readonly emptyMessage: Locator;

  constructor(private readonly page: Page) {
    // The table's rows, or on a phone the one-column list's entries.
    this.rows = page.locator("main table tbody tr, main li:has(> .MuiListItemButton-root)");
    this.pagination = page.locator(".MuiTablePagination-root");
    this.emptyMessage = page.getByText(/^No Invoices found/);
  }

  async goto() {
    await this.page.goto("/admin#/invoices");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(/#\/invoices/);
    await expect(this.rows.first()).toBeVisible();
  }

  column(source: string): Locator {
    return this.page.locator(`table tbody td.column-${source}`);
  }

  header(label: string): Locator {
    return this.page.locator("table thead th").filter({ hasText: label });
  }

  async texts(source: string): Promise<string[]> {
    return (await this.column(source).allInnerTexts()).map((t) => t.trim());
  }

  async search(text: string) {
    await this.page.getByPlaceholder("Number or customer").fill(text);
  }

  async filterByStatus(name: string) {
    await this.page.getByRole("combobox", { name: "Status" }).click();
    await this.page.getByRole("option", { name, exact: true }).click();
  }

  async filterByOwner(username: string) {
    await this.page.getByRole("combobox", { name: "Owner" }).fill(username);
    await this.page.getByRole("option", { name: username, exact: true }).click();
  }

  async filterByCustomer(text: string) {
    await this.page.getByRole("textbox", { name: "Customer", exact: true }).fill(text);
  }

  async sortBy(label: string) {
    await this.header(label).getByRole("button").click();
  }

  async previousPage() {
    await this.page.getByRole("button", { name: "Go to previous page" }).click();
  }

  /** The app bar's refresh button: refetches what the page shows. */
  async refresh() {
    await this.page.getByRole("button", { name: "Refresh" }).click();
  }

  async nextPage() {
    await this.page.getByRole("button", { name: "Go to next page" }).click();
  }

  async openFirst() {
    await this.rows.first().click();
  }

  async open(number: string) {
    await this.column("number").filter({ hasText: number }).click();
  }

  async create() {
    await this.page.getByRole("link", { name: "Create" }).click();
    await expect(this.page).toHaveURL(/#\/invoices\/create$/);
  }
}
