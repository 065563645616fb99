import { expect, type Locator, type Page } from "@playwright/test";

/** The app bar's bell and its menu of the latest notices. */
export class NotificationBell {
  readonly button: Locator;
  readonly badge: Locator;
  readonly menu: Locator;
  readonly notices: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByTestId("notification-bell");
    this.badge = this.button.locator(".MuiBadge-badge");
    this.menu = page.getByRole("menu", { name: "Latest security notifications" });
    this.notices = this.menu.getByTestId("bell-notice");
  }

  async expectUnread(count: number) {
    // The attribute, not the computed name: a dialog open above the app bar hides it from the accessibility tree.
    await expect(this.button).toHaveAttribute("aria-label", count ? `Security notifications, ${count} unread` : "Security notifications");
  }

  async open() {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.button.click();
    await expect(this.menu).toBeVisible();
  }

  async seeAll() {
    await this.menu.getByRole("menuitem", { name: "See all" }).click();
    await expect(this.page.getByTestId("security-activity-page")).toBeVisible();
  }
}

/** "Security activity": every notice, mark all read, and "This wasn't me". */
export class SecurityActivityPage {
  readonly root: Locator;
  readonly notices: Locator;
  readonly unreadMarks: Locator;
  readonly markAllRead: Locator;
  readonly notMeDialog: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("security-activity-page");
    this.notices = this.root.getByTestId("notice");
    this.unreadMarks = this.root.getByTestId("notice-unread");
    this.markAllRead = this.root.getByRole("button", { name: "Mark all read" });
    this.notMeDialog = page.getByRole("dialog", { name: "Change your password" });
  }

  notice(sentence: RegExp): Locator {
    return this.notices.filter({ hasText: sentence });
  }

  async notMe(sentence: RegExp) {
    await this.notice(sentence).getByRole("button", { name: "This wasn't me" }).click();
    await expect(this.notMeDialog).toBeVisible();
  }

  async changePassword(current: string, next: string) {
    await this.notMeDialog.getByLabel("Current password").fill(current);
    await this.notMeDialog.getByLabel("New password").fill(next);
    await this.notMeDialog.getByRole("button", { name: "Change password" }).click();
    await expect(this.notMeDialog).toBeHidden();
  }
}
