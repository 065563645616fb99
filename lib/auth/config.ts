import type { Env } from "../env";
import { type AccessTokenConfig, CLOCK_TOLERANCE_SECONDS } from "./access-token";
import { deriveKey } from "./derive-key";
import { ed25519KeyStore, retiredKeyGraceSeconds } from "./keys/ed25519-key-store";
import { hmacKeyStore } from "./keys/hmac-key-store";
import type { RefreshTokenKeys } from "./refresh-token";
import type { SigningKeyStore } from "./storage";
import { defaultThrottlePolicy, type ThrottlePolicy } from "./throttle";

export interface AuthConfig {
  accessToken: AccessTokenConfig;
  refreshTtlSeconds: number;
  sessionMaxAgeSeconds: number;
  /** How long after a rotation its predecessor may be replayed for the same successor (tabs, retries). */
  reuseGraceSeconds: number;
  /**
   * How long after a rotation its predecessor may still be replayed for the same successor
   * while that successor was never used (an answer lost to a crash or a dropped connection).
   */
  lostAnswerSeconds: number;
  refreshKeys: RefreshTokenKeys;
  bcryptCost: number;
  secureCookies: boolean;
  /** The dashboard's origin; null derives it from each request (development). */
  appOrigin: string | null;
  throttle: ThrottlePolicy;
  /** How old a proof (sign-in or re-authentication) may be for a sensitive action. */
  reauthMaxAgeSeconds: number;
}

/** The refresh tokens' keys, derived from the one configured secret. */
export const refreshTokenKeys = (secret: string): RefreshTokenKeys => ({
  successor: deriveKey(secret, "refresh-token/successor"),
  seal: deriveKey(secret, "refresh-token/seal"),
});

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
    lostAnswerSeconds: env.REFRESH_LOST_ANSWER_SECONDS,
    refreshKeys: refreshTokenKeys(env.JWT_SECRET),
    bcryptCost: env.BCRYPT_COST,
    secureCookies: env.isProduction,
    appOrigin: env.APP_ORIGIN ?? null,
    throttle: { ...defaultThrottlePolicy, baseDelayMs: env.LOGIN_FAILURE_DELAY_MS },
    reauthMaxAgeSeconds: env.REAUTH_MAX_AGE_SECONDS,
  };
}
