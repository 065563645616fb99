import type { ThrottleStore } from "../auth/storage";
import type { Db } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export function prismaThrottleStore(db: Db): ThrottleStore {
  async function increment(key: string, now: Date) {
    return db.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, windowStart: now, updatedAt: now },
      update: { failures: { increment: 1 }, updatedAt: now },
    });
  }

  return {
    find: (keys) => db.loginThrottle.findMany({ where: { key: { in: keys } } }),

    async addFailure(key, now, windowStartedBefore) {
      await db.loginThrottle.deleteMany({
        where: { key, windowStart: { lt: windowStartedBefore }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      });
      try {
        return await increment(key, now);
      } catch (error) {
        // Two first failures raced to create the row; the loser counts on the winner's row.
        if (isUniqueViolation(error)) return increment(key, now);
        throw error;
      }
    },

    async release(key, now) {
      await db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 }, updatedAt: now } });
    },

    // Only ever extends a lock: racing attempts each lock for their own count, and the
    // longest of those must stand whichever write lands last.
    async lock(key, until, now) {
      await db.loginThrottle.updateMany({
        where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lt: until } }] },
        data: { lockedUntil: until, updatedAt: now },
      });
    },

    async clear(key) {
      await db.loginThrottle.deleteMany({ where: { key } });
    },

    async clearPrefix(prefix) {
      if (/[%_\\]/.test(prefix)) throw new Error("A throttle key prefix cannot hold LIKE wildcards");
      const cleared = await db.loginThrottle.deleteMany({ where: { key: { startsWith: prefix } } });
      return cleared.count;
    },
  };
}
