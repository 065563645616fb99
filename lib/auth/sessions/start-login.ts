import { randomUUID } from "node:crypto";
import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import type { SignInProof } from "../factors/proof";
import { isNewDevice, newDeviceSince } from "../notifications/new-device";
import { noticeIf } from "../notifications/notice";
import { presentedLogin } from "./presented-login";
import { firstRefreshToken } from "./refresh-token";
import { type IssuedSession, issueSession, newLogin } from "./session-issuer";

export interface LoginStart extends ClientInfo {
  /** Canonical (see canonicalUsername): the name the sign-in was attempted with. */
  username: string;
  /** The refresh cookie that came along, if any: its login is replaced. */
  presentedRefreshToken: string | null;
  /** The thumbprint of the device key a valid DPoP proof showed: the login is bound to it (docs/dpop.md). */
  deviceKey?: string | null;
}

/** The last step of a sign-in: a new login for a completed proof; one whose refresh cookie came along is revoked. */
export async function startLogin(ctx: AuthContext, proof: SignInProof, start: LoginStart, now: Date): Promise<IssuedSession> {
  const { username } = start;
  const { user } = proof;
  const logins = ctx.store.logins;
  const previous = start.presentedRefreshToken ? await presentedLogin(ctx, start.presentedRefreshToken) : null;
  if (previous) await logins.revoke(previous.login.id, "replaced_by_login", now);
  const id = randomUUID();
  const refreshToken = firstRefreshToken(id, ctx.config.refreshKeys);
  const login = newLogin(ctx, { id, userId: user.id, dpopJkt: start.deviceKey ?? null }, refreshToken, start, proof, now);
  const history = await ctx.store.notifications.signInHistory(user.id, newDeviceSince(now));
  await logins.create(login, now, isNewDevice(start.userAgent, history) ? noticeIf("new_device_sign_in", user.id, start, now, id) : undefined);
  // The password checked above may have been changed meanwhile: a change moves the version
  // on before it revokes other logins, so either that revocation or this check ends it.
  const current = await ctx.store.users.findById(user.id);
  if (!current || current.credentialVersion !== user.credentialVersion || current.disabled) {
    const reason = current && !current.disabled ? "password_changed" : "account_disabled";
    await logins.revoke(id, reason, now);
    await audit(ctx, start, { type: "login.failed", userId: user.id, username, detail: { reason } }, now);
    throw errors.invalidCredentials();
  }
  await audit(ctx, start, { type: "login.ok", userId: user.id, username, familyId: id }, now);
  return issueSession(ctx, user, login, refreshToken, now);
}
