import type { DomainError, ErrorKind } from "../errors/domain-error";
import { dpopChallenge } from "./dpop-challenge";
import { stepUpChallenge } from "./step-up-challenge";

/** What each kind of refusal is on the wire: its status and the stable code in the body. */
export const ERROR_STATUS: Record<ErrorKind, { status: number; code: string }> = {
  invalid_credentials: { status: 401, code: "INVALID_CREDENTIALS" },
  account_error: { status: 401, code: "ACCOUNT_ERROR" },
  refresh_token_invalid: { status: 401, code: "REFRESH_TOKEN_INVALID" },
  second_step_required: { status: 401, code: "SECOND_STEP_REQUIRED" },
  unauthenticated: { status: 401, code: "UNAUTHENTICATED" },
  reauth_required: { status: 401, code: "REAUTH_REQUIRED" },
  mfa_required: { status: 401, code: "MFA_REQUIRED" },
  mfa_code_invalid: { status: 401, code: "MFA_CODE_INVALID" },
  mfa_token_invalid: { status: 401, code: "MFA_TOKEN_INVALID" },
  mfa_locked: { status: 429, code: "MFA_LOCKED" },
  passkey_invalid: { status: 401, code: "PASSKEY_INVALID" },
  dpop_required: { status: 401, code: "DPOP_REQUIRED" },
  dpop_invalid: { status: 401, code: "DPOP_INVALID" },
  forbidden: { status: 403, code: "FORBIDDEN" },
  not_found: { status: 404, code: "NOT_FOUND" },
  conflict: { status: 409, code: "CONFLICT" },
  validation: { status: 422, code: "VALIDATION_FAILED" },
  unsupported_media_type: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
  payload_too_large: { status: 413, code: "PAYLOAD_TOO_LARGE" },
  request_aborted: { status: 400, code: "REQUEST_ABORTED" },
  cross_origin: { status: 403, code: "CROSS_ORIGIN_REFUSED" },
  rate_limited: { status: 429, code: "RATE_LIMITED" },
  busy: { status: 503, code: "SERVICE_BUSY" },
  database_unavailable: { status: 503, code: "DATABASE_UNAVAILABLE" },
};

export const httpStatusOf = (error: DomainError): number => ERROR_STATUS[error.kind].status;

/** The headers a refusal carries: when to retry, and how to authenticate after a 401. */
export function errorHeaders(error: DomainError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (httpStatusOf(error) === 401) headers["WWW-Authenticate"] = stepUpChallenge(error)?.header ?? dpopChallenge(error) ?? "Bearer";
  return headers;
}
