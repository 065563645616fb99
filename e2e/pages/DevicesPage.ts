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

  /** Asks first; `answer` is the button the person picks in the question. */
  async signOutEverywhereElse(answer: "Sign out the others" | "Cancel" = "Sign out the others") {
    await this.root.getByRole("button", { name: "Sign out everywhere else" }).click();
    const question = this.page.getByRole("dialog", { name: "Sign out everywhere else?" });
    await question.getByRole("button", { name: answer }).click();
    await expect(question).toHaveCount(0);
    if (answer !== "Cancel") await expect(this.page.getByText("Signed out everywhere else.")).toBeVisible();
  }
}
