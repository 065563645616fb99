import { expect, test } from "@playwright/test";
import { signInHome, tab, users } from "./fixtures";
import { StepUpDialog } from "./pages/StepUpDialog";
import { UsersPage } from "./pages/UsersPage";
import { expectAccessible } from "./support/axe";
import { ownServer } from "./support/own-server";
import { settings } from "./support/settings";

/**
 * Step-up re-authentication on a server of its own whose proofs go stale after a few seconds
 * (REAUTH_MAX_AGE_SECONDS), with the suite's short-lived access tokens, so the refreshes in
 * between carry the old proof as they must.
 */
const MAX_AGE_SECONDS = 12;
const port = settings.port + 9;

let server: Awaited<ReturnType<typeof ownServer>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await ownServer("step-up", port, { REAUTH_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS), ACCESS_TOKEN_TTL_SECONDS: String(settings.accessTtlSeconds) });
});
test.afterAll(async () => {
  await server?.stop();
});

/** An admin signed in on the step-up server, on the edit form of janedoe, once the sign-in is older than the window. */
async function staleAdminEditingJane(browser: import("@playwright/test").Browser) {
  const context = await browser.newContext({ baseURL: server.origin });
  const t = await tab(await context.newPage());
  await signInHome(t, users.admin);
  const signedInAt = Date.now();
  const usersPage = new UsersPage(t.page);
  await t.shell.openFromMenu("Users");
  await expect(usersPage.rows.first()).toBeVisible();
  await usersPage.open(users.user.username);
  await expect(t.page.getByTestId("sensitive-actions-note")).toContainText("Changing a user's role");
  await t.page.getByRole("link", { name: "Edit" }).click();
  await expect(t.page).toHaveURL(/#\/users\/\d+$/);
  await expect(t.page.getByTestId("sensitive-actions-note")).toBeVisible();
  await t.page.waitForTimeout(Math.max(0, signedInAt + (MAX_AGE_SECONDS + 2) * 1000 - Date.now()));
  const puts: number[] = [];
  t.page.on("response", (response) => {
    if (response.request().method() === "PUT" && new URL(response.url()).pathname.startsWith("/api/users/")) puts.push(response.status());
  });
  return { context, t, puts };
}

async function editRoleAndName(page: import("@playwright/test").Page, fullName: string) {
  await page.locator('input[name="fullName"]').fill(fullName);
  await page.getByRole("combobox", { name: "Role" }).click();
  await page.getByRole("option", { name: "Administrator", exact: true }).click();
  await page.getByRole("button", { name: "Save" }).click();
}

test("a stale admin changes a role: the dialog asks once, the change is saved with no second click and with what was typed", async ({ browser }) => {
  const { context, t, puts } = await staleAdminEditingJane(browser);
  const stepUp = new StepUpDialog(t.page);
  await editRoleAndName(t.page, "Jane Promoted");

  await stepUp.expectOpen();
  await stepUp.confirm(users.admin.password);
  await stepUp.expectClosed();
  await expect(t.page).toHaveURL(/#\/users\/\d+\/show$/);
  await expect(t.page.getByText("Administrator")).toBeVisible();
  await expect(t.page.getByText("Jane Promoted")).toBeVisible();
  expect(puts).toEqual([401, 200]);
  const jane = await server.db.user.findUniqueOrThrow({ where: { username: users.user.username } });
  expect(jane).toMatchObject({ role: "admin", fullName: "Jane Promoted" });

  // Within the window a second sensitive change goes straight through.
  await t.page.getByRole("link", { name: "Edit" }).click();
  await t.page.getByRole("combobox", { name: "Role" }).click();
  await t.page.getByRole("option", { name: "User", exact: true }).click();
  await t.page.getByRole("button", { name: "Save" }).click();
  await expect(t.page).toHaveURL(/#\/users\/\d+\/show$/);
  await expect(stepUp.dialog).toHaveCount(0);
  expect(puts).toEqual([401, 200, 200]);
  expect(await server.db.user.findUniqueOrThrow({ where: { username: users.user.username } })).toMatchObject({ role: "user" });
  expect(t.errors).toEqual([]);
  await context.close();
});

test("a wrong password in the dialog shows an error and signs nobody out; Cancel keeps the form and saves nothing", async ({ browser }) => {
  const { context, t, puts } = await staleAdminEditingJane(browser);
  const stepUp = new StepUpDialog(t.page);
  const before = await server.db.user.findUniqueOrThrow({ where: { username: users.user.username } });
  const liveLogins = await server.db.login.count({ where: { revokedAt: null } });
  await editRoleAndName(t.page, "Jane Not Saved");

  await stepUp.expectOpen();
  await stepUp.confirm("not the password");
  await expect(stepUp.error).toContainText("Incorrect username or password");
  await expect(stepUp.dialog).toBeVisible();
  await expectAccessible(t.page, "the step-up dialog with a wrong password");
  await expect(t.login.form).toHaveCount(0);
  expect(await server.db.login.count({ where: { revokedAt: null } })).toBe(liveLogins);

  await stepUp.cancel();
  await stepUp.expectClosed();
  await expect(t.page.getByText("Not saved: confirmation needed.")).toBeVisible();
  await expect(t.page).toHaveURL(/#\/users\/\d+$/);
  await expect(t.page.locator('input[name="fullName"]')).toHaveValue("Jane Not Saved");
  expect(puts).toEqual([401]);
  expect(await server.db.user.findUniqueOrThrow({ where: { username: users.user.username } })).toEqual(before);

  // Still signed in: the next page loads, and nobody's login ended.
  await expect(t.shell.accountButton).toBeVisible();
  await t.shell.openFromMenu("Invoices");
  await expect(t.page).toHaveURL(/#\/invoices/);
  await expect(t.login.form).toHaveCount(0);
  expect(await server.db.login.count({ where: { revokedAt: null } })).toBe(liveLogins);
  const failed = await server.db.auditEvent.findMany({ where: { type: "reauth.failed" } });
  expect(failed).toHaveLength(1);
  await context.close();
});
