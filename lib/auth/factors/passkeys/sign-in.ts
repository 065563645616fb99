import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { IssuedSession } from "../../sessions/session-issuer";
import { startLogin } from "../../sessions/start-login";
import { type AssertionInput, checkAssertion, recordRefusal } from "./assertion";
import { admitPasskeyAttempt } from "./attempts";
import { PASSKEY_AMR } from "./policy";
import type { RelyingParty } from "./relying-party";

export interface PasskeySignInInput extends ClientInfo, AssertionInput {
  /** The refresh cookie that came along, if any: its login is replaced. */
  presentedRefreshToken: string | null;
  /** A valid DPoP proof's key thumbprint: the new login is bound to it. */
  deviceKey?: string | null;
}

/**
 * Signing in with a passkey alone: a discoverable credential names its user, its user
 * verification is the second factor, so the login starts at once with `amr` pop user mfa. Every
 * refusal is the same 401, counted by the throttle; the audit trail keeps the reason.
 */
export async function signInWithPasskey(ctx: AuthContext, rp: RelyingParty, input: PasskeySignInInput, now: Date): Promise<IssuedSession> {
  const { throttle, reservation } = await admitPasskeyAttempt(ctx, input, now);
  const check = await throttle.checking(reservation, now, () => checkAssertion(ctx, rp, input, ["sign_in"], now));
  if (!check.ok) {
    await throttle.failed(reservation, now);
    await recordRefusal(ctx, input, check, now);
    throw errors.passkeyInvalid();
  }
  const user = await ctx.store.users.findById(check.passkey.userId);
  if (!user || user.disabled) {
    await throttle.released(reservation, now);
    await audit(ctx, input, { type: "passkey.failed", userId: check.passkey.userId, username: user?.username ?? null, detail: { reason: "disabled", passkeyId: check.passkey.id } }, now);
    throw errors.accountError();
  }
  await throttle.succeeded(reservation, now);
  const { presentedRefreshToken, deviceKey, userAgent, ip } = input;
  const session = await startLogin(ctx, { user, amr: PASSKEY_AMR, authTime: now }, { username: user.username, presentedRefreshToken, deviceKey, userAgent, ip }, now);
  await audit(ctx, input, { type: "passkey.signed_in", userId: user.id, username: user.username, detail: { passkeyId: check.passkey.id } }, now);
  return session;
}
