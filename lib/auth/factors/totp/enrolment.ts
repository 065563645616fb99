import { errors } from "../../../errors/catalog";
import { noticeIf } from "../../notifications/notice";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { requireFreshProof } from "../../step-up/freshness";
import { newRecoveryCodes, recoveryCodeHashes } from "../recovery-codes/codes";
import { assertSecondStepOpen, isTotpEnabled } from "../second-factor-check";
import { matchingStep, newTotpSecret } from "./codes";
import { openTotpSecret, otpauthUri, sealTotpSecret } from "./secret";

const wrongCode = () => errors.validation("That code is not right. Check your app's clock and try the newest code.", { code: "That code is not right" });

async function signedInUser(ctx: AuthContext, principal: Principal) {
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  return user;
}

/** Step 1 (sensitive): a new pending secret, replacing any earlier pending one; nothing is enabled yet. */
export async function startTotpEnrolment(ctx: AuthContext, principal: Principal, now: Date): Promise<{ secret: string; otpauthUri: string }> {
  requireFreshProof(ctx, principal, now);
  const user = await signedInUser(ctx, principal);
  if (isTotpEnabled(await ctx.store.mfa.totp(user.id))) throw errors.conflict("Two-step verification is already on. Turn it off first to set up a new app.");
  const secret = newTotpSecret();
  await ctx.store.mfa.setPending(user.id, sealTotpSecret(secret, user.id, ctx.config.mfaKeys.totpSeal), now);
  return { secret, otpauthUri: otpauthUri(user.username, secret) };
}

/**
 * Step 2: the first code from the app proves it holds the pending secret; then TOTP is on,
 * that code's step is spent, and ten recovery codes are made, shown this once.
 */
export async function confirmTotpEnrolment(ctx: AuthContext, principal: Principal, code: string, client: ClientInfo, now: Date): Promise<string[]> {
  const user = await signedInUser(ctx, principal);
  const totp = await ctx.store.mfa.totp(user.id);
  if (isTotpEnabled(totp)) throw errors.conflict("Two-step verification is already on.");
  if (!totp?.pendingSecretEnc) throw errors.conflict("Start setting up two-step verification first.");
  assertSecondStepOpen(totp, now);
  const step = matchingStep(openTotpSecret(totp.pendingSecretEnc, user.id, ctx.config.mfaKeys.totpSeal), code, now);
  if (step === null) throw wrongCode();
  const codes = newRecoveryCodes();
  const hashes = recoveryCodeHashes(codes, user.id, ctx.config.mfaKeys.recoveryCodes);
  if (!(await ctx.store.mfa.enable(user.id, totp.pendingSecretEnc, step, hashes, now, noticeIf("totp_enabled", user.id, client, now, principal.familyId)))) throw errors.conflict("Setup was restarted meanwhile: scan the new QR code.");
  await audit(ctx, client, { type: "totp.enabled", userId: user.id, username: user.username, familyId: principal.familyId }, now);
  return codes;
}
