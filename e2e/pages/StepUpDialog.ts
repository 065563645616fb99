import { expect, type Locator, type Page } from "@playwright/test";

/** "Confirm it's you": asked over the page when a sensitive action needs a more recent sign-in. */
export class StepUpDialog {
  readonly dialog: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.dialog = page.getByTestId("step-up-dialog");
    this.error = page.getByTestId("step-up-error");
  }

  async expectOpen() {
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  }

  async confirm(password: string) {
    await this.dialog.getByLabel("Password").fill(password);
    await this.dialog.getByRole("button", { name: "Confirm" }).click();
  }

  async cancel() {
    await this.dialog.getByRole("button", { name: "Cancel" }).click();
  }

  async expectClosed() {
    await expect(this.dialog).toHaveCount(0);
  }
}
