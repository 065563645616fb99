import type { Env } from "../env";
import type { AccessTokenConfig } from "./access-token";
import { deriveKey } from "./derive-key";

export interface AuthConfig {
  accessToken: AccessTokenConfig;
  refreshTtlSeconds: number;
  sessionMaxAgeSeconds: number;
  reuseGraceSeconds: number;
  /** HMAC key deriving a refresh token's successor. */
  rotationKey: Uint8Array;
  bcryptCost: number;
  secureCookies: boolean;
}

export function authConfigFromEnv(env: Env): AuthConfig {
  return {
    accessToken: {
      key: deriveKey(env.JWT_SECRET, "access-token/HS256"),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    },
    refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
    reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    rotationKey: deriveKey(env.JWT_SECRET, "refresh-token/successor"),
    bcryptCost: env.BCRYPT_COST,
    secureCookies: env.isProduction,
  };
}
