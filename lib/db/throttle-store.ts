import type { ThrottleRow, ThrottleStore } from "../auth/storage";
import type { Database } from "./client";
import { sql } from "./engine/engine";
import { withNotices } from "./notices";

const columns = { key: true, failures: true, pending: true, windowStart: true, lockedUntil: true } as const;
/** What a key with no row counts: nothing. */
const emptyRow = (key: string, now: Date): ThrottleRow => ({ key, failures: 0, pending: 0, windowStart: now, lockedUntil: null });

/**
 * Each change is one statement that both engines make atomic: SQLite runs one writer at a
 * time, and PostgreSQL re-checks an `ON CONFLICT … WHERE` or an `UPDATE`'s condition on the
 * row's newest version once it holds the row's lock, so two instances never both take the last place.
 */
export function prismaThrottleStore({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): ThrottleStore {
  const row = (key: string) => db.loginThrottle.findUnique({ where: { key }, select: columns });

  return {
    async hold(key, limit, now, windowStartedBefore) {
      // A window that has passed starts afresh, unless a lock still runs; anything it still
      // held is forgotten with it, so an attempt lost with a crashed process frees its place.
      await engine.execute(sql`UPDATE "LoginThrottle" SET "failures" = 0, "pending" = 0, "windowStart" = ${now}, "lockedUntil" = NULL, "updatedAt" = ${now}
        WHERE "key" = ${key} AND "windowStart" < ${windowStartedBefore} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})`);
      const taken = await engine.execute(sql`INSERT INTO "LoginThrottle" ("key", "failures", "pending", "windowStart", "updatedAt") VALUES (${key}, 0, 1, ${now}, ${now})
        ON CONFLICT ("key") DO UPDATE SET "pending" = "LoginThrottle"."pending" + 1, "updatedAt" = ${now}
        WHERE ("LoginThrottle"."lockedUntil" IS NULL OR "LoginThrottle"."lockedUntil" <= ${now})
          AND "LoginThrottle"."failures" + "LoginThrottle"."pending" < ${limit}`);
      return { held: taken === 1, row: (await row(key)) ?? emptyRow(key, now) };
    },

    async settle(key, outcome, now) {
      await engine.execute(sql`UPDATE "LoginThrottle" SET
          "failures" = CASE ${outcome} WHEN 'failed' THEN "failures" + 1 WHEN 'succeeded' THEN 0 ELSE "failures" END,
          "lockedUntil" = CASE ${outcome} WHEN 'succeeded' THEN NULL ELSE "lockedUntil" END,
          "pending" = CASE WHEN "pending" > 0 THEN "pending" - 1 ELSE 0 END, "updatedAt" = ${now}
        WHERE "key" = ${key}`);
      // A row with no failure, no lock and nothing held says nothing: it goes, so logins that
      // succeed leave no trace here.
      await engine.execute(sql`DELETE FROM "LoginThrottle" WHERE "key" = ${key} AND "failures" = 0 AND "pending" = 0 AND "lockedUntil" IS NULL`);
      return row(key);
    },

    async addFailure(key, now) {
      await engine.execute(sql`UPDATE "LoginThrottle" SET "failures" = "failures" + 1, "updatedAt" = ${now} WHERE "key" = ${key}`);
      return (await row(key)) ?? emptyRow(key, now);
    },

    // Only ever extends a lock: racing attempts each lock for their own count, and the
    // longest of those must stand whichever write lands last.
    async lock(key, until, now) {
      await db.loginThrottle.updateMany({
        where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lt: until } }] },
        data: { lockedUntil: until, updatedAt: now },
      });
    },

    clearPrefix(prefix, notices) {
      if (/[%_\\]/.test(prefix)) throw new Error("A throttle key prefix cannot hold LIKE wildcards");
      return withNotices({ db, engine, outbox }, async (tx) => (await tx.loginThrottle.deleteMany({ where: { key: { startsWith: prefix } } })).count, notices);
    },
  };
}
