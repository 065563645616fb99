import type { NoticesFor } from "../notifications/storage";

/** A user's TOTP row as the factor reads it; secrets stay sealed here. */
export interface TotpRecord {
  userId: number;
  secretEnc: string | null;
  pendingSecretEnc: string | null;
  enabledAt: Date | null;
  lastStep: number;
  failures: number;
  lockedUntil: Date | null;
}

/** A pending second step, found by the SHA-256 of its mfa_token. */
export interface MfaChallengeRecord {
  tokenHash: string;
  userId: number;
  ip: string | null;
  /** The user's credential version when the password was checked: a change since ends the challenge. */
  credentialVersion: number;
  authTime: Date;
  expiresAt: Date;
  failures: number;
  usedAt: Date | null;
}

/**
 * What the second factor keeps, shared by every instance. Each change that decides a race is
 * one conditional statement whose affected-row count is the answer (lib/db/mfa-store.ts).
 */
export interface MfaStore {
  totp(userId: number): Promise<TotpRecord | null>;
  /** Creates or replaces the pending secret; an enabled one stays as it is. */
  setPending(userId: number, sealed: string, now: Date): Promise<void>;
  /**
   * Enables exactly the pending secret `sealed` (false when another enrolment replaced it),
   * spends `step`, and replaces the recovery codes, in one transaction.
   */
  enable(userId: number, sealed: string, step: number, recoveryHashes: readonly string[], now: Date, notices?: NoticesFor<boolean>): Promise<boolean>;
  /** `UPDATE … SET lastStep = step WHERE userId AND enabled AND lastStep < step`: whether this call spent it. */
  spendStep(userId: number, step: number, now: Date): Promise<boolean>;
  /** Removes the factor, its recovery codes and pending challenges; whether there was one. */
  remove(userId: number, notices?: NoticesFor<boolean>): Promise<boolean>;
  /** One more consecutive failure; at `limit` the second step locks until `lockUntil` and the count starts again. */
  recordFailure(userId: number, limit: number, lockUntil: Date, now: Date): Promise<{ lockedUntil: Date | null }>;
  resetFailures(userId: number, now: Date): Promise<void>;

  replaceRecoveryCodes(userId: number, hashes: readonly string[], now: Date): Promise<void>;
  /** `UPDATE … SET usedAt WHERE userId AND codeHash AND usedAt IS NULL`: whether this call used it. */
  useRecoveryCode(userId: number, hash: string, now: Date, notices?: NoticesFor<boolean>): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;

  /** Stores a challenge, and forgets ones that expired before `now`. */
  createChallenge(challenge: Omit<MfaChallengeRecord, "failures" | "usedAt">, now: Date): Promise<void>;
  findChallenge(tokenHash: string): Promise<MfaChallengeRecord | null>;
  /** Counts a wrong code on a live challenge; its failures after this one. */
  failChallenge(tokenHash: string): Promise<number>;
  /** Marks a live challenge used (unused, unexpired, under `maxFailures`): whether this call did. */
  useChallenge(tokenHash: string, maxFailures: number, now: Date): Promise<boolean>;
}
