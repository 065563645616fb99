import { expect, type Locator, type Page } from "@playwright/test";

/** Profile → Passkeys, with its add and rename dialogs. */
export class PasskeysProfile {
  readonly section: Locator;
  readonly items: Locator;
  readonly addButton: Locator;
  readonly addDialog: Locator;
  readonly unsupported: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByTestId("passkeys-section");
    this.items = this.section.getByTestId("passkey-item");
    this.addButton = this.section.getByRole("button", { name: "Add a passkey" });
    this.addDialog = page.getByTestId("passkey-add-dialog");
    this.unsupported = this.section.getByTestId("passkeys-unsupported");
  }

  item(name: string): Locator {
    return this.items.filter({ has: this.page.getByTestId("passkey-name").getByText(name, { exact: true }) });
  }

  lastUsed(name: string): Locator {
    return this.item(name).getByTestId("passkey-last-used");
  }

  /** Opens the add dialog and answers with the suggested name. */
  async openAdd(): Promise<string> {
    await this.addButton.click();
    await expect(this.addDialog).toBeVisible();
    return this.addDialog.getByRole("textbox", { name: /^Name/ }).inputValue();
  }

  async create(name?: string) {
    if (name !== undefined) await this.addDialog.getByRole("textbox", { name: /^Name/ }).fill(name);
    await this.addDialog.getByRole("button", { name: "Create passkey" }).click();
  }

  async rename(from: string, to: string) {
    await this.item(from).getByRole("button", { name: "Rename" }).click();
    const dialog = this.page.getByTestId("passkey-rename-dialog");
    await dialog.getByRole("textbox", { name: /^Name/ }).fill(to);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toHaveCount(0);
  }

  async remove(name: string) {
    await this.item(name).getByRole("button", { name: "Remove" }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  }
}
