import { errorBodySchema } from "../contracts/auth";
import { backoffDelay, type BackoffOptions } from "./backoff";
import { sleep, type Timers } from "./clock";
import { HttpError, SESSION_REFUSED, sessionEndedError, UNREACHABLE } from "./http-error";
import { notConfirmedError, type StepUp, type StepUpRefusal, stepUpRefusal } from "./step-up";
import type { TokenManager } from "./token-manager";

export interface HttpOptions {
  method?: string;
  body?: BodyInit | null;
  headers?: HeadersInit;
  signal?: AbortSignal | null;
}

/** The shape ra-data-simple-rest expects from its httpClient. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

export type HttpClient = (url: string, options?: HttpOptions) => Promise<HttpResponse>;

export interface HttpClientDeps {
  tokens: Pick<TokenManager, "token" | "renew" | "endSession">;
  fetch: typeof fetch;
  timers: Timers;
  retries?: number;
  backoff?: BackoffOptions;
  /** How long a request waits for a token while the refresh keeps failing on the network. */
  tokenWaitMs?: number;
  random?: () => number;
  /** Asks the person to confirm who they are when the server wants a more recent proof. */
  stepUp?: Pick<StepUp, "confirm">;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Whether a failed attempt may be sent again. A POST that reached the server may have
 * created something, so it is repeated only on 503, which says nothing was done.
 */
function mayRetry(method: string, status: number | null): boolean {
  if (status === null) return IDEMPOTENT.has(method);
  if (status < 500) return false;
  return IDEMPOTENT.has(method) || status === 503;
}

export function createHttpClient(deps: HttpClientDeps): HttpClient {
  const { tokens, timers, retries = 3, backoff = { baseMs: 300, maxMs: 5000, jitter: 0.2 }, tokenWaitMs = 20_000 } = deps;
  const random = deps.random ?? Math.random;

  function waitForToken(pending: Promise<string | null>): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const handle = timers.setTimeout(() => reject(new HttpError(UNREACHABLE, 0)), tokenWaitMs);
      pending.then(resolve, reject).finally(() => timers.clearTimeout(handle));
    });
  }

  async function send(url: string, options: HttpOptions, firstToken: () => Promise<string | null>) {
    const method = (options.method ?? "GET").toUpperCase();
    for (let attempt = 0; ; attempt++) {
      const token = await waitForToken(attempt === 0 ? firstToken() : tokens.token());
      if (!token) throw sessionEndedError();
      let response: Response | null = null;
      try {
        response = await deps.fetch(url, { ...options, method, headers: headersFor(options, token) });
      } catch (error) {
        if (options.signal?.aborted) throw error;
      }
      if (attempt >= retries || !mayRetry(method, response?.status ?? null)) return { response, token };
      await sleep(timers, backoffDelay(attempt, backoff, random));
    }
  }

  /**
   * A refusal for an old proof says nothing against the token: it is neither renewed nor the
   * session ended. Once the person confirms, the request goes once more, with the new token.
   */
  async function afterConfirmation(url: string, options: HttpOptions, refusal: StepUpRefusal) {
    if (!deps.stepUp || !(await deps.stepUp.confirm(refusal))) throw notConfirmedError(refusal);
    const { response } = await send(url, options, () => tokens.token());
    const again = response && (await stepUpRefusal(response));
    if (again) throw notConfirmedError(again);
    return response;
  }

  return async function httpClient(url, options = {}) {
    const first = await send(url, options, () => tokens.token());
    let response = first.response;
    const refusal = response && (await stepUpRefusal(response));
    if (refusal) response = await afterConfirmation(url, options, refusal);
    if (response?.status === 401) {
      ({ response } = await send(url, options, () => tokens.renew(first.token)));
      if (response?.status === 401) {
        tokens.endSession(SESSION_REFUSED);
        throw sessionEndedError();
      }
    }
    if (!response) throw new HttpError(UNREACHABLE, 0);
    return read(response);
  };
}

function headersFor(options: HttpOptions, token: string): Headers {
  const headers = new Headers(options.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  if (typeof options.body === "string" && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  headers.set("Authorization", `Bearer ${token}`);
  return headers;
}

async function read(response: Response): Promise<HttpResponse> {
  const body = await response.text();
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  if (response.ok) return { status: response.status, headers: response.headers, body, json };
  const error = errorBodySchema.safeParse(json);
  const message = error.success ? error.data.detail : response.statusText || `The server answered ${response.status}.`;
  throw new HttpError(message, response.status, json);
}
