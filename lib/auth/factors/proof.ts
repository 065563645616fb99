import type { UserRecord } from "../user-storage";

/** How a user proved who they are, as RFC 8176 names the methods; each factor adds its own. */
export type AuthMethod = "pwd";

/** What the credentials checked so far prove: who, by which methods, and when. */
export interface SignInProof {
  user: UserRecord;
  amr: readonly AuthMethod[];
  authTime: Date;
}
