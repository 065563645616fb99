import { randomUUID } from "node:crypto";
import { expect, lifetimeMs, openHome, openInvoices, signInHome, tab, test, users } from "./fixtures";
import { InvoiceFormPage } from "./pages/InvoiceFormPage";
import { InvoiceShowPage } from "./pages/InvoiceShowPage";
import { ReauthDialog } from "./pages/ReauthDialog";
import { AdminActions, changePasswordElsewhere } from "./support/admin-actions";
import { invoiceById } from "./support/db";
import { decodeClaims } from "./support/jwt";

const SESSION_ENDED_TOAST = "Your session has ended. Please sign in again.";

/** A user of this test's own, so disabling or re-passwording them touches nobody else. */
async function freshUser(admin: AdminActions) {
  const username = `ending-${randomUUID().slice(0, 8)}`;
  const password = `correct horse ${randomUUID().slice(0, 6)}`;
  return { username, password, id: await admin.createUser(username, password) };
}

test("a save after an admin ended the session never reports success; the input survives signing in again and is saved", async ({ user }) => {
  const { page, traffic } = user;
  const form = new InvoiceFormPage(page);
  const show = new InvoiceShowPage(page);
  const dialog = new ReauthDialog(page);
  await openInvoices(user);
  await user.invoices.rows.first().click();
  await show.edit();
  const id = Number(/#\/invoices\/(\d+)$/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  const before = await invoiceById(id);
  const typed = `Typed while signed out ${randomUUID().slice(0, 6)}`;
  await form.fill({ customer: typed });

  // Right after a refresh, so the tab cannot learn of the revocation before Save does.
  await page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token") && r.status() === 200);
  const sid = decodeClaims((await traffic.issuedTokens()).at(-1)!).sid;
  await (await AdminActions.signIn()).endSession(sid);
  const revokedAt = Date.now();
  await form.save();

  await expect(dialog.dialog).toBeVisible();
  await expect(dialog.reason).toHaveText("An administrator signed you out.");
  await expect(page.getByText(SESSION_ENDED_TOAST)).toBeVisible();
  await expect(page.getByText("Element updated")).toHaveCount(0);
  await expect(page.getByText("Invoice saved")).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/invoices/${id}$`));
  expect((await invoiceById(id)).customer).toBe(before.customer);
  expect(user.loginWatch.seenSince(revokedAt)).toEqual([]);

  await dialog.signIn(users.user.password);
  await dialog.expectClosed();
  await expect(form.input("Customer")).toHaveValue(typed);
  await form.save();
  await show.expectShown(before.number);
  await expect(page.getByText("Invoice saved")).toBeVisible();
  await expect(show.field("customer")).toContainText(typed);
  await expect.poll(async () => (await invoiceById(id)).customer).toBe(typed);

  // The new session lives where every session lives: in memory, never in storage.
  const newest = (await traffic.issuedTokens()).at(-1)!;
  expect(decodeClaims(newest).sid).not.toBe(sid);
  const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]));
  expect(stored).not.toContain(newest.split(".")[2]);
  expect(user.loginWatch.seenSince(revokedAt)).toEqual([]);
});

test.describe("each way a session ends is told in plain words", () => {
  test("signed out by an administrator, and the login page says it too after signing out from the dialog", async ({ user }) => {
    const { traffic } = user;
    const dialog = new ReauthDialog(user.page);
    await openHome(user);
    const sid = decodeClaims((await traffic.issuedTokens()).at(-1)!).sid;
    await (await AdminActions.signIn()).endSession(sid);
    await expect(dialog.reason).toHaveText("An administrator signed you out.", { timeout: 2 * lifetimeMs + 5_000 });
    await dialog.signOut();
    await expect(user.login.sessionEnded).toContainText("An administrator signed you out.");
  });

  test("account disabled: the login page, since signing in again cannot help", async ({ first }) => {
    const admin = await AdminActions.signIn();
    const user = await freshUser(admin);
    await signInHome(first, user);
    await admin.disableUser(user.id);
    await expect(first.login.sessionEnded).toContainText("Your account has been disabled or removed. Contact an administrator.", { timeout: 2 * lifetimeMs + 5_000 });
    await expect(new ReauthDialog(first.page).dialog).toHaveCount(0);
    await first.login.signIn(user.username, user.password);
    await expect(first.login.error).toHaveText("Your account has been disabled or removed. Contact an administrator.");
  });

  test("password changed on another device", async ({ first }) => {
    const user = await freshUser(await AdminActions.signIn());
    const dialog = new ReauthDialog(first.page);
    await signInHome(first, user);
    const newPassword = `${user.password} and more`;
    await changePasswordElsewhere(user.username, user.password, newPassword);
    await expect(dialog.reason).toHaveText("Your password was changed on another device. Sign in with the new password.", { timeout: 2 * lifetimeMs + 5_000 });
    await dialog.signIn(user.password);
    await expect(dialog.error).toHaveText("Incorrect username or password");
    await dialog.signIn(newPassword);
    await dialog.expectClosed();
    await first.shell.expectSignedInAs(`E2E ${user.username}`, user.username);
  });

  test("signed out in another tab", async ({ user }) => {
    const context = user.page.context();
    await openHome(user);
    const second = await tab(await context.newPage());
    await second.page.goto("/admin#/");
    await expect(second.shell.accountButton).toContainText(users.user.fullName, { timeout: 30_000 });
    await user.shell.signOut();
    await expect(second.login.sessionEnded).toContainText("You signed out in another tab.", { timeout: 15_000 });
    await expect(new ReauthDialog(second.page).dialog).toHaveCount(0);
    expect(second.errors).toEqual([]);
  });

  test("the server cannot be reached while restoring the session: said plainly, and nobody is signed out", async ({ user }) => {
    const { traffic } = user;
    const context = user.page.context();
    await openInvoices(user);
    const sid = decodeClaims((await traffic.issuedTokens()).at(-1)!).sid;
    await context.route("**/api/auth/refresh-token", (route) => route.abort("internetdisconnected"));
    await user.page.reload();
    await expect(user.login.sessionEnded).toContainText("Cannot reach the server, so your session could not be restored.", { timeout: 30_000 });
    await expect(user.login.sessionEnded).not.toContainText("refresh token");

    // The cookie was kept: once the server answers again, a reload brings the session back.
    await context.unroute("**/api/auth/refresh-token");
    await user.page.reload();
    await expect(user.page).toHaveURL(/#\/$/);
    await user.shell.expectSignedInAs(users.user.fullName, users.user.username);
    expect(decodeClaims((await traffic.issuedTokens()).at(-1)!).sid).toBe(sid);
  });
});
