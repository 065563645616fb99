import { type AccessTokenConfig, CLOCK_TOLERANCE_SECONDS } from "./tokens/access-token";
import { deriveKey } from "./tokens/derive-key";
import { ed25519KeyStore, retiredKeyGraceSeconds } from "./tokens/keys/ed25519-key-store";
import { hmacKeyStore } from "./tokens/keys/hmac-key-store";
import type { SigningAlgorithm } from "./tokens/keys/key-store";
import type { RefreshTokenKeys } from "./sessions/refresh-token";
import type { SigningKeyStore } from "./storage";
import { defaultThrottlePolicy, type ThrottlePolicy } from "./throttle/login-throttle";

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
  /** Whether a sign-in from the dashboard's origin must carry a DPoP proof (REQUIRE_DPOP, docs/dpop.md). */
  requireDpop: boolean;
  /** The second factor's keys: TOTP secrets are sealed with one, recovery codes keyed-hashed with the other. */
  mfaKeys: MfaKeys;
}

export interface MfaKeys {
  totpSeal: Uint8Array;
  recoveryCodes: Uint8Array;
}

/** The refresh tokens' keys, derived from the one configured secret. */
export const refreshTokenKeys = (secret: string): RefreshTokenKeys => ({
  successor: deriveKey(secret, "refresh-token/successor"),
  seal: deriveKey(secret, "refresh-token/seal"),
});

/** The settings the core needs, as a plain object: lib/env reads them, the server hands them in. */
export interface AuthSettings {
  /** The one configured secret every key is derived from. */
  secret: string;
  signingAlgorithm: SigningAlgorithm;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTtlSeconds: number;
  sessionMaxAgeSeconds: number;
  reuseGraceSeconds: number;
  lostAnswerSeconds: number;
  bcryptCost: number;
  secureCookies: boolean;
  appOrigin: string | null;
  loginFailureDelayMs: number;
  /** How old a proof of identity may be for a sensitive action (REAUTH_MAX_AGE_SECONDS). */
  reauthMaxAgeSeconds: number;
  /** Whether dashboard sign-ins must be bound to a device key (REQUIRE_DPOP). */
  requireDpop: boolean;
}

export function authConfig(settings: AuthSettings, signingKeys: SigningKeyStore): AuthConfig {
  const keys =
    settings.signingAlgorithm === "HS256"
      ? hmacKeyStore(deriveKey(settings.secret, "access-token/HS256"))
      : ed25519KeyStore({
          store: signingKeys,
          encryptionKey: deriveKey(settings.secret, "signing-key-encryption"),
          retiredKeyGraceSeconds: retiredKeyGraceSeconds(settings.accessTokenTtlSeconds, CLOCK_TOLERANCE_SECONDS),
        });
  return {
    accessToken: { keys, issuer: settings.issuer, audience: settings.audience, ttlSeconds: settings.accessTokenTtlSeconds },
    refreshTtlSeconds: settings.refreshTtlSeconds,
    sessionMaxAgeSeconds: settings.sessionMaxAgeSeconds,
    reuseGraceSeconds: settings.reuseGraceSeconds,
    lostAnswerSeconds: settings.lostAnswerSeconds,
    refreshKeys: refreshTokenKeys(settings.secret),
    bcryptCost: settings.bcryptCost,
    secureCookies: settings.secureCookies,
    appOrigin: settings.appOrigin,
    throttle: { ...defaultThrottlePolicy, baseDelayMs: settings.loginFailureDelayMs },
    reauthMaxAgeSeconds: settings.reauthMaxAgeSeconds,
    requireDpop: settings.requireDpop,
    mfaKeys: { totpSeal: deriveKey(settings.secret, "totp-secret-encryption"), recoveryCodes: deriveKey(settings.secret, "recovery-code-hmac") },
  };
}
