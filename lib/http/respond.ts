import { type DomainError, isDomainError } from "../errors/domain-error";
import { ERROR_STATUS, errorHeaders } from "./error-status";
import { mfaRefusalFields } from "./mfa-refusal";
import { stepUpChallenge } from "./step-up-challenge";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** Where unexpected errors are reported; the server hands in its own logger. */
export interface ErrorLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  for (const [k, v] of Object.entries(NO_STORE)) if (!headers.has(k)) headers.set(k, v);
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export function noContent(headers?: HeadersInit): Response {
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(NO_STORE)) h.set(k, v);
  return new Response(null, { status: 204, headers: h });
}

/** A refusal as the wire carries it: the kind's status and code, the message, fields and reason. */
export function domainErrorResponse(error: DomainError): Response {
  const { status, code } = ERROR_STATUS[error.kind];
  const body = { detail: error.message, code, ...(error.fields && { errors: error.fields }), ...(error.reason && { reason: error.reason }), ...stepUpChallenge(error)?.body, ...mfaRefusalFields(error) };
  return json(body, { status, headers: errorHeaders(error) });
}

/** Renders any thrown value; an unexpected one becomes a bare 500 and is logged without request data. */
export function errorResponse(error: unknown, log: ErrorLog): Response {
  if (isDomainError(error)) return domainErrorResponse(error);
  // The message only: a stack trace per request floods the log and can carry request data.
  log.error({ error: error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]?.slice(0, 300)}` : "unknown" }, "unhandled error");
  return json({ detail: "Internal server error.", code: "INTERNAL_ERROR" }, { status: 500 });
}

/** Wraps a handler so every failure is rendered by errorResponse. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>, log: ErrorLog) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error, log);
    }
  };
}
