const BRAND = Symbol.for("gatehouse.DomainError");

/** Every way an operation can refuse, in the core's words; lib/http decides what each means on the wire. */
export const ERROR_KINDS = [
  "invalid_credentials",
  "account_error",
  "refresh_token_invalid",
  "second_step_required",
  "unauthenticated",
  "reauth_required",
  "mfa_required",
  "mfa_code_invalid",
  "mfa_token_invalid",
  "mfa_locked",
  "passkey_invalid",
  "dpop_required",
  "dpop_invalid",
  "forbidden",
  "not_found",
  "conflict",
  "validation",
  "unsupported_media_type",
  "payload_too_large",
  "request_aborted",
  "cross_origin",
  "rate_limited",
  "busy",
  "database_unavailable",
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface DomainErrorDetails {
  /** When it is worth asking again, in seconds. */
  retryAfterSeconds?: number;
  /** Per-field messages, shaped as react-admin's server-side validation expects. */
  fields?: Record<string, string>;
  /** A safe word for why a session ended (lib/contracts/session-end.ts). */
  reason?: string;
  /** How recent a proof of identity the refused action needs, in seconds (RFC 9470's max_age). */
  maxAgeSeconds?: number;
  /** Wrong codes an mfa_token still takes before it ends. */
  attemptsLeft?: number;
  /** The second-step methods that would do, for an mfa_required refusal. */
  methods?: readonly string[];
}

/** A refusal the core throws: a kind and a message for people, never a status code or a header. */
export class DomainError extends Error {
  readonly [BRAND] = true;
  readonly retryAfterSeconds?: number;
  readonly fields?: Record<string, string>;
  readonly reason?: string;
  readonly maxAgeSeconds?: number;
  readonly attemptsLeft?: number;
  readonly methods?: readonly string[];

  constructor(
    readonly kind: ErrorKind,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.fields = details.fields;
    this.reason = details.reason;
    this.maxAgeSeconds = details.maxAgeSeconds;
    this.attemptsLeft = details.attemptsLeft;
    this.methods = details.methods;
  }
}

/**
 * Whether a value is a DomainError. Next bundles each route separately, so an error made by
 * the shared server context (built by whichever route ran first) comes from another copy
 * of this class: `instanceof` would miss it.
 */
export function isDomainError(error: unknown): error is DomainError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}
