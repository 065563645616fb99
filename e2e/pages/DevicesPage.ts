import { expect, type Locator, type Page } from "@playwright/test";

/** "Your devices": the signed-in user's own logins. */
export class DevicesPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly thisDevice: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("devices-page");
    this.rows = this.root.locator("table tbody tr");
    this.thisDevice = this.root.getByTestId("this-device");
  }

  async goto() {
    await this.page.getByRole("menuitem", { name: "Your devices", exact: true }).click();
    await expect(this.root).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  async signOutEverywhereElse() {
    await this.root.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(this.page.getByText("Signed out everywhere else.")).toBeVisible();
  }
}
