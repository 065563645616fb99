import type { SecondStepChallenge } from "./second-factor";

/** What a person is told when the server could not be reached (an `HttpError` of status 0). */
export const UNREACHABLE = "Cannot reach the server. Check your connection and try again.";

/**
 * A failed API call. `body.errors` carries per-field messages, which react-admin forms put
 * on the matching inputs; `status` 0 means the server could not be reached.
 */
export class HttpError extends Error {
  override name = "HttpError";

  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown = null,
    /** Set when the call failed because there is no session any more. */
    readonly sessionEnded = false,
  ) {
    super(message);
  }
}

export const SESSION_ENDED = "Your session has ended. Please sign in again.";
export const SESSION_REFUSED = "The server no longer accepts this session. Please sign in again.";

export const sessionEndedError = () => new HttpError(SESSION_ENDED, 401, null, true);

/** Seconds a refused sign-in must wait (429 with Retry-After), or null. */
export function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof HttpError) || error.status !== 429) return null;
  const seconds = (error.body as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? seconds : null;
}

/** The challenge of a sign-in whose password was right and which wants a code next, or null. */
export function secondStepOf(error: unknown): SecondStepChallenge | null {
  if (!(error instanceof HttpError)) return null;
  return (error.body as { secondStep?: SecondStepChallenge | null } | null)?.secondStep ?? null;
}

/** The server's word for a refusal (MFA_CODE_INVALID, MFA_TOKEN_INVALID …), or null. */
export function refusalCodeOf(error: unknown): string | null {
  if (!(error instanceof HttpError)) return null;
  const code = (error.body as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}
