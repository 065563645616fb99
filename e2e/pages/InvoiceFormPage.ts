import { expect, type Locator, type Page } from "@playwright/test";

export interface InvoiceValues {
  number?: string;
  customer?: string;
  amount?: string;
  currency?: string;
  issuedAt?: string;
}

/** The create and edit forms, which share their inputs. */
export class InvoiceFormPage {
  constructor(private readonly page: Page) {}

  input(label: string): Locator {
    return this.page.getByRole("main").getByLabel(label, { exact: false }).first();
  }

  async fill(values: InvoiceValues) {
    if (values.number !== undefined) await this.input("Number").fill(values.number);
    if (values.customer !== undefined) await this.input("Customer").fill(values.customer);
    if (values.amount !== undefined) await this.input("Amount").fill(values.amount);
    if (values.currency !== undefined) await this.input("Currency").fill(values.currency);
    if (values.issuedAt !== undefined) await this.input("Issued").fill(values.issuedAt);
  }

  async save() {
    await this.page.getByRole("button", { name: "Save" }).click();
  }

  /** The message under an input, found by the input's source name. */
  fieldError(source: string): Locator {
    return this.page.locator(`.ra-input-${source} .MuiFormHelperText-root.Mui-error`);
  }

  async expectFieldError(source: string, message: string) {
    await expect(this.fieldError(source)).toHaveText(message);
  }
}
