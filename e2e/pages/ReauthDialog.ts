import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in dialog shown over the page when the session ends or the cap nears. */
export class ReauthDialog {
  readonly dialog: Locator;
  readonly reason: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.dialog = page.getByTestId("reauth-dialog");
    this.reason = page.getByTestId("reauth-reason");
    this.error = page.getByTestId("reauth-error");
  }

  async signIn(password: string) {
    await this.dialog.getByLabel("Password").fill(password);
    await this.dialog.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async signOut() {
    await this.dialog.getByRole("button", { name: "Sign out" }).click();
  }

  async expectClosed() {
    await expect(this.dialog).toHaveCount(0);
  }
}
