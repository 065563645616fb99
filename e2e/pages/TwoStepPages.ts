import { expect, type Locator, type Page } from "@playwright/test";

/** Profile → Two-step verification, with its set-up and recovery-code dialogs. */
export class TwoStepProfile {
  readonly section: Locator;
  readonly state: Locator;
  readonly codesLeft: Locator;
  readonly setUpDialog: Locator;
  readonly codesDialog: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByTestId("two-step-section");
    this.state = page.getByTestId("two-step-state");
    this.codesLeft = page.getByTestId("recovery-codes-left");
    this.setUpDialog = page.getByTestId("totp-setup-dialog");
    this.codesDialog = page.getByTestId("recovery-codes-dialog");
  }

  /** Starts the set-up and reads the key for manual entry, as a person without a camera would. */
  async startSetUp(): Promise<string> {
    await this.section.getByRole("button", { name: "Set up" }).click();
    await expect(this.setUpDialog).toBeVisible();
    const grouped = await this.setUpDialog.getByTestId("totp-secret").textContent();
    return (grouped ?? "").replace(/\s+/g, "");
  }

  async confirm(code: string) {
    await this.setUpDialog.getByLabel("Code from your app").fill(code);
    await this.setUpDialog.getByRole("button", { name: "Turn on" }).click();
    await expect(this.codesDialog).toBeVisible();
  }

  async recoveryCodes(): Promise<string[]> {
    return this.codesDialog.getByTestId("recovery-codes").locator("li").allTextContents();
  }

  async closeCodes() {
    const done = this.codesDialog.getByRole("button", { name: "Done" });
    await expect(done).toBeDisabled();
    await this.codesDialog.getByLabel("I saved them").check();
    await done.click();
    await expect(this.codesDialog).toHaveCount(0);
  }
}

/** The login form's second step. */
export class SecondStep {
  readonly form: Locator;
  readonly error: Locator;
  readonly code: Locator;

  constructor(page: Page) {
    this.form = page.getByTestId("second-step-form");
    this.error = page.getByTestId("second-step-error");
    this.code = this.form.getByRole("textbox");
  }

  async enter(code: string) {
    await this.code.fill(code);
    await this.form.getByRole("button", { name: "Verify" }).click();
  }

  async useRecoveryCode() {
    await this.form.getByRole("button", { name: "Use a recovery code instead" }).click();
    await expect(this.form.getByLabel("Recovery code")).toBeVisible();
  }
}
