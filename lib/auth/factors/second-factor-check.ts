import { errors } from "../../errors/catalog";
import type { AuthContext, ClientInfo } from "../context";
import { noticeIf } from "../notifications/notice";
import { MFA_POLICY, RECOVERY_CODE_AMR, TOTP_AMR } from "./mfa-policy";
import type { AuthMethod } from "./proof";
import { hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes/codes";
import type { TotpRecord } from "./storage";
import { matchingStep } from "./totp/codes";
import { openTotpSecret } from "./totp/secret";

/** What a person gave as their second factor. */
export type SecondFactorAnswer = { otp: string } | { recoveryCode: string };

export type SecondFactorCheck =
  | { ok: true; method: "totp" | "recovery_code"; amr: readonly AuthMethod[]; recoveryCodesLeft?: number }
  | { ok: false; method: "totp" | "recovery_code"; lockedUntil: Date | null };

export const isTotpEnabled = (totp: TotpRecord | null): totp is TotpRecord & { secretEnc: string } => Boolean(totp?.enabledAt && totp.secretEnc);

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Refuses with 429 while the user's second step is locked; checked before any code is looked at. */
export function assertSecondStepOpen(totp: TotpRecord | null, now: Date): void {
  if (totp?.lockedUntil && totp.lockedUntil > now) throw errors.mfaLocked(secondsUntil(totp.lockedUntil, now));
}

export const lockedError = (lockedUntil: Date, now: Date) => errors.mfaLocked(secondsUntil(lockedUntil, now));

/** A TOTP code is good when it is one of the window's steps and this call spends that step (never twice, on any instance). */
async function acceptOtp(ctx: AuthContext, totp: TotpRecord & { secretEnc: string }, otp: string, now: Date): Promise<boolean> {
  const step = matchingStep(openTotpSecret(totp.secretEnc, totp.userId, ctx.config.mfaKeys.totpSeal), otp, now);
  return step !== null && (await ctx.store.mfa.spendStep(totp.userId, step, now));
}

async function acceptRecoveryCode(ctx: AuthContext, userId: number, typed: string, client: ClientInfo, now: Date): Promise<boolean> {
  const code = normaliseRecoveryCode(typed);
  const hash = code === null ? null : hashRecoveryCode(code, userId, ctx.config.mfaKeys.recoveryCodes);
  return hash !== null && (await ctx.store.mfa.useRecoveryCode(userId, hash, now, noticeIf("recovery_code_used", userId, client, now)));
}

/**
 * Checks a second factor of a user with TOTP and keeps the consecutive-failure count: a
 * success clears it, a failure adds one and may lock the second step. Call
 * assertSecondStepOpen first.
 */
export async function checkSecondFactor(ctx: AuthContext, totp: TotpRecord & { secretEnc: string }, answer: SecondFactorAnswer, client: ClientInfo, now: Date): Promise<SecondFactorCheck> {
  const { userId } = totp;
  const method = "otp" in answer ? "totp" : "recovery_code";
  const ok = "otp" in answer ? await acceptOtp(ctx, totp, answer.otp, now) : await acceptRecoveryCode(ctx, userId, answer.recoveryCode, client, now);
  if (!ok) {
    const lockUntil = new Date(now.getTime() + MFA_POLICY.lockSeconds * 1000);
    const { lockedUntil } = await ctx.store.mfa.recordFailure(userId, MFA_POLICY.lockAfterFailures, lockUntil, now);
    return { ok: false, method, lockedUntil };
  }
  await ctx.store.mfa.resetFailures(userId, now);
  if (method === "totp") return { ok: true, method, amr: TOTP_AMR };
  return { ok: true, method, amr: RECOVERY_CODE_AMR, recoveryCodesLeft: await ctx.store.mfa.recoveryCodesLeft(userId) };
}
