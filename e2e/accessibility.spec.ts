import { expect, openHome, signInHome, test, users } from "./fixtures";
import { expectAccessible } from "./support/axe";

/**
 * axe on every screen a person reaches, for both roles. Each screen is opened the way a
 * person opens it and checked once its data is on screen. Runs in the phone project too.
 */
test.describe("every screen passes axe (WCAG 2.x A/AA, no serious or critical violations)", { tag: "@phone" }, () => {
  test("login and the admin home", async ({ first }) => {
    const { page } = first;
    await first.login.goto();
    await expectAccessible(page, "login");
    await signInHome(first);
    await expect(page.getByTestId("stat-users")).toContainText(/\d/);
    await expectAccessible(page, "admin home");
  });

  test("the invoice screens", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("Invoices");
    await admin.invoices.expectLoaded();
    await expectAccessible(page, "invoice list");
    await admin.invoices.openFirst();
    await expect(page).toHaveURL(/\/invoices\/\d+\/show$/);
    await expectAccessible(page, "invoice show");
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectAccessible(page, "invoice edit");
    await shell.openFromMenu("Invoices");
    await admin.invoices.create();
    await expect(page.locator("main form")).toBeVisible();
    await expectAccessible(page, "invoice create");
  });

  test("the user screens", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("Users");
    // A table cell's link, or on a phone the whole entry, named by the username first.
    const jane = page.getByRole("link", { name: new RegExp(`^${users.user.username}\\b`) }).first();
    await expect(jane).toBeVisible();
    await expectAccessible(page, "user list");
    await jane.click();
    await expect(page).toHaveURL(/\/users\/\d+\/show$/);
    await expectAccessible(page, "user show");
    await page.getByRole("tab", { name: "Sessions" }).click();
    await expectAccessible(page, "user show, sessions tab");
    await page.getByRole("tab", { name: "Recent events" }).click();
    await expectAccessible(page, "user show, events tab");
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectAccessible(page, "user edit");
    await shell.openFromMenu("Users");
    await page.getByRole("link", { name: "Create" }).click();
    await expect(page.locator("main form")).toBeVisible();
    await expectAccessible(page, "user create");
  });

  test("sessions, audit log, devices, profile and the account menu", async ({ admin }) => {
    const { page, shell } = admin;
    await openHome(admin);
    await shell.openFromMenu("All sessions");
    await expect(page.getByTestId("session-device").first()).toBeVisible();
    await expectAccessible(page, "all sessions");
    await shell.openFromMenu("Audit log");
    await expect(page.getByTestId("audit-event").first()).toBeVisible();
    await expectAccessible(page, "audit log");
    await shell.openFromMenu("Your devices");
    await expect(page.getByTestId("this-device")).toBeVisible();
    await expectAccessible(page, "your devices");
    await shell.openFromMenu("Profile");
    await expect(page.getByLabel("Current password")).toBeVisible();
    await expectAccessible(page, "profile");
    await shell.openAccountMenu();
    await expectAccessible(page, "account menu");
  });

  test("a plain user's screens, and the access-denied page", async ({ user }) => {
    const { page, shell } = user;
    await openHome(user);
    await expect(page.getByTestId("this-device")).toBeVisible();
    await expectAccessible(page, "user home");
    await shell.openFromMenu("Invoices");
    await user.invoices.expectLoaded();
    await expectAccessible(page, "user's invoice list");
    await page.goto("/admin#/users");
    await expect(page.getByText("Access denied", { exact: true })).toBeVisible();
    await expectAccessible(page, "access denied");
  });
});
