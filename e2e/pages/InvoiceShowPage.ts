import { expect, type Locator, type Page } from "@playwright/test";

export class InvoiceShowPage {
  constructor(private readonly page: Page) {}

  field(source: string): Locator {
    return this.page.locator(`.ra-field-${source}`);
  }

  async expectShown(number: string) {
    await expect(this.page).toHaveURL(/#\/invoices\/\d+\/show/);
    await expect(this.field("number")).toContainText(number);
  }

  async edit() {
    await this.page.getByRole("link", { name: "Edit" }).click();
  }

  async delete() {
    await this.page.getByRole("button", { name: "Delete" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  }
}
