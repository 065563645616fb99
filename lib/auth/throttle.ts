import { createHash } from "node:crypto";
import type { ThrottleStore } from "./storage";

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
  /** First lock; each failure past the threshold doubles it, up to maxLockSeconds. */
  lockSeconds: number;
  maxLockSeconds: number;
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
};

/** Refused with a Retry-After, or let through after a delay holding its reservation. */
export type Admission = { locked: true; retryAfterSeconds: number } | { locked: false; delayMs: number; reservation: Reservation };

/** An attempt that holds its place in the counters until it turns out a success or a failure. */
export interface Reservation {
  username: string;
  ip: string;
  /** Counted attempts of the pair and of the address, this one included. */
  counts: { pair: number; ip: number };
}

// Usernames are hashed into the key so the table holds no list of attempted names. The
// key starts with the username's own hash (hex: no LIKE wildcards) so an admin can clear
// every lock of one username, whatever the address.
const usernamePrefix = (username: string) => `pair:${createHash("sha256").update(username).digest("hex")}:`;
const pairKey = (username: string, ip: string) =>
  usernamePrefix(username) + createHash("sha256").update(`${username}\u0000${ip}`).digest("base64url");
const ipKey = (ip: string) => `ip:${ip}`;

export function loginThrottle(repo: ThrottleStore, policy: ThrottlePolicy) {
  const windowStart = (now: Date) => new Date(now.getTime() - policy.windowSeconds * 1000);
  
  function lockFor(failures: number, threshold: number): number {
    const doublings = Math.min(failures - threshold, 20);
    return Math.min(policy.lockSeconds * 2 ** doublings, policy.maxLockSeconds);
  }

  const keys = (username: string, ip: string) => ({ pair: pairKey(username, ip), ip: ipKey(ip) });

  async function lockedFor(username: string, ip: string, now: Date): Promise<number> {
    const { pair, ip: address } = keys(username, ip);
    const rows = await repo.find([pair, address]);
    const lockedUntil = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
    return lockedUntil > now.getTime() ? Math.ceil((lockedUntil - now.getTime()) / 1000) : 0;
  }

  /** Locks every key whose count has reached its threshold; the longest lock in seconds, or 0. */
  async function lockReached(reservation: Reservation, now: Date): Promise<number> {
    const { pair, ip } = keys(reservation.username, reservation.ip);
    let longest = 0;
    for (const [key, count, threshold] of [
      [pair, reservation.counts.pair, policy.pairLockAfter],
      [ip, reservation.counts.ip, policy.ipLockAfter],
    ] as const) {
      if (count < threshold) continue;
      const seconds = lockFor(count, threshold);
      await repo.lock(key, new Date(now.getTime() + seconds * 1000), now);
      longest = Math.max(longest, seconds);
    }
    return longest;
  }

  return {
    /**
     * Counts the attempt before its password is checked, so parallel guesses cannot all
     * slip past the lock: once a pair (or an address) has used its attempts in the window,
     * the next ones are refused, however many arrive at once, and each extends the lock.
     */
    async reserve(username: string, ip: string, now: Date): Promise<Admission> {
      const locked = await lockedFor(username, ip, now);
      if (locked > 0) return { locked: true, retryAfterSeconds: locked };
      const { pair, ip: address } = keys(username, ip);
      const pairRow = await repo.addFailure(pair, now, windowStart(now));
      const ipRow = await repo.addFailure(address, now, windowStart(now));
      const reservation: Reservation = { username, ip, counts: { pair: pairRow.failures, ip: ipRow.failures } };
      if (reservation.counts.pair > policy.pairLockAfter || reservation.counts.ip > policy.ipLockAfter) {
        return { locked: true, retryAfterSeconds: await lockReached(reservation, now) };
      }
      const earlierFailures = reservation.counts.pair - 1 - policy.freeFailures;
      const delayMs = earlierFailures > 0 ? Math.min(policy.baseDelayMs * 2 ** (earlierFailures - 1), policy.maxDelayMs) : 0;
      return { locked: false, delayMs, reservation };
    },

    /** The password was wrong: the reservation stays counted, and may lock the pair or the address. */
    failed: (reservation: Reservation, now: Date) => lockReached(reservation, now),

    /** The password was right: the pair starts afresh and the address gets its attempt back. */
    async succeeded(reservation: Reservation, now: Date): Promise<void> {
      const { pair, ip } = keys(reservation.username, reservation.ip);
      await repo.clear(pair);
      await repo.release(ip, now);
    },

    /** Clears the failed-login counters and locks of `username` (canonical) from every address. */
    unlock: (username: string) => repo.clearPrefix(usernamePrefix(username)),
  };
}
