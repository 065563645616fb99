import type { NoticesFor } from "../notifications/storage";

export interface ThrottleRow {
  key: string;
  failures: number;
  /** Attempts whose password is being checked now. */
  pending: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** How a held attempt ended: a wrong password, one given back unchecked, or a right password. */
export type ThrottleSettlement = "failed" | "released" | "succeeded";

export interface ThrottleStore {
  /**
   * Holds a place for one attempt whose password is about to be checked, atomically
   * (parallel calls on any instance each take their own), only while the key is not locked
   * at `now` and its failures and the attempts already held stay under `limit`. A row whose
   * window began before `windowStartedBefore`, and that no lock holds, starts a new window
   * first. Whether the place was taken, and the row as it then stands.
   */
  hold(key: string, limit: number, now: Date, windowStartedBefore: Date): Promise<{ held: boolean; row: ThrottleRow }>;
  /**
   * Lets go of a held place: a failure is counted, a released place is given back, and a
   * success gives it back and clears the key's failures and lock. The row after, or null once
   * nothing is left to remember (no failure, no lock, nothing held).
   */
  settle(key: string, outcome: ThrottleSettlement, now: Date): Promise<ThrottleRow | null>;
  /** Counts an attempt refused without a check (one that came once a lock had ended) as a failure. */
  addFailure(key: string, now: Date): Promise<ThrottleRow>;
  /** Locks the key until `until`, or leaves a lock that already lasts longer. */
  lock(key: string, until: Date, now: Date): Promise<void>;
  /** Forgets every row whose key starts with `prefix` (which holds no LIKE wildcard); how many. */
  clearPrefix(prefix: string, notices?: NoticesFor<number>): Promise<number>;
}
