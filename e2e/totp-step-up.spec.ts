import { expect, test } from "@playwright/test";
import { signInHome, tab, users } from "./fixtures";
import { StepUpDialog } from "./pages/StepUpDialog";
import { TwoStepProfile } from "./pages/TwoStepPages";
import { ownServer } from "./support/own-server";
import { settings } from "./support/settings";
import { stepAt, totpAt } from "./support/totp";

/** "Confirm it's you" for a person with a code, on a server of its own whose proofs go stale after a few seconds. */
const MAX_AGE_SECONDS = 12;
const port = settings.port + 10;

let server: Awaited<ReturnType<typeof ownServer>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await ownServer("totp-step-up", port, { REAUTH_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS), ACCESS_TOKEN_TTL_SECONDS: String(settings.accessTtlSeconds) });
});
test.afterAll(async () => {
  await server?.stop();
});

test("a stale proof with two-step on: the dialog asks for a code when the password alone is refused, then the action goes through", async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ baseURL: server.origin });
  const t = await tab(await context.newPage());
  const profile = new TwoStepProfile(t.page);
  const stepUp = new StepUpDialog(t.page);
  await signInHome(t, users.user);
  const signedInAt = Date.now();
  await t.shell.openFromMenu("Profile");
  const secret = await profile.startSetUp();
  const spent = stepAt();
  await profile.confirm(totpAt(secret, spent));
  await profile.closeCodes();
  await expect(profile.codesLeft).toHaveText("10 of 10 recovery codes left.");

  await t.page.waitForTimeout(Math.max(0, signedInAt + (MAX_AGE_SECONDS + 2) * 1000 - Date.now()));
  await profile.section.getByRole("button", { name: "Replace recovery codes" }).click();
  await t.page.getByRole("dialog").getByRole("button", { name: "Replace them" }).click();
  await stepUp.expectOpen();
  await stepUp.confirm(users.user.password);
  await expect(stepUp.error).toContainText("Enter the code from your authenticator app too.");
  await stepUp.dialog.getByLabel("Code from your app").fill(totpAt(secret, Math.max(stepAt(), spent + 1)));
  await stepUp.dialog.getByRole("button", { name: "Confirm" }).click();
  await stepUp.expectClosed();
  await expect(profile.codesDialog).toBeVisible();
  expect(await profile.recoveryCodes()).toHaveLength(10);
  await profile.closeCodes();
  expect(await server.db.auditEvent.count({ where: { type: "recovery_codes.regenerated" } })).toBe(1);
  expect(t.errors).toEqual([]);
  await context.close();
});
