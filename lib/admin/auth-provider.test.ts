import { describe, expect, it, vi } from "vitest";
import { createAuthProvider } from "./auth-provider";
import type { HttpClient } from "./http-client";
import { HttpError, refusalCodeOf, retryAfterOf, secondStepOf } from "./http-error";
import { createReauth } from "./reauth";
import { notConfirmedError } from "./step-up";
import type { PasskeyProof } from "./passkey-proof";
import type { SecondFactor } from "./second-factor";
import type { SessionEvent, SessionStatus } from "./token-manager";

const challenge = { mfaToken: "opaque", methods: ["totp" as const, "recovery_code" as const] };
const identity = { id: 1, username: "janedoe", fullName: "Jane Doe", email: "jane@example.com", role: "user" as const };

function setup(status: SessionStatus = "signed-in") {
  const listeners = new Set<(e: SessionEvent) => void>();
  const tokens = {
    token: vi.fn(async (): Promise<string | null> => "jwt"),
    login: vi.fn(async (_u: string, password: string) =>
      password === "secret"
        ? { ok: true as const }
        : password === "locked"
          ? { ok: false as const, status: 429, detail: "Too many failed sign-in attempts.", retryAfterSeconds: 60 }
          : password === "two-step"
            ? { ok: false as const, status: 403, detail: "Enter a code.", secondStep: challenge }
            : { ok: false as const, status: 401, detail: "Incorrect username or password" },
    ),
    completeLogin: vi.fn(async (_c: typeof challenge, factor: SecondFactor) =>
      "otp" in factor && factor.otp === "123456"
        ? { ok: true as const }
        : "recovery_code" in factor
          ? { ok: true as const, recoveryCodesLeft: 9 }
          : { ok: false as const, status: 401, detail: "That code is not right.", code: "MFA_CODE_INVALID" },
    ),
    signInWithPasskey: vi.fn(async (proof: PasskeyProof) =>
      proof.challenge_id === "good" ? { ok: true as const } : { ok: false as const, status: 401, detail: "Passkey not accepted.", code: "PASSKEY_INVALID" },
    ),
    signOut: vi.fn(async () => {}),
    forget: vi.fn(),
    status: vi.fn(() => status),
    subscribe: (l: (e: SessionEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const httpClient = vi.fn<HttpClient>(async () => ({ status: 200, headers: new Headers(), body: "", json: identity }));
  const reauth = createReauth();
  const provider = createAuthProvider(tokens, httpClient, reauth);
  return { tokens, httpClient, reauth, provider, emit: (e: SessionEvent) => listeners.forEach((l) => l(e)) };
}

describe("auth provider", () => {
  it("turns a refused login into an error carrying the server's detail", async () => {
    const { provider } = setup("signed-out");
    await expect(provider.login({ username: "janedoe", password: "nope" })).rejects.toThrow("Incorrect username or password");
    await expect(provider.login({ username: "janedoe", password: "secret" })).resolves.toEqual({ recoveryCodesLeft: undefined });
  });

  it("hands the login form the challenge of a second step, then signs in with its code", async () => {
    const { provider, tokens } = setup("signed-out");
    const failure = await provider.login({ username: "janedoe", password: "two-step" }).catch((error: unknown) => error);
    expect(secondStepOf(failure)).toEqual(challenge);
    const wrong = await provider.login({ challenge, factor: { otp: "000000" } }).catch((error: unknown) => error);
    expect(refusalCodeOf(wrong)).toBe("MFA_CODE_INVALID");
    expect(secondStepOf(wrong)).toBeNull();
    await expect(provider.login({ challenge, factor: { otp: "123456" } })).resolves.toEqual({ recoveryCodesLeft: undefined });
    await expect(provider.login({ challenge, factor: { recovery_code: "aaaaa-bbbbb" } })).resolves.toEqual({ recoveryCodesLeft: 9 });
    expect(tokens.completeLogin).toHaveBeenCalledWith(challenge, { otp: "123456" });
  });

  it("signs in with a passkey alone, and hands a refused one's code to the form", async () => {
    const { provider, tokens } = setup("signed-out");
    const credential = { id: "c" } as unknown as PasskeyProof["credential"];
    await expect(provider.login({ passkey: { challenge_id: "good", credential } })).resolves.toEqual({ recoveryCodesLeft: undefined });
    expect(tokens.signInWithPasskey).toHaveBeenCalledWith({ challenge_id: "good", credential });
    const refused = await provider.login({ passkey: { challenge_id: "spent", credential } }).catch((error: unknown) => error);
    expect(refusalCodeOf(refused)).toBe("PASSKEY_INVALID");
    expect(tokens.login).not.toHaveBeenCalled();
  });

  it("carries a lockout's Retry-After to the login form", async () => {
    const { provider } = setup("signed-out");
    const failure = await provider.login({ username: "janedoe", password: "locked" }).catch((error: unknown) => error);
    expect(retryAfterOf(failure)).toBe(60);
    expect(retryAfterOf(new HttpError("Incorrect username or password", 401))).toBeNull();
  });

  it("checkAuth waits for an in-place sign-in instead of leaving the page", async () => {
    const { provider, tokens, reauth } = setup("signed-out");
    tokens.token.mockResolvedValue(null);
    reauth.open({ username: "janedoe", message: "An administrator signed you out.", voluntary: false });
    const resumed = provider.checkAuth({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    reauth.settle(true);
    await expect(resumed).resolves.toBeUndefined();

    reauth.open({ username: "janedoe", message: "An administrator signed you out.", voluntary: false });
    const abandoned = provider.checkAuth({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    reauth.settle(false);
    await expect(abandoned).rejects.toEqual({ message: false });
  });

  it("checkAuth waits for a token and rejects silently without one", async () => {
    const { provider, tokens } = setup();
    await expect(provider.checkAuth({})).resolves.toBeUndefined();
    tokens.token.mockResolvedValueOnce(null);
    await expect(provider.checkAuth({})).rejects.toEqual({ message: false });
  });

  it("checkError never rejects, so react-admin cannot turn a failed call into a success", async () => {
    const { provider } = setup();
    await expect(provider.checkError(new HttpError("Session over", 401, null, true))).resolves.toBeUndefined();
    await expect(provider.checkError(new HttpError("Forbidden", 403))).resolves.toBeUndefined();
    await expect(provider.checkError(new HttpError("Cannot reach the server", 0))).resolves.toBeUndefined();
    await expect(provider.checkError(new HttpError("Internal server error.", 500))).resolves.toBeUndefined();
  });

  it("checkError leaves a step-up refusal alone: no sign-out, no refresh, the session as it was", async () => {
    const { provider, tokens } = setup("signed-in");
    await expect(provider.checkError(notConfirmedError({ detail: "Confirm it's you.", maxAgeSeconds: 900 }))).resolves.toBeUndefined();
    expect(tokens.signOut).not.toHaveBeenCalled();
    expect(tokens.status()).toBe("signed-in");
  });

  it("logout revokes a live session but only forgets a dead one", async () => {
    const live = setup("signed-in");
    await live.provider.logout({});
    expect(live.tokens.signOut).toHaveBeenCalledTimes(1);
    const dead = setup("signed-out");
    await dead.provider.logout({});
    expect(dead.tokens.signOut).not.toHaveBeenCalled();
    expect(dead.tokens.forget).toHaveBeenCalledTimes(1);
  });

  it("reads identity, permissions and access from /api/auth/me once per session", async () => {
    const { provider, httpClient, emit } = setup();
    expect(await provider.getIdentity!()).toEqual({ ...identity, totpEnabled: false, passkeyCount: 0 });
    expect(await provider.getPermissions!({})).toBe("user");
    expect(await provider.canAccess!({ action: "list", resource: "invoices" })).toBe(true);
    expect(await provider.canAccess!({ action: "read", resource: "invoices.ownerUsername" })).toBe(false);
    expect(httpClient).toHaveBeenCalledTimes(1);
    expect(httpClient).toHaveBeenCalledWith("/api/auth/me");
    emit({ type: "signed-out", reason: "You signed out in another tab.", resumable: false });
    await provider.getIdentity!();
    expect(httpClient).toHaveBeenCalledTimes(2);
  });
});
