import { errorBodySchema, type LoginRequest, type TokenResponse, tokenResponseSchema } from "../contracts/auth";
import { SESSION_PROBE_HEADER, type SessionEndReason } from "../contracts/session-end";
import type { Timers } from "./clock";
import { UNREACHABLE } from "./http-error";
import type { PasskeyProof } from "./passkey-proof";
import { challengeOf, recoveryCodesLeftOf, type SecondFactor, type SecondStepChallenge, secondStepBody } from "./second-factor";
import { sessionEndMessage } from "./session-messages";

export type AuthOutcome =
  /** `recoveryCodesLeft` after a sign-in that spent a recovery code. */
  | { ok: true; token: TokenResponse; recoveryCodesLeft?: number }
  /** The password was right and the account has a second factor: the same endpoint wants a code next. */
  | { ok: false; kind: "second-step"; status: number; detail: string; challenge: SecondStepChallenge }
  /** The server said no (wrong password, dead refresh token): asking again will not help. */
  | { ok: false; kind: "rejected"; status: number; detail: string; reason?: SessionEndReason; code?: string }
  /** The network, a timeout, a 5xx or a 429: worth trying again later. */
  | { ok: false; kind: "transient"; status: number; detail: string; retryAfterSeconds?: number }
  /** A probe found no refresh cookie: nobody has signed in in this browser. */
  | { ok: false; kind: "none"; status: number; detail: string };

export interface AuthApi {
  login(credentials: Pick<LoginRequest, "username" | "password">): Promise<AuthOutcome>;
  /** `probe` when this tab does not know yet whether there is a session: no cookie is then a quiet "none". */
  refresh(options?: { probe?: boolean }): Promise<AuthOutcome>;
  /** True once the server has answered, whatever it said. */
  logout(): Promise<boolean>;
  /** The sign-in's second step: a code (or a recovery code) for the challenge the password step answered. */
  secondStep(challenge: string, factor: SecondFactor): Promise<AuthOutcome>;
  /** Step-up: the signed-in person's password again (and a code when they have one), for a token with a fresh proof on the same login. */
  reauthenticate(accessToken: string, password: string, factor?: SecondFactor): Promise<AuthOutcome>;
  /** Sign-in without a password: a passkey's answer to a challenge from `/api/auth/passkey/options`. */
  passkeySignIn(proof: PasskeyProof): Promise<AuthOutcome>;
  /** Step-up with a passkey instead of the password; the same login, no new session. */
  reauthenticateWithPasskey(accessToken: string, proof: PasskeyProof): Promise<AuthOutcome>;
}

/** The server's "User account error." says only that much, on purpose; people need to know what to do. */
export const ACCOUNT_UNAVAILABLE = sessionEndMessage("account_disabled");
const REQUEST_TIMEOUT_MS = 15_000;

export function createAuthApi(fetchFn: typeof fetch, timers: Timers, base = "/api/auth"): AuthApi {
  async function post(path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response | null> {
    const abort = new AbortController();
    const timer = timers.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    const headers: Record<string, string> = { Accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    try {
      return await fetchFn(`${base}/${path}`, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
    } catch {
      return null;
    } finally {
      timers.clearTimeout(timer);
    }
  }

  async function tokenCall(path: string, body?: unknown, headers?: Record<string, string>): Promise<AuthOutcome> {
    const response = await post(path, body, headers);
    if (!response) return { ok: false, kind: "transient", status: 0, detail: UNREACHABLE };
    if (response.status === 204) return { ok: false, kind: "none", status: 204, detail: "No session." };
    const json = await response.json().catch(() => null);
    if (response.ok) {
      const parsed = tokenResponseSchema.safeParse(json);
      const recoveryCodesLeft = recoveryCodesLeftOf(json);
      if (parsed.success) return recoveryCodesLeft === undefined ? { ok: true, token: parsed.data } : { ok: true, token: parsed.data, recoveryCodesLeft };
      return { ok: false, kind: "transient", status: response.status, detail: "The server sent an unreadable token." };
    }
    const error = errorBodySchema.safeParse(json);
    const challenge = response.status === 403 ? challengeOf(json) : null;
    if (challenge) return { ok: false, kind: "second-step", status: 403, detail: error.success ? error.data.detail : "Enter the code from your app.", challenge };
    const accountError = error.success && error.data.code === "ACCOUNT_ERROR";
    const detail = !error.success ? `The server answered ${response.status}.` : accountError ? ACCOUNT_UNAVAILABLE : error.data.detail;
    if (isTransient(response.status)) {
      const retryAfterSeconds = Number(response.headers.get("Retry-After")) || undefined;
      return { ok: false, kind: "transient", status: response.status, detail, retryAfterSeconds };
    }
    const reason = accountError ? "account_disabled" : error.success ? error.data.reason : undefined;
    const code = error.success && !accountError ? error.data.code : undefined;
    return { ok: false, kind: "rejected", status: response.status, detail, reason, code };
  }

  return {
    login: ({ username, password }) => tokenCall("token", { username, password }),
    refresh: (options) => tokenCall("refresh-token", undefined, options?.probe ? { [SESSION_PROBE_HEADER]: "1" } : {}),
    logout: async () => (await post("logout")) !== null,
    secondStep: (mfaToken, factor) => tokenCall("token", secondStepBody(mfaToken, factor)),
    reauthenticate: (accessToken, password, factor) => tokenCall("reauthenticate", { password, ...factor }, { Authorization: `Bearer ${accessToken}` }),
    passkeySignIn: (proof) => tokenCall("token", { grant_type: "passkey", ...proof }),
    reauthenticateWithPasskey: (accessToken, proof) => tokenCall("reauthenticate", proof, { Authorization: `Bearer ${accessToken}` }),
  };
}

export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
