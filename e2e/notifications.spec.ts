import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signInHome, tab, test } from "./fixtures";
import { NotificationBell, SecurityActivityPage } from "./pages/NotificationPages";
import { expectAccessible } from "./support/axe";
import { expectButtonsShowSomething } from "./support/visible-buttons";

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

async function expectScreenUsable(page: Page, screen: string) {
  await expectAccessible(page, screen);
  await expectButtonsShowSomething(page, screen);
}

/**
 * Security notifications end to end, with a user of this test's own (one per project): a
 * second browser with another user agent signs in, the first one's bell counts it after its
 * next token answer (the count travels with the tokens, never polled), "This wasn't me" signs
 * the second browser out and asks for a new password in place, and marking all read empties
 * the bell in every tab of the browser.
 */
test("a sign-in from a new device rings the bell, and \"This wasn't me\" signs it out", { tag: "@phone" }, async ({ first: a, adminApi, browser }, testInfo) => {
  test.setTimeout(180_000);
  const account = { username: `notices-${testInfo.project.name}-${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
  await adminApi.createUser({ ...account, fullName: "Told Everything", role: "user" });
  const bell = new NotificationBell(a.page);
  const activity = new SecurityActivityPage(a.page);

  // The first sign-in ever tells nothing.
  await signInHome(a, account);
  await bell.expectUnread(0);

  // Another browser, on another system, signs in as the same person.
  const elsewhere = await browser.newContext({ baseURL: testInfo.project.use.baseURL, userAgent: FIREFOX_ON_WINDOWS, locale: "en-US", timezoneId: "UTC" });
  const b = await tab(await elsewhere.newPage());
  await signInHome(b, account);

  // The first browser hears of it with its next token answer: a reload restores the session by one.
  await a.page.reload();
  await expect(a.shell.accountButton).toBeVisible();
  await bell.expectUnread(1);
  await expect(bell.button).toHaveAccessibleName("Security notifications, 1 unread");
  await expect(bell.badge).toHaveText("1");
  await bell.open();
  await expect(bell.notices).toHaveCount(1);
  await expect(bell.notices.first()).toHaveText(/^Signed in from Firefox[\w .]* on Windows[^,]*, .*(just now|1 minute ago)\.$/);
  await expectScreenUsable(a.page, "the bell's menu");
  await bell.seeAll();

  const newDevice = /^Signed in from Firefox/;
  await expect(activity.notice(newDevice)).toHaveCount(1);
  await expect(activity.unreadMarks).toHaveCount(1);
  await expectScreenUsable(a.page, "security activity");

  await activity.notMe(newDevice);
  await expect(activity.notMeDialog.getByTestId("not-me-signed-out")).toContainText("We signed that device out");
  // Behind the dialog the notice now says the device is out, with nothing left to click.
  await expect(activity.notice(newDevice).getByTestId("notice-session-ended")).toHaveText("Signed out");
  await expect(activity.notice(newDevice).getByRole("button", { name: "This wasn't me" })).toHaveCount(0);
  await expectScreenUsable(a.page, "the password change after \"this wasn't me\"");
  await bell.expectUnread(0);

  // The other browser's next refresh is refused: it lands on the login page.
  await b.page.reload();
  await expect(b.login.form).toBeVisible();
  await elsewhere.close();

  // The new password, in place; it is itself a notice, counted with the next token answer.
  const newPassword = randomBytes(18).toString("base64url");
  await activity.changePassword(account.password, newPassword);
  await expect(a.page.getByText("Password changed. Your other devices have been signed out.")).toBeVisible();
  await a.page.reload();
  await expect(activity.root).toBeVisible();
  await expect(activity.notice(newDevice).getByTestId("notice-session-ended")).toBeVisible();
  await bell.expectUnread(1);
  await expect(activity.notice(/^Your password was changed from/)).toHaveCount(1);

  // Marking all read empties the bell here and in another tab of the same browser, with no reload there.
  const second = await a.page.context().newPage();
  const secondBell = new NotificationBell(second);
  await second.goto("/admin#/");
  await secondBell.expectUnread(1);
  await activity.markAllRead.click();
  await bell.expectUnread(0);
  await expect(activity.unreadMarks).toHaveCount(0);
  await expect(activity.markAllRead).toBeDisabled();
  await secondBell.expectUnread(0);
  await second.close();
});
