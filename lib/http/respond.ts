import { isApiError } from "../errors/api-error";
import { logger } from "../server/logger";
import { stepUpChallenge } from "./step-up-challenge";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

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

/** Renders any thrown value; an unexpected one becomes a bare 500 and is logged without request data. */
export function errorResponse(error: unknown): Response {
  if (isApiError(error)) {
    const headers: Record<string, string> = { ...error.headers };
    const challenge = stepUpChallenge(error);
    if (error.status === 401) headers["WWW-Authenticate"] = challenge?.header ?? "Bearer";
    const body = { detail: error.detail, code: error.code, ...(error.fields && { errors: error.fields }), ...(error.reason && { reason: error.reason }), ...challenge?.body };
    return json(body, { status: error.status, headers });
  }
  // The message only: a stack trace per request floods the log and can carry request data.
  logger().error({ error: error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]?.slice(0, 300)}` : "unknown" }, "unhandled error");
  return json({ detail: "Internal server error.", code: "INTERNAL_ERROR" }, { status: 500 });
}

/** Wraps a handler so every failure is rendered by errorResponse. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
