import type { UserRecord } from "../user-storage";

/**
 * How a user proved who they are, as RFC 8176 names the methods; each factor adds its own:
 * `otp` for a TOTP code, `mfa` whenever a second factor was passed (a recovery code is `mfa`
 * without `otp`: RFC 8176 has no word for it, and it is not a one-time password from a device).
 */
export type AuthMethod = "pwd" | "otp" | "mfa";

/** What the credentials checked so far prove: who, by which methods, and when. */
export interface SignInProof {
  user: UserRecord;
  amr: readonly AuthMethod[];
  authTime: Date;
}
