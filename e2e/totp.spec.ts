import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, openHome, signInHome, test } from "./fixtures";
import { SecondStep, TwoStepProfile } from "./pages/TwoStepPages";
import { expectAccessible } from "./support/axe";
import { stepAt, totpAt, wrongCode } from "./support/totp";
import { expectButtonsShowSomething } from "./support/visible-buttons";

async function expectScreenUsable(page: Page, screen: string) {
  await expectAccessible(page, screen);
  await expectButtonsShowSomething(page, screen);
}

/** A code from a step the server has not spent yet: the current one, or the next (one step of skew is allowed). */
const freshStep = (spent: number) => Math.max(stepAt(), spent + 1);

/**
 * Two-step verification end to end, with a user of this test's own (one per project, so the
 * desktop and phone runs never share a secret): set up in the browser from the key on the
 * page, codes computed here, sign in with a code and with a recovery code, a wrong code's
 * message, and an admin's reset for a lost phone.
 */
test("set up two-step verification, sign in with a code and with a recovery code, and an admin resets it", { tag: "@phone" }, async ({ first: t, adminApi, admin }, testInfo) => {
  test.setTimeout(240_000);
  const account = { username: `totp-${testInfo.project.name}-${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
  const created = await adminApi.createUser({ ...account, fullName: "Two Step", role: "user" });
  const { page, shell } = t;
  const profile = new TwoStepProfile(page);
  const secondStep = new SecondStep(page);

  await signInHome(t, account);
  await shell.openFromMenu("Profile");
  await expect(profile.state).toHaveText("Off");
  const secret = await profile.startSetUp();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectScreenUsable(page, "two-step set-up dialog");
  let spent = stepAt();
  await profile.confirm(totpAt(secret, spent));
  const codes = await profile.recoveryCodes();
  expect(codes).toHaveLength(10);
  const download = page.waitForEvent("download");
  await profile.codesDialog.getByRole("link", { name: "Download .txt" }).click();
  const saved = await (await download).path();
  expect(await import("node:fs/promises").then((fs) => fs.readFile(saved, "utf8"))).toContain(codes[0]!);
  await expectScreenUsable(page, "recovery codes dialog");
  await profile.closeCodes();
  await expect(profile.state).toHaveText("On");
  await expect(profile.codesLeft).toHaveText("10 of 10 recovery codes left.");
  await expectScreenUsable(page, "profile with two-step on");

  // The password alone no longer signs in: the form asks for a code, and says so after a wrong one.
  await shell.signOut();
  await t.login.goto();
  await t.login.signIn(account.username, account.password);
  await expect(secondStep.form).toBeVisible();
  await expect(secondStep.code).toHaveAttribute("autocomplete", "one-time-code");
  await expect(secondStep.code).toHaveAttribute("inputmode", "numeric");
  await expectScreenUsable(page, "the login form's second step");
  await secondStep.enter(wrongCode(secret));
  await expect(secondStep.error).toContainText("That code didn't work");
  await expectScreenUsable(page, "the second step after a wrong code");
  spent = freshStep(spent);
  await secondStep.enter(totpAt(secret, spent));
  await expect(page).toHaveURL(/#\/$/);
  await expect(shell.accountButton).toBeVisible();

  // Without the phone: a recovery code, spent, with the count shown.
  await shell.signOut();
  await t.login.goto();
  await t.login.signIn(account.username, account.password);
  await expect(secondStep.form).toBeVisible();
  await secondStep.useRecoveryCode();
  await expectScreenUsable(page, "the second step with a recovery code");
  await secondStep.enter(codes[3]!);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByText("Signed in with a recovery code. 9 left.")).toBeVisible();
  await shell.openFromMenu("Profile");
  await expect(profile.codesLeft).toHaveText("9 of 10 recovery codes left.");

  // The admin's reset, for someone who lost their phone: the 2FA column, then the action.
  const adminPage = admin.page;
  await openHome(admin);
  await adminPage.goto(`/admin#/users/${created.id}/show`);
  await expect(adminPage.getByText(account.username).first()).toBeVisible({ timeout: 20_000 });
  const reset = adminPage.getByRole("button", { name: "Reset two-step verification" });
  await reset.click();
  await expect(adminPage.getByRole("dialog")).toBeVisible();
  await expectScreenUsable(adminPage, "reset two-step question");
  await adminPage.getByRole("dialog").getByRole("button", { name: "Reset" }).click();
  await expect(adminPage.getByText("Two-step verification reset; the user's sessions have ended.")).toBeVisible();
  await expect(reset).toHaveCount(0);

  // Their logins ended; the password alone signs in again.
  await page.reload();
  await expect(t.login.form).toBeVisible();
  await signInHome(t, account);
});
