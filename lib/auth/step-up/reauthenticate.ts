import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import { type AuthContext, type ClientInfo, sleepFor } from "../context";
import type { Principal } from "../guard";
import { proveSecondFactorAgain } from "../factors/reauth-second-factor";
import type { SecondFactorAnswer } from "../factors/second-factor-check";
import { PASSWORD_AMR } from "../sessions/session-issuer";
import { loginThrottle } from "../throttle/login-throttle";
import { type Reauthenticated, renewProof } from "./renew-proof";

export type { Reauthenticated };

export interface ReauthInput extends ClientInfo {
  password: string;
  /** A user with TOTP adds a current code or a recovery code. */
  secondFactor?: SecondFactorAnswer;
}

/**
 * Step-up re-authentication on the login the caller already holds. Success moves the login's
 * proof time on, so every later refresh carries it, and answers with an access token of the
 * same login (same `sid`, same refresh family: the cookie is left alone) that says so. A wrong
 * password counts toward the sign-in throttle of the same username and address, and ends nothing.
 */
export async function reauthenticate(ctx: AuthContext, principal: Principal, input: ReauthInput, now: Date): Promise<Reauthenticated> {
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  const subject = { userId: user.id, username: user.username, familyId: principal.familyId };
  const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
  const admission = await throttle.reserve(user.username, input.ip ?? "unknown", now);
  if (admission.locked) {
    await audit(ctx, input, { type: "reauth.failed", ...subject, detail: { reason: "throttled", retryAfter: admission.retryAfterSeconds } }, now);
    throw errors.rateLimited(admission.retryAfterSeconds);
  }
  if (admission.delayMs > 0) await sleepFor(ctx)(admission.delayMs);

  const passwordOk = await throttle.checking(admission.reservation, now, () => ctx.passwords.verify(input.password, user.passwordHash));
  if (!passwordOk) {
    await throttle.failed(admission.reservation, now);
    await audit(ctx, input, { type: "reauth.failed", ...subject, detail: { reason: "bad_password" } }, now);
    throw errors.invalidCredentials();
  }
  await throttle.succeeded(admission.reservation, now);
  const amr =
    (await proveSecondFactorAgain(ctx, user.id, input.secondFactor, input, now, {
      refused: (reason) => audit(ctx, input, { type: "reauth.failed", ...subject, detail: { reason } }, now),
      usedRecoveryCode: (left) => audit(ctx, input, { type: "recovery_code.used", ...subject, detail: { left } }, now),
    })) ?? PASSWORD_AMR;

  return renewProof(ctx, principal, user, amr, input, now);
}
