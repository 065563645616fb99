import { randomUUID } from "node:crypto";
import { errors } from "../errors/api-error";
import { audit, type AuthContext, type ClientInfo, sleepFor } from "./context";
import { presentedLogin } from "./sessions/presented-login";
import { firstRefreshToken } from "./sessions/refresh-token";
import { type IssuedSession, issueSession, newLogin } from "./sessions/session-issuer";
import { loginThrottle } from "./throttle/login-throttle";
import { canonicalUsername } from "./username";

export interface LoginInput extends ClientInfo {
  username: string;
  password: string;
  presentedRefreshToken: string | null;
}

/** Every sign-in starts a new login; one whose refresh cookie came along is revoked. */
export async function login(ctx: AuthContext, input: LoginInput, now: Date): Promise<IssuedSession> {
  const username = canonicalUsername(input.username);
  const ip = input.ip ?? "unknown";
  const throttle = loginThrottle(ctx.store.throttles, ctx.config.throttle);
  const admission = await throttle.reserve(username, ip, now);
  if (admission.locked) {
    await audit(ctx, input, { type: "login.throttled", username, detail: { retryAfter: admission.retryAfterSeconds } }, now);
    throw errors.rateLimited(admission.retryAfterSeconds);
  }
  // Delay success and failure alike, so the wait itself says nothing.
  if (admission.delayMs > 0) await sleepFor(ctx)(admission.delayMs);

  // From here an unknown user takes the wrong password's path, statement for statement
  // (tests/passwords.test.ts): the same read, a bcrypt compare of the same cost, the same writes.
  const { user, passwordOk } = await throttle.checking(admission.reservation, now, async () => {
    const user = await ctx.store.users.findByUsername(username);
    const passwordOk = user ? await ctx.passwords.verify(input.password, user.passwordHash) : await ctx.passwords.burn(input.password, ctx.config.bcryptCost);
    return { user, passwordOk };
  });
  if (!user || !passwordOk) {
    await throttle.failed(admission.reservation, now);
    const reason = user ? "bad_password" : "unknown_user";
    await audit(ctx, input, { type: "login.failed", userId: user?.id, username, detail: { reason } }, now);
    throw errors.invalidCredentials();
  }
  if (user.disabled) {
    await throttle.released(admission.reservation, now);
    await audit(ctx, input, { type: "login.failed", userId: user.id, username, detail: { reason: "disabled" } }, now);
    throw errors.accountError();
  }
  await throttle.succeeded(admission.reservation, now);

  const logins = ctx.store.logins;
  const previous = input.presentedRefreshToken ? await presentedLogin(ctx, input.presentedRefreshToken) : null;
  if (previous) await logins.revoke(previous.login.id, "replaced_by_login", now);
  const id = randomUUID();
  const refreshToken = firstRefreshToken(id, ctx.config.refreshKeys);
  const login = newLogin(ctx, { id, userId: user.id }, refreshToken, input, now);
  await logins.create(login, now);
  // The password checked above may have been changed meanwhile: a change moves the version
  // on before it revokes other logins, so either that revocation or this check ends it.
  const current = await ctx.store.users.findById(user.id);
  if (!current || current.credentialVersion !== user.credentialVersion || current.disabled) {
    const reason = current && !current.disabled ? "password_changed" : "account_disabled";
    await logins.revoke(id, reason, now);
    await audit(ctx, input, { type: "login.failed", userId: user.id, username, detail: { reason } }, now);
    throw errors.invalidCredentials();
  }
  await audit(ctx, input, { type: "login.ok", userId: user.id, username, familyId: id }, now);
  return issueSession(ctx, user, login, refreshToken, now);
}
