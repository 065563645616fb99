import { createHash } from "node:crypto";
import type { ThrottleRow, ThrottleStore } from "./storage";

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

export type ThrottleVerdict = { locked: true; retryAfterSeconds: number } | { locked: false; delayMs: number };

// Usernames are hashed into the key so the table holds no list of attempted names. The
// key starts with the username's own hash (hex: no LIKE wildcards) so an admin can clear
// every lock of one username, whatever the address.
const usernamePrefix = (username: string) => `pair:${createHash("sha256").update(username).digest("hex")}:`;
const pairKey = (username: string, ip: string) =>
  usernamePrefix(username) + createHash("sha256").update(`${username}\u0000${ip}`).digest("base64url");
const ipKey = (ip: string) => `ip:${ip}`;

export function loginThrottle(repo: ThrottleStore, policy: ThrottlePolicy) {
  const windowStart = (now: Date) => new Date(now.getTime() - policy.windowSeconds * 1000);
  const failuresIn = (row: ThrottleRow | undefined, now: Date) => (row && row.windowStart >= windowStart(now) ? row.failures : 0);

  function lockFor(failures: number, threshold: number): number {
    const doublings = Math.min(failures - threshold, 20);
    return Math.min(policy.lockSeconds * 2 ** doublings, policy.maxLockSeconds);
  }

  return {
    async check(username: string, ip: string, now: Date): Promise<ThrottleVerdict> {
      const rows = await repo.find([pairKey(username, ip), ipKey(ip)]);
      const lockedUntil = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
      if (lockedUntil > now.getTime()) {
        return { locked: true, retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
      }
      const failures = failuresIn(rows.find((row) => row.key === pairKey(username, ip)), now);
      const extra = failures - policy.freeFailures;
      const delayMs = extra > 0 ? Math.min(policy.baseDelayMs * 2 ** (extra - 1), policy.maxDelayMs) : 0;
      return { locked: false, delayMs };
    },

    async recordFailure(username: string, ip: string, now: Date): Promise<void> {
      const checks: [string, number][] = [
        [pairKey(username, ip), policy.pairLockAfter],
        [ipKey(ip), policy.ipLockAfter],
      ];
      for (const [key, threshold] of checks) {
        const row = await repo.addFailure(key, now, windowStart(now));
        if (row.failures >= threshold) {
          await repo.lock(key, new Date(now.getTime() + lockFor(row.failures, threshold) * 1000), now);
        }
      }
    },

    recordSuccess: (username: string, ip: string) => repo.clear(pairKey(username, ip)),

    /** Clears the failed-login counters and locks of `username` (canonical) from every address. */
    unlock: (username: string) => repo.clearPrefix(usernamePrefix(username)),
  };
}
