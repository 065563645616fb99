import type { UserRecord } from "../user-storage";

/**
 * How a user proved who they are, as RFC 8176 names the methods; each factor adds its own:
 * `otp` for a TOTP code, `mfa` whenever a second factor was passed (a recovery code is `mfa`
 * without `otp`: RFC 8176 has no word for it, and it is not a one-time password from a device);
 * a passkey is `pop` (a key proven by possession) and `user` (its user verification), and `mfa`.
 */
export type AuthMethod = "pwd" | "otp" | "mfa" | "pop" | "user";

/** What the credentials checked so far prove: who, by which methods, and when. */
export interface SignInProof {
  user: UserRecord;
  amr: readonly AuthMethod[];
  authTime: Date;
}
