import type { AuthProvider, UserIdentity } from "react-admin";
import { type Identity, identitySchema } from "../contracts/auth";
import type { HttpClient } from "./http-client";
import { HttpError } from "./http-error";
import { canAccess } from "./permissions";
import type { PasskeyProof } from "./passkey-proof";
import type { Reauth } from "./reauth";
import type { SecondFactor, SecondStepChallenge } from "./second-factor";
import type { TokenManager } from "./token-manager";

type Tokens = Pick<TokenManager, "token" | "login" | "completeLogin" | "signInWithPasskey" | "signOut" | "forget" | "status" | "subscribe">;

/** The login form's two steps: the password, then (for an account with a second factor) a code for the challenge; or a passkey alone. */
export type LoginParams = { username: string; password: string } | { challenge: SecondStepChallenge; factor: SecondFactor } | { passkey: PasskeyProof };

export function createAuthProvider(tokens: Tokens, httpClient: HttpClient, reauth: Pick<Reauth, "current" | "outcome">): AuthProvider {
  let identity: Promise<Identity> | null = null;
  tokens.subscribe(() => {
    identity = null;
  });

  function currentIdentity(): Promise<Identity> {
    identity ??= httpClient("/api/auth/me").then(({ json }) => identitySchema.parse(json));
    // A failed lookup is not remembered: the next call asks again.
    identity.catch(() => {
      identity = null;
    });
    return identity;
  }

  return {
    /** Resolves with how many recovery codes are left when one was spent; a second step wanted is an HttpError carrying its challenge. */
    async login(params: LoginParams): Promise<{ recoveryCodesLeft?: number }> {
      const result =
        "passkey" in params
          ? await tokens.signInWithPasskey(params.passkey)
          : "challenge" in params
            ? await tokens.completeLogin(params.challenge, params.factor)
            : await tokens.login(params.username, params.password);
      if (!result.ok) {
        throw new HttpError(result.detail, result.status, { retryAfterSeconds: result.retryAfterSeconds ?? null, code: result.code ?? null, secondStep: result.secondStep ?? null });
      }
      identity = null;
      return { recoveryCodesLeft: result.recoveryCodesLeft };
    },

    async logout() {
      identity = null;
      if (tokens.status() === "signed-in") await tokens.signOut();
      else tokens.forget();
    },

    async checkAuth() {
      // After a reload this waits for the refresh through the cookie; while its owner signs in
      // again in place, for that, so the page and its unsaved input stay.
      if (await tokens.token()) return;
      if (reauth.current() && (await reauth.outcome())) return;
      throw { message: false };
    },

    async checkError() {
      // Never rejects: react-admin would log out and resolve the failed call as a success
      // ({ data: {} }, "Element updated"). A session that ended has already been handled by
      // the token manager's event (sign-in dialog or login page); the call itself fails.
    },

    async getIdentity(): Promise<UserIdentity> {
      const { id, fullName, username, email, role, totpEnabled, passkeyCount } = await currentIdentity();
      return { id, fullName, username, email, role, totpEnabled: totpEnabled ?? false, passkeyCount: passkeyCount ?? 0 };
    },

    async getPermissions() {
      return (await currentIdentity()).role;
    },

    async canAccess({ action, resource }) {
      return canAccess((await currentIdentity()).role, action, resource);
    },
  };
}
