import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, openInvoices, test, users } from "./fixtures";
import { countInvoices, countOwnedBy } from "./support/db";
import { lockOut } from "./support/lockout";
import { settings } from "./support/settings";

test("a wrong password shows the server's message, the right one lands on the home page and opens the invoices", async ({ first }) => {
  const { page, login, shell, invoices } = first;
  await login.goto();
  await login.expectLandmarks();
  await login.signIn(users.admin.username, "not-the-password");
  await expect(login.error).toHaveText("Incorrect username or password");
  await expect(page).toHaveURL(/#\/login/);

  await login.signIn(users.admin.username, users.admin.password);
  await expect(page).toHaveURL(/#\/$/);
  await shell.openFromMenu("Invoices");
  await invoices.expectLoaded();
  // An admin sees everyone's invoices, with their owners.
  await expect(invoices.header("Owner")).toBeVisible();
  // Counted, not assumed: other specs create and delete invoices.
  await expect(invoices.pagination).toContainText(`of ${await countInvoices()}`);
  await expect(invoices.column("amountCents").first()).toHaveText(/^(USD|EUR)\s[\d,]+\.\d\d$/);
  mkdirSync(path.dirname(settings.screenshotPath), { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: settings.screenshotPath });

  await shell.expectSignedInAs(users.admin.fullName, users.admin.username);
});

test("a user sees only their own invoices, without the owner column", async ({ user }) => {
  await openInvoices(user);
  await user.shell.expectSignedInAs(users.user.fullName, users.user.username);
  const own = await countOwnedBy(users.user.username);
  expect(own).toBeGreaterThan(0);
  await expect(user.invoices.pagination).toContainText(`of ${own}`);
  await expect(user.invoices.header("Owner")).toHaveCount(0);
});

test("a locked-out sign-in counts down, with Sign in disabled until the lock ends", async ({ first }) => {
  const { page, login } = first;
  const username = "countdown-e2e";
  expect(await lockOut(username)).toBe(429);
  await page.clock.install();
  await login.goto();
  await login.signIn(username, "anything");
  await expect(login.lockout).toHaveText(/^Too many failed sign-in attempts\. Try again in \d+ s\.$/);
  const seconds = async () => Number(await login.lockoutSeconds.textContent());
  // The server's Retry-After, less the seconds a busy machine took to get here.
  const start = await seconds();
  expect(start).toBeGreaterThan(5);
  await expect(login.submit).toBeDisabled();
  await expect(page).toHaveURL(/#\/login/);

  // It counts down by itself...
  await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(start);
  await expect(login.submit).toBeDisabled();
  // ...Sign in stays disabled to the last second...
  await page.clock.fastForward((await seconds()) * 1000 - 1500);
  await expect(login.lockoutSeconds).toHaveText(/^[12]$/);
  await expect(login.submit).toBeDisabled();
  // ...and comes back when it reaches zero.
  await page.clock.fastForward(2000);
  await expect(login.lockout).toHaveCount(0);
  await expect(login.submit).toBeEnabled();
});
