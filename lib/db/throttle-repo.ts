import type { Db } from "./client";

export interface ThrottleRow {
  key: string;
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export function throttleRepo(db: Db) {
  return {
    find: (keys: string[]): Promise<ThrottleRow[]> => db.loginThrottle.findMany({ where: { key: { in: keys } } }),

    /** Counts one failure atomically, starting a new window when the old one has passed. */
    async addFailure(key: string, now: Date, windowStartedBefore: Date): Promise<ThrottleRow> {
      await db.loginThrottle.deleteMany({ where: { key, windowStart: { lt: windowStartedBefore }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } });
      return db.loginThrottle.upsert({
        where: { key },
        create: { key, failures: 1, windowStart: now, updatedAt: now },
        update: { failures: { increment: 1 }, updatedAt: now },
      });
    },

    lock: (key: string, until: Date, now: Date) =>
      db.loginThrottle.update({ where: { key }, data: { lockedUntil: until, updatedAt: now } }),

    clear: (key: string) => db.loginThrottle.deleteMany({ where: { key } }),
  };
}
