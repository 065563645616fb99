import { randomBytes } from "node:crypto";
import { expect, signInHome, test } from "./fixtures";
import { PasskeysProfile } from "./pages/PasskeyPages";
import { SecondStep, TwoStepProfile } from "./pages/TwoStepPages";
import { expectAccessible } from "./support/axe";
import { stepAt, totpAt } from "./support/totp";
import { addVirtualAuthenticator, withoutPasskeyAutofill } from "./support/virtual-authenticator";
import { expectButtonsShowSomething } from "./support/visible-buttons";

/**
 * A person with two-step verification and a passkey: after the password, the second step
 * offers "Use a passkey" beside the code (grant_type mfa_passkey), with a user of its own.
 */
test("after the password, a passkey finishes the two-step sign-in", { tag: "@phone" }, async ({ first: t, adminApi }, testInfo) => {
  test.setTimeout(120_000);
  const account = { username: `passkey-2fa-${testInfo.project.name}-${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
  await adminApi.createUser({ ...account, fullName: "Passkey Two Step", role: "user" });
  const { page, shell } = t;
  const authenticator = await addVirtualAuthenticator(page);
  const twoStep = new TwoStepProfile(page);
  const passkeys = new PasskeysProfile(page);
  const secondStep = new SecondStep(page);

  await signInHome(t, account);
  await shell.openFromMenu("Profile");
  const secret = await twoStep.startSetUp();
  await twoStep.confirm(totpAt(secret, stepAt()));
  await twoStep.closeCodes();
  await passkeys.openAdd();
  await passkeys.create("Laptop");
  await expect(passkeys.item("Laptop")).toBeVisible();

  // The autofill request would sign in with the passkey alone (a passkey is two factors in one); the password path is tested here.
  await authenticator.setPresence(false);
  await shell.signOut();
  await withoutPasskeyAutofill(page);
  await page.goto("about:blank");
  await authenticator.setPresence(true);
  await t.login.goto();
  await t.login.signIn(account.username, account.password);
  await expect(secondStep.form).toBeVisible();
  const usePasskey = secondStep.form.getByRole("button", { name: "Use a passkey" });
  await expect(usePasskey).toBeVisible();
  await expectAccessible(page, "the second step with a passkey");
  await expectButtonsShowSomething(page, "the second step with a passkey");
  await usePasskey.click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(shell.accountButton).toBeVisible();
});
