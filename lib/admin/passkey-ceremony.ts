import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  WebAuthnAbortService,
} from "@simplewebauthn/browser";
import { errorBodySchema } from "../contracts/auth";
import { type PasskeyPurpose, passkeyRequestOptionsSchema } from "../contracts/passkeys";
import { HttpError, UNREACHABLE } from "./http-error";
import type { PasskeyProof } from "./passkey-proof";

/** The browser's side of WebAuthn, apart so tests can stand in for it. */
export interface WebAuthnClient {
  supported(): boolean;
  autofillAvailable(): Promise<boolean>;
  authenticate(optionsJSON: PublicKeyCredentialRequestOptionsJSON, autofill: boolean): Promise<AuthenticationResponseJSON>;
  cancel(): void;
}

export const browserWebAuthn: WebAuthnClient = {
  supported: () => browserSupportsWebAuthn(),
  // PublicKeyCredential.isConditionalMediationAvailable(), false where it does not exist.
  autofillAvailable: () => browserSupportsWebAuthnAutofill().catch(() => false),
  authenticate: (optionsJSON, autofill) => startAuthentication({ optionsJSON, useBrowserAutofill: autofill }),
  cancel: () => WebAuthnAbortService.cancelCeremony(),
};

export interface PasskeyCeremony {
  /** False where the browser has no WebAuthn: passkey buttons are then not shown at all. */
  supported(): boolean;
  autofillAvailable(): Promise<boolean>;
  /**
   * A fresh challenge for `purpose` (signing in by default), answered by a passkey the person
   * picks; `autofill` waits among the username field's suggestions instead of a prompt.
   */
  prove(options?: { purpose?: PasskeyPurpose; autofill?: boolean }): Promise<PasskeyProof>;
  /** Ends a waiting prompt or autofill request; its promise rejects with an AbortError. */
  cancel(): void;
}

export function createPasskeyCeremony(fetchFn: typeof fetch, webauthn: WebAuthnClient = browserWebAuthn, url = "/api/auth/passkey/options"): PasskeyCeremony {
  async function challenge(purpose: PasskeyPurpose) {
    const response = await fetchFn(url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ purpose }),
    }).catch(() => null);
    if (!response) throw new HttpError(UNREACHABLE, 0);
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(json);
      const retryAfterSeconds = Number(response.headers.get("Retry-After")) || null;
      throw new HttpError(error.success ? error.data.detail : `The server answered ${response.status}.`, response.status, { code: error.success ? (error.data.code ?? null) : null, retryAfterSeconds });
    }
    return passkeyRequestOptionsSchema.parse(json);
  }

  return {
    supported: () => webauthn.supported(),
    autofillAvailable: async () => webauthn.supported() && (await webauthn.autofillAvailable()),
    async prove({ purpose = "sign_in", autofill = false } = {}) {
      const { challenge_id, options } = await challenge(purpose);
      const credential = await webauthn.authenticate(options as unknown as PublicKeyCredentialRequestOptionsJSON, autofill);
      return { challenge_id, credential };
    },
    cancel: () => webauthn.cancel(),
  };
}
