import { describe, expect, it, vi } from "vitest";
import { ACCOUNT_UNAVAILABLE, createAuthApi } from "./auth-api";
import { UNREACHABLE } from "./http-error";
import type { PasskeyProof } from "./passkey-proof";
import { FakeTime } from "./testing/fakes";

const tokenBody = { access_token: "a.b.c", token_type: "bearer", token_expiry: 300, expires_at: 1_900_000_000, unread_notifications: 0 };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function api(answer: () => Promise<Response>) {
  const fetchFn = vi.fn<(url: RequestInfo | URL, init?: RequestInit) => Promise<Response>>(() => answer());
  return { fetchFn, api: createAuthApi(fetchFn as typeof fetch, new FakeTime()) };
}

describe("auth api", () => {
  it("logs in with JSON and reads the token body", async () => {
    const { fetchFn, api: auth } = api(async () => json(200, tokenBody));
    expect(await auth.login({ username: "johndoe", password: "secret" })).toEqual({ ok: true, token: tokenBody });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe("/api/auth/token");
    expect(init).toMatchObject({ method: "POST", credentials: "same-origin", body: JSON.stringify({ username: "johndoe", password: "secret" }) });
  });

  it("re-authenticates with the bearer token and the password as JSON, and reads the token body", async () => {
    const { fetchFn, api: auth } = api(async () => json(200, tokenBody));
    expect(await auth.reauthenticate("the.access.token", "secret")).toEqual({ ok: true, token: tokenBody });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe("/api/auth/reauthenticate");
    expect(init).toMatchObject({ method: "POST", credentials: "same-origin", body: JSON.stringify({ password: "secret" }) });
    expect(new Headers(init!.headers).get("Authorization")).toBe("Bearer the.access.token");
    const wrong = api(async () => json(401, { detail: "Incorrect username or password", code: "INVALID_CREDENTIALS" })).api;
    expect(await wrong.reauthenticate("t", "nope")).toEqual({ ok: false, kind: "rejected", status: 401, detail: "Incorrect username or password", code: "INVALID_CREDENTIALS" });
  });

  it("passes on the server's detail for a wrong password, a lockout or a rate limit", async () => {
    const wrong = api(async () => json(401, { detail: "Incorrect username or password" })).api;
    expect(await wrong.login({ username: "x", password: "y" })).toEqual({
      ok: false,
      kind: "rejected",
      status: 401,
      detail: "Incorrect username or password",
    });
    const limited = api(async () => json(429, { detail: "Too many attempts. Try again in 60 seconds." })).api;
    expect(await limited.login({ username: "x", password: "y" })).toMatchObject({
      kind: "transient",
      status: 429,
      detail: "Too many attempts. Try again in 60 seconds.",
    });
  });

  it("tells a disabled or deleted user what happened instead of the server's terse account error", async () => {
    const refused = api(async () => json(401, { detail: "User account error.", code: "ACCOUNT_ERROR" })).api;
    expect(await refused.refresh()).toMatchObject({ kind: "rejected", detail: ACCOUNT_UNAVAILABLE });
    expect(await refused.login({ username: "x", password: "y" })).toMatchObject({ kind: "rejected", detail: ACCOUNT_UNAVAILABLE });
  });

  it("calls a refresh refused with 401 final, and network errors and 5xx transient", async () => {
    const refused = api(async () => json(401, { detail: "The refresh token has expired or was not found." })).api;
    expect(await refused.refresh()).toMatchObject({ kind: "rejected", detail: "The refresh token has expired or was not found." });
    const offline = api(async () => Promise.reject(new TypeError("Failed to fetch"))).api;
    expect(await offline.refresh()).toEqual({ ok: false, kind: "transient", status: 0, detail: UNREACHABLE });
    const broken = api(async () => new Response("<html>", { status: 502 })).api;
    expect(await broken.refresh()).toMatchObject({ kind: "transient", status: 502 });
  });

  it("does not trust a success without a valid token body", async () => {
    const odd = api(async () => json(200, { access_token: "x" })).api;
    expect(await odd.refresh()).toMatchObject({ ok: false, kind: "transient" });
  });

  it("reports whether logout reached the server", async () => {
    expect(await api(async () => new Response(null, { status: 204 })).api.logout()).toBe(true);
    expect(await api(async () => Promise.reject(new TypeError("offline"))).api.logout()).toBe(false);
  });

  it("reads the reason a session ended, and drops one this client does not know", async () => {
    const revoked = api(async () => json(401, { detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID", reason: "revoked_by_admin" })).api;
    expect(await revoked.refresh()).toMatchObject({ kind: "rejected", status: 401, reason: "revoked_by_admin" });
    const future = api(async () => json(401, { detail: "The refresh token has expired or was not found.", reason: "moon_phase" })).api;
    expect(await future.refresh()).toMatchObject({ kind: "rejected", reason: undefined });
    const disabled = api(async () => json(401, { detail: "User account error.", code: "ACCOUNT_ERROR" })).api;
    expect(await disabled.refresh()).toMatchObject({ reason: "account_disabled" });
  });

  it("asks as a probe only when told to, and reads 204 as no session", async () => {
    const { fetchFn, api: auth } = api(async () => new Response(null, { status: 204 }));
    expect(await auth.refresh({ probe: true })).toEqual({ ok: false, kind: "none", status: 204, detail: "No session." });
    await auth.refresh();
    const headers = fetchFn.mock.calls.map(([, init]) => new Headers(init?.headers).get("X-Session-Probe"));
    expect(headers).toEqual(["1", null]);
  });

  it("hands on a lockout's Retry-After", async () => {
    const locked = api(async () => new Response(JSON.stringify({ detail: "Too many failed sign-in attempts." }), { status: 429, headers: { "Retry-After": "120" } })).api;
    expect(await locked.login({ username: "x", password: "y" })).toMatchObject({ kind: "transient", status: 429, retryAfterSeconds: 120 });
  });

  it("reads the password step's second-step challenge: no token, what to send the code with", async () => {
    const body = { detail: "Enter the code from your authenticator app.", code: "MFA_REQUIRED", mfa_token: "opaque", mfa_methods: ["totp", "recovery_code"] };
    expect(await api(async () => json(403, body)).api.login({ username: "x", password: "y" })).toEqual({
      ok: false,
      kind: "second-step",
      status: 403,
      detail: body.detail,
      challenge: { mfaToken: "opaque", methods: ["totp", "recovery_code"] },
    });
    const forbidden = api(async () => json(403, { detail: "Forbidden", code: "FORBIDDEN" })).api;
    expect(await forbidden.login({ username: "x", password: "y" })).toMatchObject({ kind: "rejected", status: 403, code: "FORBIDDEN" });
  });

  it("sends the second step as a code grant or a recovery-code grant, and reads how many recovery codes are left", async () => {
    const { fetchFn, api: auth } = api(async () => json(200, { ...tokenBody, recovery_codes_left: 7 }));
    expect(await auth.secondStep("opaque", { recovery_code: "abcde-fghij" })).toEqual({ ok: true, token: tokenBody, recoveryCodesLeft: 7 });
    await auth.secondStep("opaque", { otp: "123456" });
    const bodies = fetchFn.mock.calls.map(([url, init]) => [url, JSON.parse(String(init?.body))]);
    expect(bodies).toEqual([
      ["/api/auth/token", { grant_type: "mfa_recovery_code", mfa_token: "opaque", recovery_code: "abcde-fghij" }],
      ["/api/auth/token", { grant_type: "mfa_otp", mfa_token: "opaque", otp: "123456" }],
    ]);
    const wrong = api(async () => json(401, { detail: "That code is not right.", code: "MFA_CODE_INVALID", attempts_left: 4 })).api;
    expect(await wrong.secondStep("opaque", { otp: "000000" })).toMatchObject({ kind: "rejected", status: 401, code: "MFA_CODE_INVALID" });
  });

  it("re-authenticates with a code beside the password for an account that has one", async () => {
    const { fetchFn, api: auth } = api(async () => json(200, tokenBody));
    await auth.reauthenticate("t", "secret", { otp: "123456" });
    expect(JSON.parse(String(fetchFn.mock.calls[0]![1]!.body))).toEqual({ password: "secret", otp: "123456" });
    const asks = api(async () => json(401, { detail: "Enter a code too.", code: "MFA_REQUIRED", mfa_methods: ["totp", "recovery_code"] })).api;
    expect(await asks.reauthenticate("t", "secret")).toMatchObject({ kind: "rejected", status: 401, code: "MFA_REQUIRED" });
  });
  it("sends a passkey's answer as the sign-in grant, the second step and the step-up proof", async () => {
    const proof = { challenge_id: "ch-1", credential: { id: "cred", rawId: "cred", type: "public-key", response: {}, clientExtensionResults: {} } } as unknown as PasskeyProof;
    const { fetchFn, api: auth } = api(async () => json(200, tokenBody));
    expect(await auth.passkeySignIn(proof)).toEqual({ ok: true, token: tokenBody });
    await auth.secondStep("opaque", { passkey: proof });
    await auth.reauthenticateWithPasskey("the.access.token", proof);
    const sent = fetchFn.mock.calls.map(([url, init]) => [url, JSON.parse(String(init?.body))]);
    expect(sent).toEqual([
      ["/api/auth/token", { grant_type: "passkey", ...proof }],
      ["/api/auth/token", { grant_type: "mfa_passkey", mfa_token: "opaque", ...proof }],
      ["/api/auth/reauthenticate", proof],
    ]);
    expect(new Headers(fetchFn.mock.calls[2]![1]!.headers).get("Authorization")).toBe("Bearer the.access.token");
    const refused = api(async () => json(401, { detail: "Passkey not accepted.", code: "PASSKEY_INVALID" })).api;
    expect(await refused.passkeySignIn(proof)).toEqual({ ok: false, kind: "rejected", status: 401, detail: "Passkey not accepted.", code: "PASSKEY_INVALID" });
  });
});
