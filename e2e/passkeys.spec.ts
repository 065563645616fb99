import { randomBytes } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { signInHome, type Tab, tab } from "./fixtures";
import { PasskeysProfile } from "./pages/PasskeyPages";
import { StepUpDialog } from "./pages/StepUpDialog";
import { AdminActions } from "./support/admin-actions";
import { expectAccessible } from "./support/axe";
import { ownServer } from "./support/own-server";
import { settings } from "./support/settings";
import { addVirtualAuthenticator, withoutPasskeyAutofill, withoutWebAuthn } from "./support/virtual-authenticator";
import { expectButtonsShowSomething } from "./support/visible-buttons";

/**
 * Passkeys end to end with Chromium's virtual authenticator, offline, on a server of its own
 * whose proofs go stale after a few seconds (REAUTH_MAX_AGE_SECONDS), so a sensitive action
 * asks "Confirm it's you" and the passkey answers it.
 */
const MAX_AGE_SECONDS = 12;
const port = settings.port + 11;
const origin = `http://localhost:${port}`;

let server: Awaited<ReturnType<typeof ownServer>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await ownServer("passkeys", port, { REAUTH_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS), ACCESS_TOKEN_TTL_SECONDS: String(settings.accessTtlSeconds) });
});
test.afterAll(async () => {
  await server?.stop();
});
test.use({ baseURL: origin });

async function expectScreenUsable(page: Page, screen: string) {
  // The skip link is parked at a fixed place above the page; deep in a long page on a phone
  // the button check would count it as on the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectAccessible(page, screen);
  await expectButtonsShowSomething(page, screen);
}

/** A user of this test's own (one per project), so the desktop and phone runs never share a passkey. */
async function freshUser(project: string) {
  const account = { username: `passkey-${project}-${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
  await (await AdminActions.signIn(origin)).createUser(account.username, account.password);
  return account;
}

async function openProfile(t: Tab) {
  await t.shell.openFromMenu("Profile");
  await expect(new PasskeysProfile(t.page).section).toBeVisible();
}

test("register a passkey, sign in with it, confirm a sensitive action with it, and remove it", { tag: "@phone" }, async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const account = await freshUser(testInfo.project.name);
  const authenticator = await addVirtualAuthenticator(page);
  const t = await tab(page);
  const passkeys = new PasskeysProfile(page);
  const stepUp = new StepUpDialog(page);

  // Register from Profile, named after the browser and device by default.
  await signInHome(t, account);
  const signedInAt = Date.now();
  await openProfile(t);
  await expect(passkeys.items).toHaveCount(0);
  const suggested = await passkeys.openAdd();
  expect(suggested).toMatch(/^Chrome on \S/);
  await expectScreenUsable(page, "the add-a-passkey dialog");
  await passkeys.create("Test key");
  await expect(passkeys.addDialog).toHaveCount(0);
  await expect(passkeys.item("Test key")).toBeVisible();
  await expect(passkeys.lastUsed("Test key")).toHaveText("Never used");
  expect(await authenticator.credentials()).toHaveLength(1);
  await expectScreenUsable(page, "profile with a passkey");

  // Sign out; the login page's button signs in with it, no password typed. The autofill
  // request is left out here (its own test is below): the authenticator would answer it first.
  await authenticator.setPresence(false);
  await t.shell.signOut();
  await expect(t.login.form).toBeVisible();
  await withoutPasskeyAutofill(page);
  await page.goto("about:blank");
  await t.login.goto();
  await authenticator.setPresence(true);
  await expect(t.login.form.getByLabel("Username")).toHaveAttribute("autocomplete", "username webauthn");
  await expect(t.login.passkeyButton).toBeVisible();
  await expectScreenUsable(page, "the login page with a passkey button");
  await t.login.passkeyButton.click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(t.shell.accountButton).toBeVisible();
  const passkeySignInAt = Date.now();
  await openProfile(t);
  await expect(passkeys.lastUsed("Test key")).toHaveText(/^Last used /);
  const lastUsed = await passkeys.lastUsed("Test key").textContent();

  // Once the proof is stale, a sensitive action asks "Confirm it's you", and the passkey answers.
  await page.waitForTimeout(Math.max(0, Math.max(signedInAt, passkeySignInAt) + (MAX_AGE_SECONDS + 2) * 1000 - Date.now()));
  await page.getByTestId("two-step-section").getByRole("button", { name: "Set up" }).click();
  await stepUp.expectOpen();
  const usePasskey = stepUp.dialog.getByRole("button", { name: "Use a passkey" });
  await expect(usePasskey).toBeVisible();
  await expectScreenUsable(page, "confirm it's you with a passkey");
  await usePasskey.click();
  await stepUp.expectClosed();
  const setUp = page.getByTestId("totp-setup-dialog");
  await expect(setUp).toBeVisible();
  await setUp.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(passkeys.lastUsed("Test key")).not.toHaveText(lastUsed ?? "");

  // Removed, the passkey signs nobody in: the button's prompt ends on the login form with a calm word.
  await passkeys.remove("Test key");
  await expect(passkeys.items).toHaveCount(0);
  await expect(page.getByText('Passkey "Test key" removed.')).toBeVisible();
  await t.shell.signOut();
  await t.login.goto();
  await t.login.passkeyButton.click();
  await expect(t.login.passkeyNotice).toContainText("That passkey isn't set up for an account here");
  await expect(t.login.form).toBeVisible();
  await expect(t.shell.accountButton).toHaveCount(0);
  await expectScreenUsable(page, "the login page after a refused passkey");
  expect(t.errors).toEqual([]);
});

test("the username field's autofill signs in with the passkey (or the button does), and a removed one is refused once, calmly", { tag: "@phone" }, async ({ page }, testInfo) => {
  const account = await freshUser(testInfo.project.name);
  const authenticator = await addVirtualAuthenticator(page);
  const t = await tab(page);
  const passkeys = new PasskeysProfile(page);
  await signInHome(t, account);
  await openProfile(t);
  const suggested = await passkeys.openAdd();
  await passkeys.create();
  await expect(passkeys.items).toHaveCount(1);
  await passkeys.rename(suggested, "Renamed key");
  await expect(passkeys.item("Renamed key")).toBeVisible();
  await expect(page.getByText("Passkey renamed.")).toBeVisible();
  await authenticator.setPresence(false);
  await t.shell.signOut();
  await page.goto("about:blank");
  await authenticator.setPresence(true);

  const options = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/auth/passkey/options");
  await t.login.goto();
  const autofill = await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable());
  testInfo.annotations.push({ type: "conditional mediation", description: String(autofill) });
  if (autofill) expect((await options).postDataJSON()).toEqual({ purpose: "sign_in" });
  // The request waits among the username field's suggestions. Chromium's virtual authenticator
  // may answer it by itself, which is a sign-in like a person picking the passkey there;
  // otherwise the button's prompt cancels it and signs in.
  const byAutofill = await t.shell.accountButton.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  testInfo.annotations.push({ type: "signed in by autofill", description: String(byAutofill) });
  if (!byAutofill) await t.login.passkeyButton.click();
  await expect(t.shell.accountButton).toBeVisible();

  // Removed, the passkey an eager autofill answers with is refused once, calmly, and not tried again.
  await openProfile(t);
  await passkeys.remove("Renamed key");
  await expect(passkeys.items).toHaveCount(0);
  await authenticator.setPresence(false);
  await t.shell.signOut();
  await page.goto("about:blank");
  await authenticator.setPresence(true);
  const tokenCalls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/token") tokenCalls.push(request.postData() ?? "");
  });
  await t.login.goto();
  if (byAutofill) {
    await expect(t.login.passkeyNotice).toContainText("That passkey isn't set up for an account here");
    await page.waitForTimeout(2_000);
    expect(tokenCalls).toHaveLength(1);
  }
  await expect(t.login.form).toBeVisible();
  await expect(t.shell.accountButton).toHaveCount(0);
  expect(t.errors).toEqual([]);
});

test("a browser without WebAuthn shows no passkey buttons, and nothing breaks", { tag: "@phone" }, async ({ page }, testInfo) => {
  const account = await freshUser(testInfo.project.name);
  await withoutWebAuthn(page);
  const t = await tab(page);
  await t.login.goto();
  await expect(t.login.passkeyButton).toHaveCount(0);
  await signInHome(t, account);
  await openProfile(t);
  const passkeys = new PasskeysProfile(page);
  await expect(passkeys.unsupported).toBeVisible();
  await expect(passkeys.addButton).toHaveCount(0);
  await expectScreenUsable(page, "profile without WebAuthn");
  expect(t.errors).toEqual([]);
});
