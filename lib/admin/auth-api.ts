import { errorBodySchema, type LoginRequest, type TokenResponse, tokenResponseSchema } from "../contracts/auth";
import { SESSION_PROBE_HEADER } from "../contracts/session-end";
import type { Timers } from "./clock";
import { type DeviceKey, unboundDeviceKey } from "./dpop";
import { UNREACHABLE } from "./http-error";
import type { PasskeyProof } from "./passkey-proof";
import { challengeOf, recoveryCodesLeftOf, type SecondFactor, type SecondStepChallenge, secondStepBody } from "./second-factor";
import { type SessionEnding, sessionEndMessage } from "./session-messages";

export type AuthOutcome =
  /** `recoveryCodesLeft` after a sign-in that spent a recovery code. */
  | { ok: true; token: TokenResponse; recoveryCodesLeft?: number }
  /** The password was right and the account has a second factor: the same endpoint wants a code next. */
  | { ok: false; kind: "second-step"; status: number; detail: string; challenge: SecondStepChallenge }
  /** The server said no (wrong password, dead refresh token): asking again will not help. */
  | { ok: false; kind: "rejected"; status: number; detail: string; reason?: SessionEnding; code?: string }
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
const DPOP_HEADER = "DPoP";
const DPOP_REQUIRED = "DPOP_REQUIRED";
const DPOP_INVALID = "DPOP_INVALID";

export function createAuthApi(fetchFn: typeof fetch, timers: Timers, base = "/api/auth", deviceKey: DeviceKey = unboundDeviceKey): AuthApi {
  async function post(path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response | null> {
    const abort = new AbortController();
    const timer = timers.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    const headers: Record<string, string> = { Accept: "application/json", ...extraHeaders };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    try {
      const response = await fetchFn(`${base}/${path}`, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
      });
      deviceKey.noteServerDate(response.headers.get("Date"));
      return response;
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

  /** A sign-in bound to a new device key where this browser can keep one, and unbound, quietly, where it cannot. */
  async function signIn(body: unknown): Promise<AuthOutcome> {
    const proof = await deviceKey.forSignIn("POST", `${base}/token`);
    const outcome = await tokenCall("token", body, proof ? { [DPOP_HEADER]: proof.header } : {});
    if (outcome.ok) {
      await (proof && outcome.token.dpop_jkt ? proof.adopt() : deviceKey.forget());
      return outcome;
    }
    // A proof this server will not take (this machine's clock far off, say) must not stop the sign-in.
    return proof && outcome.kind === "rejected" && outcome.code === DPOP_INVALID ? signInUnbound(body) : outcome;
  }

  async function signInUnbound(body: unknown): Promise<AuthOutcome> {
    const outcome = await tokenCall("token", body);
    if (outcome.ok) await deviceKey.forget();
    return outcome;
  }

  /** Runs under the refresh lock, so a key read, used or forgotten here is the one the cookie's login is bound to. */
  async function refresh(probe: boolean, retried = false): Promise<AuthOutcome> {
    const proof = await deviceKey.forRequest("POST", `${base}/refresh-token`);
    const headers: Record<string, string> = probe ? { [SESSION_PROBE_HEADER]: "1" } : {};
    if (proof) headers[DPOP_HEADER] = proof;
    const outcome = await tokenCall("refresh-token", undefined, headers);
    // No cookie at all: whatever key is left belonged to a login this browser no longer has.
    if (!outcome.ok && outcome.kind === "none") await deviceKey.forget();
    if (outcome.ok || outcome.kind !== "rejected") return outcome;
    // The login is kept for both codes. An invalid proof is tried once more: the answer's Date may just have corrected the clock.
    if (outcome.code === DPOP_INVALID) return retried ? outcome : refresh(probe, true);
    if (outcome.code === DPOP_REQUIRED) return { ...outcome, reason: "device_key_lost" };
    await deviceKey.forget();
    return outcome;
  }

  return {
    login: ({ username, password }) => signIn({ username, password }),
    refresh: (options) => refresh(options?.probe ?? false),
    logout: async () => {
      await deviceKey.forget();
      return (await post("logout")) !== null;
    },
    secondStep: (mfaToken, factor) => signIn(secondStepBody(mfaToken, factor)),
    reauthenticate: (accessToken, password, factor) => tokenCall("reauthenticate", { password, ...factor }, { Authorization: `Bearer ${accessToken}` }),
    passkeySignIn: (proof) => signIn({ grant_type: "passkey", ...proof }),
    reauthenticateWithPasskey: (accessToken, proof) => tokenCall("reauthenticate", proof, { Authorization: `Bearer ${accessToken}` }),
  };
}

export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
