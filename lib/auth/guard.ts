import { errors } from "../errors/catalog";
import type { AccessTokenClaims } from "./tokens/access-token";
import type { AuthContext } from "./context";
import { verifiedTokensFor } from "./tokens/verified-tokens";

export interface Principal {
  userId: number;
  familyId: string;
  role: AccessTokenClaims["role"];
  username: string;
  /** The token's `auth_time` (unix seconds): when this person last proved who they are; null when the token has none. */
  authTime: number | null;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * The caller behind an `Authorization: Bearer` header, or a 401. The token's login must
 * still be live and its user enabled, so signing out, a detected theft or a disabled
 * account ends its access tokens at once on this instance and within the view's bound
 * (sessions/live-logins.ts) on every other, rather than when they expire. The role is the user's
 * current one.
 */
export async function requirePrincipal(authorization: string | null, ctx: AuthContext, now: Date): Promise<Principal> {
  const match = authorization?.match(BEARER);
  if (!match) throw errors.unauthenticated();
  const claims = await verifiedTokensFor(ctx.config.accessToken).verify(match[1]!, ctx.config.accessToken, now);
  const live = claims && (await ctx.liveLogins.find(claims.sid, now));
  if (!claims || !live || live.userId !== Number(claims.sub)) throw errors.unauthenticated();
  return { userId: live.userId, familyId: claims.sid, role: live.role, username: claims.username, authTime: claims.auth_time ?? null };
}
