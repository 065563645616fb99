import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { describe, expect, it, vi } from "vitest";
import { HttpError } from "./http-error";
import { createPasskeyCeremony, type WebAuthnClient } from "./passkey-ceremony";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const credential = { id: "cred", rawId: "cred", type: "public-key", response: {}, clientExtensionResults: {} } as unknown as AuthenticationResponseJSON;
const options = { challenge: "abc", allowCredentials: [], userVerification: "required" };

function fakeWebAuthn(overrides: Partial<WebAuthnClient> = {}) {
  return {
    supported: () => true,
    autofillAvailable: async () => true,
    authenticate: vi.fn(async () => credential),
    cancel: vi.fn(),
    ...overrides,
  };
}

describe("passkey ceremony", () => {
  it("answers a fresh challenge with the browser's credential, prompting or from autofill", async () => {
    const fetchFn = vi.fn(async () => json(200, { challenge_id: "ch-1", options }));
    const webauthn = fakeWebAuthn();
    const ceremony = createPasskeyCeremony(fetchFn as unknown as typeof fetch, webauthn);
    expect(await ceremony.prove()).toEqual({ challenge_id: "ch-1", credential });
    expect(webauthn.authenticate).toHaveBeenLastCalledWith(options, false);
    await ceremony.prove({ autofill: true });
    expect(webauthn.authenticate).toHaveBeenLastCalledWith(options, true);
    expect(fetchFn).toHaveBeenCalledWith("/api/auth/passkey/options", expect.objectContaining({ method: "POST", credentials: "same-origin", body: JSON.stringify({ purpose: "sign_in" }) }));
    await ceremony.prove({ purpose: "reauth" });
    expect(fetchFn).toHaveBeenLastCalledWith("/api/auth/passkey/options", expect.objectContaining({ body: JSON.stringify({ purpose: "reauth" }) }));
  });

  it("says autofill is unavailable without WebAuthn, whatever the browser claims", async () => {
    const without = createPasskeyCeremony(vi.fn() as unknown as typeof fetch, fakeWebAuthn({ supported: () => false }));
    expect(without.supported()).toBe(false);
    expect(await without.autofillAvailable()).toBe(false);
    const noConditional = createPasskeyCeremony(vi.fn() as unknown as typeof fetch, fakeWebAuthn({ autofillAvailable: async () => false }));
    expect(await noConditional.autofillAvailable()).toBe(false);
  });

  it("turns a refused or unreachable challenge into an HttpError the forms already read, asking the browser nothing", async () => {
    const webauthn = fakeWebAuthn();
    const limited = createPasskeyCeremony((async () => json(429, { detail: "Too many attempts.", code: "RATE_LIMITED" }, { "Retry-After": "30" })) as unknown as typeof fetch, webauthn);
    const failure = await limited.prove().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ status: 429, message: "Too many attempts.", body: { code: "RATE_LIMITED", retryAfterSeconds: 30 } });
    const offline = createPasskeyCeremony((async () => Promise.reject(new TypeError("offline"))) as unknown as typeof fetch, webauthn);
    expect(await offline.prove().catch((error: unknown) => error)).toMatchObject({ status: 0 });
    expect(webauthn.authenticate).not.toHaveBeenCalled();
  });

  it("cancels through the browser's abort service", () => {
    const webauthn = fakeWebAuthn();
    createPasskeyCeremony(vi.fn() as unknown as typeof fetch, webauthn).cancel();
    expect(webauthn.cancel).toHaveBeenCalledOnce();
  });
});
