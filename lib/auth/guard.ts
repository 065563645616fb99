import { sessionRepo } from "../db/session-repo";
import { errors } from "../http/api-error";
import { type AccessTokenClaims, verifyAccessToken } from "./access-token";
import type { AuthContext } from "./context";

export interface Principal {
  userId: number;
  familyId: string;
  role: AccessTokenClaims["role"];
  username: string;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * The caller behind an `Authorization: Bearer` header, or a 401. The token's login must
 * still be live, so signing out or a detected theft ends its access tokens at once rather
 * than when they expire.
 */
export async function requirePrincipal(authorization: string | null, ctx: AuthContext, now: Date): Promise<Principal> {
  const match = authorization?.match(BEARER);
  if (!match) throw errors.unauthenticated();
  const claims = await verifyAccessToken(match[1]!, ctx.config.accessToken, now);
  if (!claims || !(await sessionRepo(ctx.db).familyIsLive(claims.sid, now))) throw errors.unauthenticated();
  return { userId: Number(claims.sub), familyId: claims.sid, role: claims.role, username: claims.username };
}
