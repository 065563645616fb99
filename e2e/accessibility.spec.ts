import type { Page } from "@playwright/test";
import { expect, openHome, signInHome, test, users } from "./fixtures";
import { NotificationBell } from "./pages/NotificationPages";
import { expectAccessible } from "./support/axe";
import { expectButtonsShowSomething } from "./support/visible-buttons";

/** axe, and no button that shows nothing (on a phone, react-admin drops a button's label for its icon). */
async function expectScreenUsable(page: Page, screen: string) {
  await expectAccessible(page, screen);
  await expectButtonsShowSomething(page, screen);
}

/**
 * axe on every screen a person reaches, for both roles, and every visible button shows text
 * or an icon. Each screen is opened the way a person opens it and checked once its data is
 * on screen. Runs in the phone project too.
 */
test.describe("every screen passes axe (WCAG 2.x A/AA, no serious or critical violations) and shows every button", { tag: "@phone" }, () => {
  test("login and the admin home", async ({ first }) => {
    const { page } = first;
    await first.login.goto();
    await expectScreenUsable(page, "login");
    await signInHome(first);
    await expect(page.getByTestId("stat-users")).toContainText(/\d/);
    await expectScreenUsable(page, "admin home");
  });

  test("the invoice screens", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("Invoices");
    await admin.invoices.expectLoaded();
    await expectScreenUsable(page, "invoice list");
    await admin.invoices.openFirst();
    await expect(page).toHaveURL(/\/invoices\/\d+\/show$/);
    await expectScreenUsable(page, "invoice show");
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectScreenUsable(page, "invoice edit");
    await shell.openFromMenu("Invoices");
    await admin.invoices.create();
    await expect(page.locator("main form")).toBeVisible();
    await expectScreenUsable(page, "invoice create");
  });

  test("the user screens", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("Users");
    // A table cell's link, or on a phone the whole entry, named by the username first.
    const jane = page.getByRole("link", { name: new RegExp(`^${users.user.username}\\b`) }).first();
    await expect(jane).toBeVisible();
    await expectScreenUsable(page, "user list");
    await jane.click();
    await expect(page).toHaveURL(/\/users\/\d+\/show$/);
    await expectScreenUsable(page, "user show");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectScreenUsable(page, "reset password dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectScreenUsable(page, "sign out everywhere question");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.getByRole("tab", { name: "Sessions" }).click();
    await expectScreenUsable(page, "user show, sessions tab");
    await page.getByRole("tab", { name: "Recent events" }).click();
    await expectScreenUsable(page, "user show, events tab");
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectScreenUsable(page, "user edit");
    await shell.openFromMenu("Users");
    await page.getByRole("link", { name: "Create" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectScreenUsable(page, "user create");
  });

  test("sessions, audit log, devices, profile and the account menu", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("All sessions");
    await expect(page.getByTestId("session-device").first()).toBeVisible();
    await expectScreenUsable(page, "all sessions");
    await shell.openFromMenu("Audit log");
    await expect(page.getByTestId("audit-event").first()).toBeVisible();
    await expectScreenUsable(page, "audit log");
    await shell.openFromMenu("Your devices");
    await expect(page.getByTestId("this-device")).toBeVisible();
    await expectScreenUsable(page, "your devices");
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectScreenUsable(page, "sign out everywhere else question");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await shell.openFromMenu("Profile");
    await expect(page.getByLabel("Current password")).toBeVisible();
    await expect(page.getByTestId("two-step-state")).toHaveText("Off");
    await expectScreenUsable(page, "profile");
    // Starting the set-up enables nothing until a code confirms it; the recovery codes and the
    // login form's second step are checked in e2e/totp.spec.ts, which has a user with a code.
    await page.getByRole("button", { name: "Set up" }).click();
    await expect(page.getByTestId("totp-setup-dialog")).toBeVisible();
    await expectScreenUsable(page, "two-step set-up dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await shell.openAccountMenu();
    await expectScreenUsable(page, "account menu");
  });

  test("a plain user's screens, and the access-denied page", async ({ user }) => {
    const { page, shell } = user;
    await openHome(user);
    await expect(page.getByTestId("this-device")).toBeVisible();
    await expectScreenUsable(page, "user home");
    await shell.openFromMenu("Invoices");
    await user.invoices.expectLoaded();
    await expectScreenUsable(page, "user's invoice list");
    await shell.openFromMenu("Security activity");
    await expect(page.getByTestId("notices").or(page.getByText("Nothing has happened to your account"))).toBeVisible();
    await expectScreenUsable(page, "security activity");
    const bell = new NotificationBell(page);
    await bell.open();
    await expect(bell.menu.getByRole("menuitem", { name: "See all" })).toBeVisible();
    await expectScreenUsable(page, "the bell's menu");
    await page.keyboard.press("Escape");
    await page.goto("/admin#/users");
    await expect(page.getByText("Access denied", { exact: true })).toBeVisible();
    await expectScreenUsable(page, "access denied");
  });
});
