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
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.form = page.locator("main form");
  }

  input(label: string): Locator {
    return this.form.getByLabel(label, { exact: false }).first();
  }

  async fill(values: InvoiceValues) {
    await expect(this.form).toBeVisible();
    if (values.number !== undefined) await this.input("Number").fill(values.number);
    if (values.customer !== undefined) await this.input("Customer").fill(values.customer);
    if (values.amount !== undefined) await this.input("Amount").fill(values.amount);
    if (values.currency !== undefined) await this.input("Currency").fill(values.currency);
    if (values.issuedAt !== undefined) await this.input("Issued").fill(values.issuedAt);
  }

  async chooseOwner(username: string) {
    const owner = this.form.getByRole("combobox", { name: "Owner" });
    await owner.fill(username);
    await this.page.getByRole("option", { name: username, exact: true }).click();
    await expect(owner).toHaveValue(username);
  }

  async save() {
    await this.form.getByRole("button", { name: "Save" }).click();
  }

  /** The message under an input, found by the input's source name. */
  fieldError(source: string): Locator {
    return this.form.locator(`.ra-input-${source} .MuiFormHelperText-root.Mui-error`);
  }

  async expectFieldError(source: string, message: string) {
    await expect(this.fieldError(source)).toHaveText(message);
  }
}
