import type { AuthProvider, UserIdentity } from "react-admin";
import { type Identity, identitySchema } from "../contracts/auth";
import type { HttpClient } from "./http-client";
import { HttpError } from "./http-error";
import { canAccess } from "./permissions";
import type { TokenManager } from "./token-manager";

type Tokens = Pick<TokenManager, "token" | "login" | "signOut" | "forget" | "status" | "subscribe">;

export function createAuthProvider(tokens: Tokens, httpClient: HttpClient): AuthProvider {
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
    async login({ username, password }: { username: string; password: string }) {
      const result = await tokens.login(username, password);
      if (!result.ok) throw new HttpError(result.detail, result.status);
      identity = null;
    },

    async logout() {
      identity = null;
      if (tokens.status() === "signed-in") await tokens.signOut();
      else tokens.forget();
    },

    async checkAuth() {
      // After a reload this waits for the refresh through the cookie, however long the network needs.
      if (!(await tokens.token())) throw { message: false };
    },

    async checkError(error: unknown) {
      // The HTTP client has already tried a refresh and a retry; a 401 here means the session is over.
      if (error instanceof HttpError && error.status === 401) throw { message: false };
    },

    async getIdentity(): Promise<UserIdentity> {
      const { id, fullName, username, email, role } = await currentIdentity();
      return { id, fullName, username, email, role };
    },

    async getPermissions() {
      return (await currentIdentity()).role;
    },

    async canAccess({ action, resource }) {
      return canAccess((await currentIdentity()).role, action, resource);
    },
  };
}
