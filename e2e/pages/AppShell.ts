import { expect, type Locator, type Page } from "@playwright/test";

/** The app bar and its account menu, present on every signed-in page. */
export class AppShell {
  readonly accountButton: Locator;

  constructor(private readonly page: Page) {
    this.accountButton = page.getByRole("button", { name: "Account" });
  }

  async expectSignedInAs(fullName: string, username: string) {
    await expect(this.accountButton).toContainText(fullName);
    await this.accountButton.click();
    await expect(this.page.getByTestId("signed-in-as")).toContainText(username);
    await this.page.keyboard.press("Escape");
  }

  async signOut() {
    await this.accountButton.click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
  }
}
