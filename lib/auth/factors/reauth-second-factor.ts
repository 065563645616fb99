import { MFA_METHODS } from "../../contracts/mfa";
import { errors } from "../../errors/catalog";
import { assertSecondStepOpen, checkSecondFactor, isTotpEnabled, lockedError, type SecondFactorAnswer } from "./second-factor-check";
import type { AuthContext, ClientInfo } from "../context";
import type { AuthMethod } from "./proof";

/**
 * Re-authentication's second factor: for a user with TOTP the password is not enough, and a
 * code (or recovery code) must come with it, checked and counted as at sign-in. The methods
 * the proof used, or null for a user without TOTP (the password alone proves it then).
 */
export async function proveSecondFactorAgain(
  ctx: AuthContext,
  userId: number,
  answer: SecondFactorAnswer | undefined,
  client: ClientInfo,
  now: Date,
  record: { refused: (reason: string) => Promise<void>; usedRecoveryCode: (left: number) => Promise<void> },
): Promise<readonly AuthMethod[] | null> {
  const { refused } = record;
  const totp = await ctx.store.mfa.totp(userId);
  if (!isTotpEnabled(totp)) return null;
  if (!answer) {
    await refused("mfa_required");
    // A passkey re-authenticates on its own (docs/passkeys.md): a client is told it would do.
    const passkey = (await ctx.store.passkeys.count(userId)) > 0;
    throw errors.mfaRequired(passkey ? [...MFA_METHODS, "passkey"] : MFA_METHODS);
  }
  try {
    assertSecondStepOpen(totp, now);
  } catch (locked) {
    await refused("mfa_locked");
    throw locked;
  }
  const check = await checkSecondFactor(ctx, totp, answer, client, now);
  if (!check.ok) {
    await refused(check.method === "totp" ? "bad_otp" : "bad_recovery_code");
    throw check.lockedUntil ? lockedError(check.lockedUntil, now) : errors.mfaCodeInvalid();
  }
  if (check.recoveryCodesLeft !== undefined) await record.usedRecoveryCode(check.recoveryCodesLeft);
  return check.amr;
}
