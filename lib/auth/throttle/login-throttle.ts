import { createHash } from "node:crypto";
import { errors } from "../../errors/catalog";
import type { NoticesFor } from "../notifications/storage";
import type { ThrottleRow, ThrottleSettlement, ThrottleStore } from "./storage";
import { untilSettledOr, wakeWaiters } from "./wait";

/**
 * Failed-login throttling (ASVS 6.3.1), kept in the database so every instance shares it.
 * Counted per (username, IP) pair, so an attacker elsewhere cannot lock a victim out,
 * and per IP, so one address cannot spray many usernames.
 */
export interface ThrottlePolicy {
  windowSeconds: number;
  /** Failures of a pair answered without delay. */
  freeFailures: number;
  /** Delay added per earlier failure beyond the free ones, doubling, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  pairLockAfter: number;
  ipLockAfter: number;
  /** First lock; each attempt refused after a lock ended doubles it, up to maxLockSeconds. */
  lockSeconds: number;
  maxLockSeconds: number;
  /** How long an attempt may wait for the earlier ones of its pair or address to be decided. */
  maxWaitMs: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
  windowSeconds: 15 * 60,
  freeFailures: 2,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  pairLockAfter: 10,
  ipLockAfter: 100,
  lockSeconds: 60,
  maxLockSeconds: 15 * 60,
  maxWaitMs: 10_000,
};

/** Refused with a Retry-After, or let through after a delay holding its reservation. */
export type Admission = { locked: true; retryAfterSeconds: number } | { locked: false; delayMs: number; reservation: Reservation };

/** An attempt that holds its place in the counters until it turns out a success or a failure. */
export interface Reservation {
  username: string;
  ip: string;
  /** How long it waited for its place: the caller's clock is that much behind. */
  waitedMs: number;
}

// Usernames are hashed into the key so the table holds no list of attempted names. The
// key starts with the username's own hash (hex: no LIKE wildcards) so an admin can clear
// every lock of one username, whatever the address.
const usernamePrefix = (username: string) => `pair:${createHash("sha256").update(username).digest("hex")}:`;
const pairKey = (username: string, ip: string) =>
  usernamePrefix(username) + createHash("sha256").update(`${username}\u0000${ip}`).digest("base64url");
const ipKey = (ip: string) => `ip:${ip}`;

const FIRST_POLL_MS = 5;
const LONGEST_POLL_MS = 200;
const BUSY_RETRY_AFTER_SECONDS = 2;

/** A refusal under a running lock names its end (`until`), so the answer can count down from when it is given. */
type Attempt = { held: true; pairFailures: number } | { held: false; retryAfterSeconds: number; until?: Date } | { held: false; full: true };

export function loginThrottle(repo: ThrottleStore, policy: ThrottlePolicy) {
  const windowStart = (now: Date) => new Date(now.getTime() - policy.windowSeconds * 1000);
  const lockFor = (failures: number, threshold: number) =>
    Math.min(policy.lockSeconds * 2 ** Math.min(failures - threshold, 20), policy.maxLockSeconds);
  const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

  const keys = (username: string, ip: string) => [
    { key: pairKey(username, ip), limit: policy.pairLockAfter },
    { key: ipKey(ip), limit: policy.ipLockAfter },
  ];

  async function lock(key: string, failures: number, limit: number, now: Date): Promise<number> {
    const seconds = lockFor(failures, limit);
    await repo.lock(key, new Date(now.getTime() + seconds * 1000), now);
    return seconds;
  }

  /**
   * Why a key refused a place: its lock still runs, its failures reached the limit (refused,
   * and a lock that had ended is doubled), or earlier attempts still hold every place left.
   */
  async function refusal(row: ThrottleRow, limit: number, now: Date): Promise<Attempt> {
    if (row.lockedUntil && row.lockedUntil > now) return { held: false, retryAfterSeconds: secondsUntil(row.lockedUntil, now), until: row.lockedUntil };
    if (row.failures < limit) return { held: false, full: true };
    // No lock yet: the failure that reached the limit is about to write it, for this count.
    if (!row.lockedUntil) return { held: false, retryAfterSeconds: await lock(row.key, row.failures, limit, now) };
    const counted = await repo.addFailure(row.key, now);
    return { held: false, retryAfterSeconds: await lock(row.key, counted.failures, limit, now) };
  }

  /** Holds a place on the pair and on the address, or on neither. */
  async function attempt(username: string, ip: string, now: Date): Promise<Attempt> {
    let pairFailures = 0;
    const held: string[] = [];
    for (const { key, limit } of keys(username, ip)) {
      const { held: took, row } = await repo.hold(key, limit, now, windowStart(now));
      if (took) {
        held.push(key);
        if (held.length === 1) pairFailures = row.failures;
        continue;
      }
      for (const heldKey of held) await repo.settle(heldKey, "released", now);
      if (held.length) wakeWaiters();
      return refusal(row, limit, now);
    }
    return { held: true, pairFailures };
  }

  async function settle({ username, ip }: Reservation, pair: ThrottleSettlement, address: ThrottleSettlement, now: Date) {
    const rows = [await repo.settle(pairKey(username, ip), pair, now), await repo.settle(ipKey(ip), address, now)] as const;
    wakeWaiters();
    return rows;
  }

  return {
    /**
     * Holds the attempt's place before its password is checked, so parallel guesses cannot
     * all slip past the limit: failures and attempts still being checked together never pass
     * it. An attempt that finds every place held waits, on timers, for the earlier ones to be
     * decided (a success gives its place back) and is refused only once failures really
     * reached the limit; one that waits longer than the policy allows answers busy.
     */
    async reserve(username: string, ip: string, now: Date): Promise<Admission> {
      const started = Date.now();
      // Real time is added only once the attempt has really waited: an attempt admitted at once
      // is judged at the caller's `now`, however long the event loop took to get here.
      let waitedMs = 0;
      for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
        const at = new Date(now.getTime() + waitedMs);
        const outcome = await attempt(username, ip, at);
        if (outcome.held) {
          const earlierFailures = outcome.pairFailures - policy.freeFailures;
          const delayMs = earlierFailures > 0 ? Math.min(policy.baseDelayMs * 2 ** (earlierFailures - 1), policy.maxDelayMs) : 0;
          return { locked: false, delayMs, reservation: { username, ip, waitedMs: at.getTime() - now.getTime() } };
        }
        if ("retryAfterSeconds" in outcome) {
          // The look itself may have waited on the database (another attempt holding the row)
          // while a lock was written: the refusal counts down from when it is answered.
          const answeredAt = new Date(now.getTime() + (Date.now() - started));
          return { locked: true, retryAfterSeconds: outcome.until ? secondsUntil(outcome.until, answeredAt) : outcome.retryAfterSeconds };
        }
        const waitLeft = policy.maxWaitMs - (Date.now() - started);
        if (waitLeft <= 0) throw errors.busy(BUSY_RETRY_AFTER_SECONDS);
        await untilSettledOr(Math.min(pause, waitLeft));
        waitedMs = Date.now() - started;
      }
    },

    /** Runs the password check holding the places; a check that throws gives them back, counting nothing. */
    async checking<T>(reservation: Reservation, now: Date, check: () => Promise<T>): Promise<T> {
      try {
        return await check();
      } catch (error) {
        await settle(reservation, "released", "released", new Date(now.getTime() + reservation.waitedMs)).catch(() => undefined);
        throw error;
      }
    },

    /** Neither a right nor a wrong guess (an account that may not sign in): the places go back, nothing counted. */
    async released(reservation: Reservation, now: Date): Promise<void> {
      await settle(reservation, "released", "released", new Date(now.getTime() + reservation.waitedMs));
    },

    /** The password was wrong: counted on the pair and the address, and may lock either; the longest lock in seconds, or 0. */
    async failed(reservation: Reservation, now: Date): Promise<number> {
      const at = new Date(now.getTime() + reservation.waitedMs);
      const [pair, address] = await settle(reservation, "failed", "failed", at);
      let longest = 0;
      for (const [row, limit] of [[pair, policy.pairLockAfter], [address, policy.ipLockAfter]] as const) {
        if (row && row.failures >= limit) longest = Math.max(longest, await lock(row.key, row.failures, limit, at));
      }
      return longest;
    },

    /** The password was right: the pair starts afresh and the address gets its place back. */
    async succeeded(reservation: Reservation, now: Date): Promise<void> {
      await settle(reservation, "succeeded", "released", new Date(now.getTime() + reservation.waitedMs));
    },

    /** Clears the failed-login counters and locks of `username` (canonical) from every address. */
    unlock: (username: string, notices?: NoticesFor<number>) => repo.clearPrefix(usernamePrefix(username), notices),
  };
}
