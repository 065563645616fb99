import type { LogoutScope } from "../contracts/sessions";
import { errors } from "../errors/api-error";
import { audit, type AuthContext, type ClientInfo } from "./context";
import { hashRefreshToken } from "./refresh-token";

/** Revokes the whole login behind the cookie, whichever of its tokens was presented. */
export async function logout(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date): Promise<void> {
  if (!token) return;
  const sessions = ctx.store.sessions;
  const session = await sessions.findByTokenHash(hashRefreshToken(token));
  if (!session) return;
  const revoked = await sessions.revokeFamily(session.familyId, "logout", now);
  if (revoked > 0) {
    await audit(ctx, client, { type: "logout", userId: session.userId, familyId: session.familyId }, now);
  }
}

/**
 * `others` ends every other login of the cookie's user and keeps this one; `all` ends them
 * all. Either needs a cookie that could still refresh (current, or rotated within the grace
 * window, of a live login): an old copy of a cookie must not sign its owner out everywhere.
 * True when this login ended too, so the cookie should be cleared.
 */
export async function logoutScope(ctx: AuthContext, token: string | null, scope: LogoutScope, client: ClientInfo, now: Date): Promise<boolean> {
  if (scope === "current") {
    await logout(ctx, token, client, now);
    return true;
  }
  const sessions = ctx.store.sessions;
  const session = token ? await sessions.findByTokenHash(hashRefreshToken(token)) : null;
  const graceEnds = session?.rotatedAt ? session.rotatedAt.getTime() + ctx.config.reuseGraceSeconds * 1000 : Infinity;
  const live = session && session.revokedAt === null && session.expiresAt > now && graceEnds >= now.getTime() && (await sessions.liveLogin(session.familyId, now));
  if (!session || !live || live.userId !== session.userId) throw errors.refreshTokenInvalid();
  const revoked =
    scope === "all"
      ? await sessions.revokeUserFamilies(live.userId, "signed_out_everywhere", now)
      : await sessions.revokeUserFamiliesExcept(live.userId, session.familyId, "signed_out_elsewhere", now);
  await audit(ctx, client, { type: "logout", userId: live.userId, familyId: session.familyId, detail: { scope, tokensRevoked: revoked } }, now);
  return scope === "all";
}
