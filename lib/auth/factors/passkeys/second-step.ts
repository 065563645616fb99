import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import { startLogin } from "../../sessions/start-login";
import { isLive, type SecondStepDone } from "../mfa-challenge/finish";
import { hashMfaToken } from "../mfa-challenge/token";
import { MFA_POLICY } from "../mfa-policy";
import { assertSecondStepOpen } from "../second-factor-check";
import { type AssertionInput, checkAssertion, recordRefusal } from "./assertion";
import { admitPasskeyAttempt } from "./attempts";
import { PASSWORD_AND_PASSKEY_AMR } from "./policy";
import type { RelyingParty } from "./relying-party";

export interface PasskeySecondStepInput extends ClientInfo, AssertionInput {
  mfaToken: string;
  presentedRefreshToken: string | null;
  /** A valid DPoP proof's key thumbprint: the new login is bound to it. */
  deviceKey?: string | null;
}

/**
 * `grant_type=mfa_passkey`: the second step of a sign-in whose password was right, finished
 * with one of the same user's passkeys instead of a code. The mfa_token must be live (unused,
 * under five minutes, from the same address, the password unchanged); a refused assertion
 * counts against it as a wrong code does, and the login starts with both proofs' methods and
 * the password's time, the older of the two.
 */
export async function finishSecondStepWithPasskey(ctx: AuthContext, rp: RelyingParty, input: PasskeySecondStepInput, now: Date): Promise<SecondStepDone> {
  const tokenHash = hashMfaToken(input.mfaToken);
  const challenge = await ctx.store.mfa.findChallenge(tokenHash);
  if (!isLive(challenge, input.ip, now)) throw errors.mfaTokenInvalid();
  const user = await ctx.store.users.findById(challenge.userId);
  if (!user || user.disabled || user.credentialVersion !== challenge.credentialVersion) throw errors.mfaTokenInvalid();
  const subject = { userId: user.id, username: user.username };
  try {
    assertSecondStepOpen(await ctx.store.mfa.totp(user.id), now);
  } catch (locked) {
    await audit(ctx, input, { type: "mfa.failed", ...subject, detail: { method: "passkey", reason: "locked" } }, now);
    throw locked;
  }

  const { throttle, reservation } = await admitPasskeyAttempt(ctx, input, now, subject);
  const check = await throttle.checking(reservation, now, () => checkAssertion(ctx, rp, input, ["mfa", "sign_in"], now, user.id));
  if (!check.ok) {
    await throttle.failed(reservation, now);
    const attemptsLeft = Math.max(0, MFA_POLICY.challengeMaxFailures - (await ctx.store.mfa.failChallenge(tokenHash)));
    await recordRefusal(ctx, input, check, now, subject);
    await audit(ctx, input, { type: "mfa.failed", ...subject, detail: { method: "passkey", attemptsLeft, locked: false } }, now);
    throw errors.passkeyInvalid();
  }
  await throttle.succeeded(reservation, now);
  if (!(await ctx.store.mfa.useChallenge(tokenHash, MFA_POLICY.challengeMaxFailures, now))) throw errors.mfaTokenInvalid();
  await ctx.store.mfa.resetFailures(user.id, now);

  await audit(ctx, input, { type: "mfa.succeeded", ...subject, detail: { method: "passkey" } }, now);
  const proof = { user: { ...user, credentialVersion: challenge.credentialVersion }, amr: PASSWORD_AND_PASSKEY_AMR, authTime: challenge.authTime };
  const { presentedRefreshToken, deviceKey, userAgent, ip } = input;
  const session = await startLogin(ctx, proof, { username: user.username, presentedRefreshToken, deviceKey, userAgent, ip }, now);
  await audit(ctx, input, { type: "passkey.signed_in", ...subject, detail: { passkeyId: check.passkey.id, step: "second" } }, now);
  return { session };
}
