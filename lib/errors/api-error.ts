const BRAND = Symbol.for("gatehouse.ApiError");

/** The one error type every route answers with: a status, a stable code, a message for people. */
export class ApiError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    /** Per-field messages, shaped as react-admin's server-side validation expects. */
    readonly fields?: Record<string, string>,
    /** A safe word for why a session ended (lib/contracts/session-end.ts), added to the body. */
    readonly reason?: string,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

/**
 * Whether a value is an ApiError. Next bundles each route separately, so an error made by
 * the shared server context (built by whichever route ran first) comes from another copy
 * of this class: `instanceof` would miss it.
 */
export function isApiError(error: unknown): error is ApiError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

export type ErrorCode =
  | "INVALID_CREDENTIALS"
  | "ACCOUNT_ERROR"
  | "REFRESH_TOKEN_INVALID"
  | "UNAUTHENTICATED"
  | "REAUTH_REQUIRED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION_FAILED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "METHOD_NOT_ALLOWED"
  | "RATE_LIMITED"
  | "SERVICE_BUSY"
  | "DATABASE_UNAVAILABLE"
  | "CROSS_ORIGIN_REFUSED"
  | "BAD_REQUEST_TARGET"
  | "REQUEST_ABORTED"
  | "INTERNAL_ERROR";

export const errors = {
  invalidCredentials: () => new ApiError(401, "INVALID_CREDENTIALS", "Incorrect username or password"),
  accountError: () => new ApiError(401, "ACCOUNT_ERROR", "User account error."),
  refreshTokenInvalid: (reason?: string) =>
    new ApiError(401, "REFRESH_TOKEN_INVALID", "The refresh token has expired or was not found.", {}, undefined, reason),
  unauthenticated: () => new ApiError(401, "UNAUTHENTICATED", "Not authenticated."),
  /** The token is good; its proof is older than the action allows (RFC 9470). lib/http renders the challenge. */
  reauthRequired: (maxAgeSeconds: number) =>
    Object.assign(new ApiError(401, "REAUTH_REQUIRED", "Confirm it's you: enter your password again to do this."), { maxAgeSeconds }),
  forbidden: (detail = "You may not do that.") => new ApiError(403, "FORBIDDEN", detail),
  notFound: (detail = "Not found.") => new ApiError(404, "NOT_FOUND", detail),
  conflict: (detail: string, fields?: Record<string, string>) => new ApiError(409, "CONFLICT", detail, {}, fields),
  validation: (detail: string, fields?: Record<string, string>) =>
    new ApiError(422, "VALIDATION_FAILED", detail, {}, fields),
  unsupportedMediaType: (detail: string) => new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", detail),
  payloadTooLarge: () => new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is too large."),
  requestAborted: () => new ApiError(400, "REQUEST_ABORTED", "The request body was not received completely."),
  crossOrigin: () => new ApiError(403, "CROSS_ORIGIN_REFUSED", "Cross-site requests are not accepted here."),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiError(429, "RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, {
      "Retry-After": String(retryAfterSeconds),
    }),
  databaseUnavailable: (retryAfterSeconds = 5) =>
    new ApiError(503, "DATABASE_UNAVAILABLE", "The database is unavailable. Try again in a moment.", { "Retry-After": String(retryAfterSeconds) }),
  busy: (retryAfterSeconds = 1) =>
    new ApiError(503, "SERVICE_BUSY", "The server is busy. Try again in a moment.", { "Retry-After": String(retryAfterSeconds) }),
} as const;
