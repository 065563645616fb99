import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, openHome, signInHome, tab, test, users } from "./fixtures";
import { AuditPage } from "./pages/AuditPage";
import { DevicesPage } from "./pages/DevicesPage";
import { HomePage } from "./pages/HomePage";
import { ReauthDialog } from "./pages/ReauthDialog";
import { UsersPage } from "./pages/UsersPage";
import { settings } from "./support/settings";

/** Another person at another computer: a browser context of their own. */
async function elsewhere(browser: Browser) {
  const context = await browser.newContext();
  return { context, t: await tab(await context.newPage()) };
}

test("an admin creates a user who signs in; disabling them sends their open tab to the login page with the reason; the audit log shows it", async ({ admin: signedIn, browser }) => {
  const username = `e2e-${randomUUID().slice(0, 8)}`;
  const password = "a long enough passphrase";
  const admin = new UsersPage(signedIn.page);
  await openHome(signedIn);
  await admin.goto();
  await admin.create({ username, fullName: "Eddie Twoe", email: `${username}@example.com`, password });

  const other = await elsewhere(browser);
  await other.t.login.goto();
  await other.t.login.signIn(username, "not the passphrase");
  await expect(other.t.login.error).toHaveText("Incorrect username or password");
  await signInHome(other.t, { username, password });
  await expect(other.t.page.getByTestId("user-home")).toContainText("Welcome, Eddie Twoe");

  await admin.setDisabled(true);
  await other.t.shell.nextAction();
  await expect(other.t.login.sessionEnded).toContainText("Your account has been disabled or removed");
  await expect(other.t.page).toHaveURL(/#\/login/);
  await other.context.close();

  const audit = new AuditPage(signedIn.page);
  await audit.goto();
  await audit.search(username);
  await expect(audit.rows.filter({ hasText: "User created" })).toHaveCount(1);
  await expect(audit.rows.filter({ hasText: "User disabled" })).toHaveCount(1);
  await expect(audit.rows.filter({ hasText: "Signed in" })).toHaveCount(1);
  await expect(audit.rows.filter({ hasText: "User created" })).toContainText(users.admin.username);
  // A failed sign-in proves nobody: the name was only typed. Its detail reads in words.
  const failed = audit.rows.filter({ hasText: "Sign-in failed" });
  await expect(failed).toContainText(`attempted as ${username}`);
  await expect(failed).toContainText("wrong password");
  await expect(failed).not.toContainText("bad_password");
  const csv = await audit.exportCsv();
  expect(csv.split("\n")[0]).toBe("id,at,event,type,actor,user,ip,userAgent,detail");
  expect(csv).toContain(`"user.created","johndoe","${username}"`);
});

test("the admin ends a user's session from their devices list, and the user's tab is told so over the page", async ({ admin: signedIn, user }) => {
  await openHome(user);

  const admin = new UsersPage(signedIn.page);
  await openHome(signedIn);
  await admin.goto();
  await admin.open(users.user.username);
  await admin.openSessionsTab();
  const rows = admin.sessionRows();
  await expect(rows.first()).toBeVisible();
  while ((await rows.count()) > 0 && !(await rows.first().getByText("No active sessions").isVisible().catch(() => false))) {
    const before = await rows.count();
    await rows.first().getByRole("button", { name: "End" }).click();
    await signedIn.page.getByRole("dialog").getByRole("button", { name: "End session" }).click();
    await expect(signedIn.page.getByText(/^Session on .* ended\.$/)).toBeVisible();
    await expect(rows).toHaveCount(before - 1);
  }

  await user.shell.nextAction();
  await expect(new ReauthDialog(user.page).reason).toHaveText("An administrator signed you out.");
  await expect(user.login.form).toHaveCount(0);

  const audit = new AuditPage(signedIn.page);
  await audit.goto();
  await audit.search(users.user.username);
  await expect(audit.rows.filter({ hasText: "Session ended" }).first()).toContainText(users.admin.username);
});

test("sign out everywhere else, from a second browser, ends the first and keeps this one", async ({ user, browser }) => {
  await openHome(user);
  const second = await elsewhere(browser);
  await signInHome(second.t, users.user);
  const devices = new DevicesPage(second.t.page);
  await devices.goto();
  await expect.poll(() => devices.rows.count()).toBeGreaterThanOrEqual(2);
  await expect(devices.thisDevice).toHaveCount(1);
  mkdirSync(settings.outputDir, { recursive: true });
  await second.t.page.mouse.move(0, 0);
  await second.t.page.screenshot({ path: path.join(settings.outputDir, "devices.png") });

  // It asks first, and Cancel ends nothing.
  const before = await devices.rows.count();
  await devices.signOutEverywhereElse("Cancel");
  await expect(devices.rows).toHaveCount(before);
  await devices.signOutEverywhereElse();
  await expect(devices.rows).toHaveCount(1);
  await expect(devices.thisDevice).toHaveCount(1);

  await user.shell.nextAction();
  await expect(user.login.sessionEnded).toBeVisible();
  await second.t.shell.openFromMenu("Invoices");
  await second.t.invoices.expectLoaded();
  await second.context.close();
});

test("the admin home shows the cards and both activity charts with data", async ({ admin }) => {
  await openHome(admin);
  const home = new HomePage(admin.page);
  await expect(home.root).toBeVisible();
  await expect(home.card("users")).toContainText(/Users\s*\d+/);
  await expect(home.card("signInsToday")).not.toContainText(/today\s*0$/);
  for (const which of ["24h", "30d"] as const) {
    await expect(home.chart(which).locator("svg").first()).toBeVisible();
    await expect.poll(() => home.bars(which).evaluateAll((bars) => bars.filter((bar) => bar.getBoundingClientRect().height > 0).length)).toBeGreaterThan(0);
  }
  mkdirSync(settings.outputDir, { recursive: true });
  await admin.page.mouse.move(0, 0);
  await admin.page.screenshot({ path: path.join(settings.outputDir, "home.png"), fullPage: true });
});

test("a plain user sees no admin menus, and admin URLs answer with the access-denied page without asking the server", async ({ user }) => {
  await openHome(user);
  await expect(user.page.getByTestId("user-home")).toBeVisible();
  for (const name of ["Invoices", "Your devices", "Profile"]) await expect(user.shell.menuItem(name)).toBeVisible();
  for (const name of ["Users", "All sessions", "Audit log"]) await expect(user.shell.menuItem(name)).toHaveCount(0);
  const since = Date.now();
  for (const hash of ["#/users", "#/audit-events", "#/sessions", "#/users/1/show", "#/users/1"]) {
    await user.page.goto(`/admin${hash}`);
    await expect(user.page.getByText("Access denied", { exact: true })).toBeVisible();
  }
  const asked = (await user.traffic.resourceCalls(since)).map((call) => `${call.method} ${call.path} ${call.status}`);
  expect(asked.filter((call) => /^GET \/api\/(users|audit-events|sessions)\b/.test(call) || call.endsWith(" 403"))).toEqual([]);
});

test("the profile's password hint judges as the server does, and shows a typed password on request", async ({ user }) => {
  const { page } = user;
  await openHome(user);
  await user.shell.openFromMenu("Profile");
  const next = page.getByLabel("New password");
  const hint = page.locator(`[id="${await next.getAttribute("aria-describedby")}"]`);
  const cases: [string, RegExp][] = [
    ["password", /too common/],
    ["Password2026!", /too common/],
    [`${users.user.username}123`, /cannot contain the username/],
    ["tidal lantern harbour", /^Strong/],
  ];
  for (const [typed, verdict] of cases) {
    await next.fill(typed);
    await expect(hint).toHaveText(verdict);
  }
  // The server refuses what the hint refused, with the same words.
  await page.getByLabel("Current password").fill(users.user.password);
  await next.fill(`${users.user.username}123`);
  const hinted = await hint.textContent();
  await expect(next).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(next).toHaveAttribute("aria-invalid", "true");
  await expect(hint).toHaveText(hinted!);

  await expect(next).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show password" }).last().click();
  await expect(next).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(next).toHaveAttribute("type", "password");
});

/** Holds each matching list answer until `release()`: the skeleton is seen, with no race against a fast server. */
async function holdLists(page: Page, pattern: RegExp) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.fallback();
  });
  return () => release();
}

test("the audit log shows a skeleton, not a blank card, while its data is on its way", async ({ admin }) => {
  const { page } = admin;
  await openHome(admin);
  const release = await holdLists(page, /\/api\/audit-events\?/);
  await admin.shell.openFromMenu("Audit log");
  await expect(page.getByTestId("rows-skeleton")).toBeVisible();
  release();
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  await expect(page.getByTestId("rows-skeleton")).toHaveCount(0);
});

test("a plain user's home shows a skeleton, not a blank card, while their devices are on their way", async ({ user }) => {
  const { page } = user;
  const release = await holdLists(page, /\/api\/sessions\?/);
  await openHome(user);
  await expect(page.getByTestId("user-home").getByTestId("rows-skeleton")).toBeVisible();
  release();
  await expect(page.getByTestId("this-device")).toBeVisible();
});
