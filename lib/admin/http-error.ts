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
