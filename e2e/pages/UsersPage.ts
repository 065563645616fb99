import { expect, type Locator, type Page } from "@playwright/test";

/** The Users resource: list, create form, show page with its actions, edit form. */
export class UsersPage {
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.locator("table tbody tr");
  }

  async goto() {
    await this.page.getByRole("menuitem", { name: "Users", exact: true }).click();
    await expect(this.page).toHaveURL(/#\/users$/);
    await expect(this.rows.first()).toBeVisible();
  }

  async create(user: { username: string; fullName: string; email: string; password: string }) {
    await this.page.getByRole("link", { name: "Create" }).click();
    await expect(this.page).toHaveURL(/#\/users\/create$/);
    await this.page.locator('input[name="username"]').fill(user.username);
    await this.page.locator('input[name="fullName"]').fill(user.fullName);
    await this.page.locator('input[name="email"]').fill(user.email);
    await this.page.locator('input[name="password"]').fill(user.password);
    await this.page.getByRole("button", { name: "Save" }).click();
    await expect(this.page).toHaveURL(/#\/users\/\d+\/show$/);
  }

  async open(username: string) {
    await this.page.getByPlaceholder("Username, name or email").fill(username);
    await expect(this.rows).toHaveCount(1);
    await this.rows.first().click();
    await expect(this.page).toHaveURL(/#\/users\/\d+\/show$/);
  }

  async setDisabled(disabled: boolean) {
    await this.page.getByRole("link", { name: "Edit" }).click();
    const toggle = this.page.locator('input[name="disabled"]');
    if (disabled) await toggle.check();
    else await toggle.uncheck();
    await this.page.getByRole("button", { name: "Save" }).click();
    await expect(this.page).toHaveURL(/#\/users\/\d+\/show$/);
  }

  async openSessionsTab() {
    await this.page.getByRole("tab", { name: "Sessions" }).click();
  }

  sessionRows(): Locator {
    return this.page.locator("table tbody tr");
  }
}
