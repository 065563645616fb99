import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import { type AuthContext, type ClientInfo, sleepFor } from "../context";
import type { SignInProof } from "../factors/proof";
import { loginThrottle } from "../throttle/login-throttle";

export interface PasswordAttempt extends ClientInfo {
  /** Canonical (see canonicalUsername). */
  username: string;
  password: string;
}

/**
 * The first step of a sign-in: the throttle admits the attempt, and the password is checked.
 * A refusal throws; a right password of an enabled account proves who is signing in.
 */
export async function provePassword(ctx: AuthContext, attempt: PasswordAttempt, now: Date): Promise<SignInProof> {
  const { username } = attempt;
  const ip = attempt.ip ?? "unknown";
  const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
  const admission = await throttle.reserve(username, ip, now);
  if (admission.locked) {
    await audit(ctx, attempt, { type: "login.throttled", username, detail: { retryAfter: admission.retryAfterSeconds } }, now);
    throw errors.rateLimited(admission.retryAfterSeconds);
  }
  // Delay success and failure alike, so the wait itself says nothing.
  if (admission.delayMs > 0) await sleepFor(ctx)(admission.delayMs);

  // From here an unknown user takes the wrong password's path, statement for statement
  // (tests/passwords.test.ts): the same read, a bcrypt compare of the same cost, the same writes.
  const { user, passwordOk } = await throttle.checking(admission.reservation, now, async () => {
    const user = await ctx.store.users.findByUsername(username);
    const passwordOk = user ? await ctx.passwords.verify(attempt.password, user.passwordHash) : await ctx.passwords.burn(attempt.password, ctx.config.bcryptCost);
    return { user, passwordOk };
  });
  if (!user || !passwordOk) {
    await throttle.failed(admission.reservation, now);
    const reason = user ? "bad_password" : "unknown_user";
    await audit(ctx, attempt, { type: "login.failed", userId: user?.id, username, detail: { reason } }, now);
    throw errors.invalidCredentials();
  }
  if (user.disabled) {
    await throttle.released(admission.reservation, now);
    await audit(ctx, attempt, { type: "login.failed", userId: user.id, username, detail: { reason: "disabled" } }, now);
    throw errors.accountError();
  }
  await throttle.succeeded(admission.reservation, now);
  return { user, amr: ["pwd"], authTime: now };
}
