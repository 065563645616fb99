import { expect, type Locator, type Page } from "@playwright/test";

/** The app bar and its account menu, present on every signed-in page. */
export class AppShell {
  readonly accountButton: Locator;

  constructor(private readonly page: Page) {
    this.accountButton = page.getByRole("button", { name: "Account" });
  }

  async expectSignedInAs(fullName: string, username: string) {
    await expect(this.accountButton).toHaveAccessibleName(new RegExp(`^${fullName}\\b`));
    await this.accountButton.click();
    const signedInAs = this.page.getByTestId("signed-in-as");
    await expect(signedInAs).toContainText(username);
    // Not dimmed like a disabled item: the line must stay readable (AA contrast).
    await expect(signedInAs).toHaveCSS("opacity", "1");
    await this.page.keyboard.press("Escape");
  }

  /** Follows a link of the side menu, as a person would (no page load); on a phone the menu is a drawer to open first. */
  async openFromMenu(name: string) {
    const item = this.menuItem(name);
    const toggle = this.page.getByRole("button", { name: "Open menu" });
    await expect(item.or(toggle).first()).toBeVisible();
    if (!(await item.isVisible())) await toggle.click();
    await item.click();
  }

  async openAccountMenu() {
    await this.accountButton.click();
    await expect(this.page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  }

  menuItem(name: string): Locator {
    return this.page.getByRole("menuitem", { name, exact: true });
  }

  /**
   * The user's next action: the app bar's refresh. With the suite's short-lived tokens a tab
   * may already have found out by its own scheduled refresh; then there is nothing to click.
   */
  async nextAction() {
    const refresh = this.page.getByRole("button", { name: "Refresh" });
    if (await refresh.isVisible()) await refresh.click({ timeout: 2_000 }).catch(() => undefined);
  }

  async signOut() {
    // The app bar hides while a long page is scrolled down (react-admin's HideOnScroll).
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.accountButton.click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
  }
}
