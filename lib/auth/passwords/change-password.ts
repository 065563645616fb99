import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import type { Principal } from "../guard";
import { noticeIf } from "../notifications/notice";
import { checkNewPassword } from "./policy";
import { loginThrottle } from "../throttle/login-throttle";

/**
 * Changes the signed-in user's password (ASVS 6.2): the current password is required and
 * throttled like a login, the new one must pass the policy, every other login is revoked.
 */
export async function changePassword(
  ctx: AuthContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string } & ClientInfo,
  now: Date,
): Promise<void> {
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  const ip = input.ip ?? "unknown";
  const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
  const admission = await throttle.reserve(user.username, ip, now);
  if (admission.locked) throw errors.rateLimited(admission.retryAfterSeconds);

  if (!(await throttle.checking(admission.reservation, now, () => ctx.passwords.verify(input.currentPassword, user.passwordHash)))) {
    await throttle.failed(admission.reservation, now);
    throw errors.validation("The current password is not correct.", { current_password: "Not your current password" });
  }
  await throttle.succeeded(admission.reservation, now);
  const policy = checkNewPassword(input.newPassword, { username: user.username, email: user.email });
  if (!policy.ok) throw errors.validation(policy.reason, { new_password: policy.reason });

  const hash = await ctx.passwords.hash(input.newPassword, ctx.config.bcryptCost);
  // The version moves on before other logins are revoked; a login racing this change
  // re-reads it after writing its session (see sessions/start-login.ts), so none outlives the change.
  await ctx.store.users.setPasswordHash(user.id, hash, noticeIf("password_changed", user.id, input, now, principal.familyId));
  const revoked = await ctx.store.logins.revokeUserLogins(user.id, "password_changed", now, principal.familyId);
  await audit(ctx, input, { type: "password.changed", userId: user.id, familyId: principal.familyId, detail: { otherSessionsRevoked: revoked } }, now);
}
