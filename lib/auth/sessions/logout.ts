import type { LogoutScope } from "../../contracts/sessions";
import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import { canStillRefresh, presentedLogin } from "./presented-login";

/** Revokes the whole login behind the cookie, whichever of its tokens was presented. */
export async function logout(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date): Promise<void> {
  const presented = token ? await presentedLogin(ctx, token) : null;
  if (!presented) return;
  const { login } = presented;
  if (await ctx.store.logins.revoke(login.id, "logout", now)) {
    await audit(ctx, client, { type: "logout", userId: login.userId, familyId: login.id }, now);
  }
}

/**
 * `others` ends every other login of the cookie's user and keeps this one; `all` ends them
 * all. Either needs a cookie that could still refresh (current, or replaced within the grace
 * window, of a live login): an old copy of a cookie must not sign its owner out everywhere.
 * True when this login ended too, so the cookie should be cleared.
 */
export async function logoutScope(ctx: AuthContext, token: string | null, scope: LogoutScope, client: ClientInfo, now: Date): Promise<boolean> {
  if (scope === "current") {
    await logout(ctx, token, client, now);
    return true;
  }
  const presented = token ? await presentedLogin(ctx, token) : null;
  const live = token && presented && canStillRefresh(ctx, presented, token, now) ? await ctx.store.logins.liveLogin(presented.login.id, now) : null;
  if (!presented || !live || live.userId !== presented.login.userId) throw errors.refreshTokenInvalid();
  const { login } = presented;
  const revoked =
    scope === "all"
      ? await ctx.store.logins.revokeUserLogins(live.userId, "signed_out_everywhere", now)
      : await ctx.store.logins.revokeUserLogins(live.userId, "signed_out_elsewhere", now, login.id);
  await audit(ctx, client, { type: "logout", userId: live.userId, familyId: login.id, detail: { scope, sessionsRevoked: revoked } }, now);
  return scope === "all";
}
