import { DomainError } from "./domain-error";

type Fields = Record<string, string>;

/** The one catalogue of refusals, with the messages people read. */
export const errors = {
  invalidCredentials: () => new DomainError("invalid_credentials", "Incorrect username or password"),
  accountError: () => new DomainError("account_error", "User account error."),
  refreshTokenInvalid: (reason?: string) => new DomainError("refresh_token_invalid", "The refresh token has expired or was not found.", { reason }),
  secondStepRequired: () => new DomainError("second_step_required", "This sign-in needs a second step."),
  unauthenticated: () => new DomainError("unauthenticated", "Not authenticated."),
  /** The token is good; its proof is older than the action allows (RFC 9470). lib/http renders the challenge. */
  reauthRequired: (maxAgeSeconds: number) =>
    new DomainError("reauth_required", "Confirm it's you: enter your password again to do this.", { maxAgeSeconds }),
  /** Re-authentication of a user with TOTP: the password alone is not enough. */
  mfaRequired: (methods: readonly string[]) => new DomainError("mfa_required", "Enter a code from your authenticator app, or a recovery code.", { methods }),
  mfaCodeInvalid: (attemptsLeft?: number) => new DomainError("mfa_code_invalid", "That code is not right.", { attemptsLeft }),
  mfaTokenInvalid: () => new DomainError("mfa_token_invalid", "This sign-in has expired. Enter your username and password again."),
  mfaLocked: (retryAfterSeconds: number) =>
    new DomainError("mfa_locked", `Too many wrong codes. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds }),
  /** One answer for every refused passkey assertion, so it tells a prober nothing; the audit trail has the reason. */
  passkeyInvalid: () => new DomainError("passkey_invalid", "That passkey could not be used to sign in. Try again."),
  /** A device-bound login's refresh, or a sign-in under REQUIRE_DPOP, came without a DPoP proof. */
  dpopRequired: () => new DomainError("dpop_required", "This sign-in is bound to a device key: a DPoP proof is required."),
  /** A DPoP proof was refused (signature, htm, htu, iat, jti, key); the audit trail keeps why. */
  dpopInvalid: () => new DomainError("dpop_invalid", "The DPoP proof is not valid for this request."),
  forbidden: (message = "You may not do that.", fields?: Fields) => new DomainError("forbidden", message, { fields }),
  notFound: (message = "Not found.") => new DomainError("not_found", message),
  conflict: (message: string, fields?: Fields) => new DomainError("conflict", message, { fields }),
  validation: (message: string, fields?: Fields) => new DomainError("validation", message, { fields }),
  unsupportedMediaType: (message: string) => new DomainError("unsupported_media_type", message),
  payloadTooLarge: () => new DomainError("payload_too_large", "The request body is too large."),
  requestAborted: () => new DomainError("request_aborted", "The request body was not received completely."),
  crossOrigin: () => new DomainError("cross_origin", "Cross-site requests are not accepted here."),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError("rate_limited", `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds }),
  databaseUnavailable: (retryAfterSeconds = 5) =>
    new DomainError("database_unavailable", "The database is unavailable. Try again in a moment.", { retryAfterSeconds }),
  busy: (retryAfterSeconds = 1) => new DomainError("busy", "The server is busy. Try again in a moment.", { retryAfterSeconds }),
} as const;
