import type { AuthMethod } from "./proof";

/** The second step's limits (docs/totp.md explains each choice). */
export const MFA_POLICY = {
  /** How long an mfa_token may finish a sign-in. */
  challengeTtlSeconds: 300,
  /** Wrong codes one mfa_token takes before it ends. */
  challengeMaxFailures: 5,
  /** Consecutive second-step failures (any mfa_token, re-authentication, turning off) that lock it (NIST 800-63B §5.2.2). */
  lockAfterFailures: 10,
  lockSeconds: 15 * 60,
} as const;

export const TOTP_AMR: readonly AuthMethod[] = ["pwd", "otp", "mfa"];
export const RECOVERY_CODE_AMR: readonly AuthMethod[] = ["pwd", "mfa"];
