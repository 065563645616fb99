import type { Env } from "../env";
import { type AccessTokenConfig, CLOCK_TOLERANCE_SECONDS } from "./access-token";
import { deriveKey } from "./derive-key";
import { ed25519KeyStore, retiredKeyGraceSeconds } from "./keys/ed25519-key-store";
import { hmacKeyStore } from "./keys/hmac-key-store";
import type { SigningKeyStore } from "./storage";
import { defaultThrottlePolicy, type ThrottlePolicy } from "./throttle";

export interface AuthConfig {
  accessToken: AccessTokenConfig;
  refreshTtlSeconds: number;
  sessionMaxAgeSeconds: number;
  reuseGraceSeconds: number;
  /** HMAC key deriving a refresh token's successor. */
  rotationKey: Uint8Array;
  bcryptCost: number;
  secureCookies: boolean;
  /** The dashboard's origin; null derives it from each request (development). */
  appOrigin: string | null;
  throttle: ThrottlePolicy;
}

export function authConfigFromEnv(env: Env, signingKeys: SigningKeyStore): AuthConfig {
  const keys =
    env.JWT_ALG === "HS256"
      ? hmacKeyStore(deriveKey(env.JWT_SECRET, "access-token/HS256"))
      : ed25519KeyStore({
          store: signingKeys,
          encryptionKey: deriveKey(env.JWT_SECRET, "signing-key-encryption"),
          retiredKeyGraceSeconds: retiredKeyGraceSeconds(env.ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS),
        });
  return {
    accessToken: { keys, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS },
    refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
    reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    rotationKey: deriveKey(env.JWT_SECRET, "refresh-token/successor"),
    bcryptCost: env.BCRYPT_COST,
    secureCookies: env.isProduction,
    appOrigin: env.APP_ORIGIN ?? null,
    throttle: { ...defaultThrottlePolicy, baseDelayMs: env.LOGIN_FAILURE_DELAY_MS },
  };
}
