import { errors } from "../http/api-error";
import { type AccessTokenClaims, verifyAccessToken } from "./access-token";
import type { AuthConfig } from "./config";

export interface Principal {
  userId: number;
  familyId: string;
  role: AccessTokenClaims["role"];
  username: string;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** The caller behind an `Authorization: Bearer` header, or a 401. */
export async function requirePrincipal(authorization: string | null, config: AuthConfig, now: Date): Promise<Principal> {
  const match = authorization?.match(BEARER);
  if (!match) throw errors.unauthenticated();
  const claims = await verifyAccessToken(match[1]!, config.accessToken, now);
  if (!claims) throw errors.unauthenticated();
  return { userId: Number(claims.sub), familyId: claims.sid, role: claims.role, username: claims.username };
}
