import { errorBodySchema, type LoginRequest, type TokenResponse, tokenResponseSchema } from "../contracts/auth";
import type { Timers } from "./clock";

export type AuthOutcome =
  | { ok: true; token: TokenResponse }
  /** The server said no (wrong password, dead refresh token): asking again will not help. */
  | { ok: false; kind: "rejected"; status: number; detail: string }
  /** The network, a timeout, a 5xx or a 429: worth trying again later. */
  | { ok: false; kind: "transient"; status: number; detail: string };

export interface AuthApi {
  login(credentials: Pick<LoginRequest, "username" | "password">): Promise<AuthOutcome>;
  refresh(): Promise<AuthOutcome>;
  /** True once the server has answered, whatever it said. */
  logout(): Promise<boolean>;
}

/** The server's "User account error." says only that much, on purpose; people need to know what to do. */
export const ACCOUNT_UNAVAILABLE = "Your account has been disabled or removed. Contact an administrator.";
export const UNREACHABLE = "Cannot reach the server. Check your connection and try again.";
const REQUEST_TIMEOUT_MS = 15_000;

export function createAuthApi(fetchFn: typeof fetch, timers: Timers, base = "/api/auth"): AuthApi {
  async function post(path: string, body?: unknown): Promise<Response | null> {
    const abort = new AbortController();
    const timer = timers.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await fetchFn(`${base}/${path}`, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch {
      return null;
    } finally {
      timers.clearTimeout(timer);
    }
  }

  async function tokenCall(path: string, body?: unknown): Promise<AuthOutcome> {
    const response = await post(path, body);
    if (!response) return { ok: false, kind: "transient", status: 0, detail: UNREACHABLE };
    const json = await response.json().catch(() => null);
    if (response.ok) {
      const parsed = tokenResponseSchema.safeParse(json);
      if (parsed.success) return { ok: true, token: parsed.data };
      return { ok: false, kind: "transient", status: response.status, detail: "The server sent an unreadable token." };
    }
    const error = errorBodySchema.safeParse(json);
    const detail = !error.success ? `The server answered ${response.status}.` : error.data.code === "ACCOUNT_ERROR" ? ACCOUNT_UNAVAILABLE : error.data.detail;
    const kind = isTransient(response.status) ? "transient" : "rejected";
    return { ok: false, kind, status: response.status, detail };
  }

  return {
    login: ({ username, password }) => tokenCall("token", { username, password }),
    refresh: () => tokenCall("refresh-token"),
    logout: async () => (await post("logout")) !== null,
  };
}

export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
