import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { IssuedSession } from "../../sessions/session-issuer";
import { startLogin } from "../../sessions/start-login";
import { MFA_POLICY } from "../mfa-policy";
import { assertSecondStepOpen, checkSecondFactor, isTotpEnabled, lockedError, type SecondFactorAnswer } from "../second-factor-check";
import type { MfaChallengeRecord } from "../storage";
import { hashMfaToken } from "./token";

export interface SecondStepInput extends ClientInfo {
  mfaToken: string;
  answer: SecondFactorAnswer;
  presentedRefreshToken: string | null;
  /** A valid DPoP proof's key thumbprint: the new login is bound to it. */
  deviceKey?: string | null;
}

export interface SecondStepDone {
  session: IssuedSession;
  /** After a recovery code: how many are left. */
  recoveryCodesLeft?: number;
}

/** A challenge that can still finish a sign-in from this address (any factor's second step asks this). */
export function isLive(challenge: MfaChallengeRecord | null, ip: string | null, now: Date): challenge is MfaChallengeRecord {
  return Boolean(challenge && !challenge.usedAt && challenge.expiresAt > now && challenge.failures < MFA_POLICY.challengeMaxFailures && challenge.ip === ip);
}

/**
 * The second step of a sign-in, on any instance: the mfa_token's challenge is live, the code
 * (or recovery code) is right and spent, and the challenge is used, each decided by one
 * conditional write; then the login starts with the combined proof. Five wrong codes end the
 * mfa_token; ten in a row, across tokens, lock the user's second step (MFA_POLICY).
 */
export async function finishSecondStep(ctx: AuthContext, input: SecondStepInput, now: Date): Promise<SecondStepDone> {
  const tokenHash = hashMfaToken(input.mfaToken);
  const challenge = await ctx.store.mfa.findChallenge(tokenHash);
  if (!isLive(challenge, input.ip, now)) throw errors.mfaTokenInvalid();
  const user = await ctx.store.users.findById(challenge.userId);
  const totp = user ? await ctx.store.mfa.totp(user.id) : null;
  // A password change since the password step, a disabled account or a reset factor ends it.
  if (!user || user.disabled || user.credentialVersion !== challenge.credentialVersion || !isTotpEnabled(totp)) throw errors.mfaTokenInvalid();
  const subject = { userId: user.id, username: user.username };
  try {
    assertSecondStepOpen(totp, now);
  } catch (locked) {
    await audit(ctx, input, { type: "mfa.failed", ...subject, detail: { reason: "locked" } }, now);
    throw locked;
  }

  const check = await checkSecondFactor(ctx, totp, input.answer, input, now);
  if (!check.ok) {
    const failures = await ctx.store.mfa.failChallenge(tokenHash);
    const attemptsLeft = Math.max(0, MFA_POLICY.challengeMaxFailures - failures);
    await audit(ctx, input, { type: "mfa.failed", ...subject, detail: { method: check.method, attemptsLeft, locked: check.lockedUntil !== null } }, now);
    throw check.lockedUntil ? lockedError(check.lockedUntil, now) : errors.mfaCodeInvalid(attemptsLeft);
  }
  if (!(await ctx.store.mfa.useChallenge(tokenHash, MFA_POLICY.challengeMaxFailures, now))) throw errors.mfaTokenInvalid();

  await audit(ctx, input, { type: "mfa.succeeded", ...subject, detail: { method: check.method } }, now);
  if (check.recoveryCodesLeft !== undefined) await audit(ctx, input, { type: "recovery_code.used", ...subject, detail: { left: check.recoveryCodesLeft } }, now);
  // The proof dates from the password: the older of the two factors, so freshness is never overstated.
  const proof = { user: { ...user, credentialVersion: challenge.credentialVersion }, amr: check.amr, authTime: challenge.authTime };
  const { presentedRefreshToken, deviceKey, userAgent, ip } = input;
  const session = await startLogin(ctx, proof, { username: user.username, presentedRefreshToken, deviceKey, userAgent, ip }, now);
  return { session, recoveryCodesLeft: check.recoveryCodesLeft };
}
